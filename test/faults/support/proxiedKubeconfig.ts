import { writeFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';

/** Writes a copy of a kubeconfig whose clusters point at `server` (a relay in front of the real one); same CA and credentials. */
export function writeProxiedKubeconfig(original: KubeConfig, server: string, file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: original.clusters.map((cluster) => ({ ...cluster, server })),
    users: original.users,
    contexts: original.contexts,
    currentContext: original.currentContext,
  });
  writeFileSync(file, kc.exportConfig(), { mode: 0o600 });
  return kc;
}
