import type { ClusterClient } from '../../apiserver/registry/clusterClient';
import { resources } from '../../apiserver/registry/clusterClient';
import type { SandboxContext } from '../../context';
import type { KubeObject, WatchEvent } from '../../store/types';
import type { Pod, StatefulSet } from '../apiTypes';
import { errorMessage, isConflict } from '../apiErrors';
import { selectorMatches } from '../labelSelector';
import { objectKey, runWorkers, splitKey, WorkQueue } from '../workqueue';
import { syncStatefulSet } from './statefulSetControl';

/**
 * The StatefulSet controller: watches sets and pods, queues the key of the set an event concerns,
 * and syncs each key with `syncStatefulSet` (stateful_set.go's informers, queue and worker loop).
 */
export interface StatefulSetController {
  stop(): Promise<void>;
  /** Keys waiting to be synced (for tests and benchmarks that wait for quiet). */
  pending(): number;
}

export function startStatefulSetController(ctx: SandboxContext, options: { workers?: number } = {}): StatefulSetController {
  const { client } = ctx;
  const queue = new WorkQueue({ baseDelayMs: 5, maxDelayMs: 10_000 });
  const enqueueSet = (set: KubeObject) => queue.add(objectKey(set.metadata.namespace, set.metadata.name));

  const stopSets = client.watch<StatefulSet>(resources.statefulSets, undefined, '', (event) => {
    if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') enqueueSet(event.object);
  });
  const stopPods = client.watch<Pod>(resources.pods, undefined, '', (event) => onPodEvent(client, event, queue));

  const workers = runWorkers(
    queue,
    options.workers ?? 2,
    async (key) => {
      const { namespace, name } = splitKey(key);
      const set = client.get<StatefulSet>(resources.statefulSets, namespace, name);
      if (!set) return;
      return syncStatefulSet(
        {
          client,
          now: () => Date.now(),
          event: (involved, type, reason, message) => ctx.recordEvent({ involved, type, reason, message, component: 'statefulset-controller' }),
        },
        set,
      );
    },
    (key, error) => {
      // A conflict only means the object moved on while we worked; the retry reads it afresh.
      if (!isConflict(error)) ctx.log('statefulset-controller', `error syncing StatefulSet ${key}: ${errorMessage(error)}`);
    },
  );

  return {
    pending: () => queue.length,
    async stop() {
      stopSets();
      stopPods();
      queue.shutDown();
      await workers;
    },
  };
}

/** A pod event concerns its controlling set, or, for an orphan, every set in its namespace that would adopt it. */
function onPodEvent(client: ClusterClient, event: WatchEvent<Pod>, queue: WorkQueue): void {
  if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
  const pod = event.object;
  const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller);
  if (owner) {
    if (owner.kind === 'StatefulSet') queue.add(objectKey(pod.metadata.namespace, owner.name));
    return;
  }
  if (event.type === 'DELETED') return;
  for (const set of client.list<StatefulSet>(resources.statefulSets, pod.metadata.namespace).items) {
    if (selectorMatches(set.spec.selector, pod.metadata.labels)) queue.add(objectKey(set.metadata.namespace, set.metadata.name));
  }
}
