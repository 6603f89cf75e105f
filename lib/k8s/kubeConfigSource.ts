import { KubeConfig } from '@kubernetes/client-node';

/**
 * Loads the kubeconfig the dashboard uses: the file server.ts handed over (DASHBOARD_KUBECONFIG,
 * set for the sandbox), in-cluster credentials, or the user's own ($KUBECONFIG / ~/.kube/config).
 */
export function loadKubeConfig(env: Record<string, string | undefined> = process.env): KubeConfig {
  const kc = new KubeConfig();
  if (env.DASHBOARD_KUBECONFIG) kc.loadFromFile(env.DASHBOARD_KUBECONFIG);
  else if (env.DASHBOARD_CLUSTER_MODE === 'in-cluster') kc.loadFromCluster();
  else kc.loadFromDefault();
  return kc;
}
