import { contextSource, IN_CLUSTER_CONTEXT } from './contextSource';

export interface ContextInfo {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace: string;
  current: boolean;
  /** 'kubeconfig' for a context of the file, 'in-cluster' for the Pod's service account. */
  source: 'kubeconfig' | 'in-cluster';
  /** How the context authenticates, without the secret itself: token, client certificate, exec plugin, ... */
  authentication: string;
}

export interface ContextList {
  contexts: ContextInfo[];
  current: string;
  mode: string;
}

export function listContexts(): ContextList {
  const { kc, current } = contextSource();
  const contexts = kc.getContexts().map((context): ContextInfo => {
    const user = kc.getUser(context.user);
    let authentication = 'none';
    if (user?.token) authentication = 'bearer token';
    else if (user?.certData || user?.certFile) authentication = 'client certificate';
    else if (user?.exec) authentication = `exec plugin (${user.exec.command ?? 'unknown'})`;
    else if (user?.authProvider) authentication = `auth provider (${user.authProvider.name ?? 'unknown'})`;
    else if (user?.username) authentication = 'username and password';
    return {
      name: context.name,
      cluster: context.cluster,
      server: kc.getCluster(context.cluster)?.server ?? '',
      user: context.name === IN_CLUSTER_CONTEXT ? 'service account' : context.user,
      namespace: context.namespace?.trim() || 'default',
      current: context.name === current,
      source: context.name === IN_CLUSTER_CONTEXT ? 'in-cluster' : 'kubeconfig',
      authentication,
    };
  });
  return { contexts, current, mode: process.env.DASHBOARD_CLUSTER_MODE ?? 'kubeconfig' };
}
