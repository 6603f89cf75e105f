import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { loadKubeConfig } from '../kubeConfigSource';
import { HttpError } from '../../http/httpError';

/**
 * Every cluster the dashboard can talk to, as contexts of one merged KubeConfig: the kubeconfig's
 * contexts (or the one server.ts handed over) plus `in-cluster` when the process runs in a Pod.
 * Reloaded every few seconds so a rewritten kubeconfig (new port, rotated token) is picked up.
 */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

export interface ContextSource {
  kc: KubeConfig;
  current: string;
  inCluster: boolean;
  loadedAt: number;
}

const reloadAfterMs = 3_000;

interface ContextState {
  source?: ContextSource;
  scoped: Map<string, KubeConfig>;
}

const globalKey = Symbol.for('sts-explorer.contextSource');
function state(): ContextState {
  const holder = globalThis as unknown as Record<symbol, ContextState | undefined>;
  holder[globalKey] ??= { scoped: new Map() };
  return holder[globalKey];
}

/** client-node's in-cluster config (service-account token file and CA), with the API address from `env`. */
function loadInCluster(env: Record<string, string | undefined>): KubeConfig | undefined {
  try {
    const kc = new KubeConfig();
    kc.loadFromCluster();
    const host = env.KUBERNETES_SERVICE_HOST ?? '';
    const port = env.KUBERNETES_SERVICE_PORT ?? '443';
    const scheme = ['80', '8080', '8001'].includes(port) ? 'http' : 'https';
    const server = `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
    kc.loadFromOptions({ clusters: kc.getClusters().map((cluster) => ({ ...cluster, server })), users: kc.getUsers(), contexts: kc.getContexts(), currentContext: kc.getCurrentContext() });
    return kc;
  } catch {
    return undefined;
  }
}

export function buildContextSource(env: Record<string, string | undefined> = process.env): ContextSource {
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  let current = '';
  if (env.DASHBOARD_CLUSTER_MODE !== 'in-cluster') {
    const kc = loadKubeConfig(env);
    clusters.push(...kc.getClusters());
    users.push(...kc.getUsers());
    contexts.push(...kc.getContexts());
    current = kc.getCurrentContext();
  }
  let inCluster = false;
  if (env.KUBERNETES_SERVICE_HOST && !contexts.some((context) => context.name === IN_CLUSTER_CONTEXT)) {
    const incluster = loadInCluster(env);
    const cluster = incluster?.getCurrentCluster();
    const user = incluster?.getCurrentUser();
    if (incluster && cluster && user) {
      inCluster = true;
      clusters.push({ ...cluster, name: '__in-cluster' });
      users.push({ ...user, name: '__in-cluster' });
      // DASHBOARD_NAMESPACE: the namespace to open when the dashboard's own (the service account's) is not
      // where its Role grants access, as with manifests/dashboard (runs in sts-explorer, watches default).
      const serviceAccountNamespace = incluster.getContextObject(incluster.getCurrentContext())?.namespace?.trim();
      contexts.push({ name: IN_CLUSTER_CONTEXT, cluster: '__in-cluster', user: '__in-cluster', namespace: env.DASHBOARD_NAMESPACE?.trim() || serviceAccountNamespace || 'default' });
      if (!current || env.DASHBOARD_CLUSTER_MODE === 'in-cluster') current = IN_CLUSTER_CONTEXT;
    }
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters, users, contexts, currentContext: current });
  return { kc: merged, current, inCluster, loadedAt: Date.now() };
}

export function contextSource(): ContextSource {
  const s = state();
  if (!s.source || Date.now() - s.source.loadedAt > reloadAfterMs) {
    s.source = buildContextSource();
    s.scoped.clear();
  }
  return s.source;
}

/** A KubeConfig whose current context is `context`; 404 when the kubeconfig has no such context. */
export function kubeConfigFor(context: string): KubeConfig {
  const source = contextSource();
  const s = state();
  const cached = s.scoped.get(context);
  if (cached) return cached;
  const contextObject = source.kc.getContextObject(context);
  if (!contextObject) throw new HttpError(404, 'Unknown context', `There is no context named "${context}" in the kubeconfig.`, 'context');
  const scoped = new KubeConfig();
  scoped.loadFromOptions({ clusters: source.kc.getClusters(), users: source.kc.getUsers(), contexts: source.kc.getContexts(), currentContext: context });
  s.scoped.set(context, scoped);
  return scoped;
}

/** Identity of a context's connection (server + user), so caches notice when it changes. */
export function connectionFingerprint(kc: KubeConfig): string {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  return `${cluster?.server ?? ''}|${user?.name ?? ''}|${(user?.token ?? '').slice(-6)}`;
}
