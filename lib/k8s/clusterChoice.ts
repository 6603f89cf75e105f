import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ClusterMode = 'sandbox' | 'kubeconfig' | 'in-cluster';

export interface ClusterChoice {
  mode: ClusterMode;
  /** Why this cluster was picked, in words for the start-up banner. */
  reason: string;
}

const modes = ['auto', 'sandbox', 'kubeconfig', 'in-cluster'] as const;

/** Reads CLUSTER=auto|sandbox|kubeconfig|in-cluster and decides which cluster the dashboard talks to. */
export function chooseCluster(env: Record<string, string | undefined> = process.env): ClusterChoice {
  const requested = (env.CLUSTER ?? 'auto').trim() || 'auto';
  if (!(modes as readonly string[]).includes(requested)) {
    throw new Error(`CLUSTER must be one of ${modes.join(', ')}; got "${requested}".`);
  }
  if (requested === 'sandbox') return { mode: 'sandbox', reason: 'CLUSTER=sandbox' };
  if (requested === 'in-cluster') return { mode: 'in-cluster', reason: 'CLUSTER=in-cluster' };
  if (requested === 'kubeconfig') return { mode: 'kubeconfig', reason: 'CLUSTER=kubeconfig' };
  if (env.KUBERNETES_SERVICE_HOST) return { mode: 'in-cluster', reason: 'running inside a cluster (KUBERNETES_SERVICE_HOST is set)' };
  if (env.KUBECONFIG && env.KUBECONFIG.split(path.delimiter).some((file) => file && existsSync(file))) {
    return { mode: 'kubeconfig', reason: `$KUBECONFIG (${env.KUBECONFIG})` };
  }
  const home = path.join(env.HOME ?? os.homedir(), '.kube', 'config');
  if (existsSync(home)) return { mode: 'kubeconfig', reason: `${home} exists` };
  return { mode: 'sandbox', reason: 'no kubeconfig found, so the embedded sandbox cluster is started' };
}
