import type { Registry } from './genericRegistry';
import { isApiError } from '../apiError';

/**
 * What the namespace controller does for a namespace being deleted: delete everything in it (pods
 * keep their grace period, so the kubelet stops them first), wait until it is empty, then remove
 * the namespace itself.
 */
export function watchNamespaceDeletion(registry: Registry, options: { pollMs: number }): () => void {
  const active = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const contents = (namespace: string) =>
    registry.catalog.all.filter((strategy) => strategy.namespaced).flatMap((strategy) => registry.store.list(registry.key(strategy.resource), namespace).map((item) => ({ strategy, item })));

  const sweep = async (namespace: string) => {
    for (const { strategy, item } of contents(namespace)) {
      if (item.object.metadata.deletionTimestamp && strategy.kind !== 'Pod') continue;
      try {
        await registry.remove(strategy.resource, namespace, item.object.metadata.name ?? '', { propagationPolicy: 'Background' });
      } catch (error) {
        if (!isApiError(error)) throw error;
      }
    }
    if (contents(namespace).length === 0) {
      await registry.finalizeNamespace(namespace);
      active.delete(namespace);
      return;
    }
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void sweep(namespace).catch((error: unknown) => console.error(`namespace ${namespace} deletion failed:`, error));
    }, options.pollMs);
    timers.add(timer);
  };

  registry.onNamespaceTerminating = (namespace) => {
    if (active.has(namespace)) return;
    active.add(namespace);
    void sweep(namespace).catch((error: unknown) => console.error(`namespace ${namespace} deletion failed:`, error));
  };
  // Namespaces left terminating by a previous run.
  for (const item of registry.store.list('/namespaces')) if (item.object.metadata.deletionTimestamp) registry.onNamespaceTerminating(item.object.metadata.name ?? '');

  return () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
    registry.onNamespaceTerminating = undefined;
  };
}
