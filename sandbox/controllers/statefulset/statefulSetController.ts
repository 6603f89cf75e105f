import { resources } from '../../apiserver/registry/clusterClient';
import type { SandboxContext } from '../../context';
import type { KubeObject, WatchEvent } from '../../store/types';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../apiTypes';
import { errorMessage, isConflict } from '../apiErrors';
import { selectorMatches } from '../labelSelector';
import { ObjectCache } from '../objectCache';
import { objectKey, runWorkers, splitKey, WorkQueue } from '../workqueue';
import { syncStatefulSet } from './statefulSetControl';

/**
 * The StatefulSet controller: watches sets and pods, queues the key of the set an event concerns,
 * and syncs each key with `syncStatefulSet` (stateful_set.go's informers, queue and worker loop).
 * Pods and claims are read from informer caches (shared with other controllers when given), so a
 * sync of a set with a thousand pods copies nothing.
 */
export interface StatefulSetController {
  stop(): Promise<void>;
  /** Keys waiting to be synced (for tests and benchmarks that wait for quiet). */
  pending(): number;
}

export interface StatefulSetControllerOptions {
  workers?: number;
  /** A pod cache shared with other controllers; the controller makes its own when absent. */
  pods?: ObjectCache<Pod>;
  claims?: ObjectCache<PersistentVolumeClaim>;
}

export function startStatefulSetController(ctx: SandboxContext, options: StatefulSetControllerOptions = {}): StatefulSetController {
  const { client } = ctx;
  const queue = new WorkQueue({ baseDelayMs: 5, maxDelayMs: 10_000 });
  const ownPods = options.pods ? undefined : new ObjectCache<Pod>(client, resources.pods);
  const ownClaims = options.claims ? undefined : new ObjectCache<PersistentVolumeClaim>(client, resources.persistentVolumeClaims);
  const pods = (options.pods ?? ownPods) as ObjectCache<Pod>;
  const claims = (options.claims ?? ownClaims) as ObjectCache<PersistentVolumeClaim>;
  const sets = new ObjectCache<StatefulSet>(client, resources.statefulSets);
  const enqueueSet = (set: KubeObject) => queue.add(objectKey(set.metadata.namespace, set.metadata.name));

  const stopSets = sets.onChange((event) => enqueueSet(event.object));
  const stopPods = pods.onChange((event) => onPodEvent(sets, event, queue));
  // What existed before the listeners were attached (the caches delivered it while being built).
  for (const set of sets.all()) enqueueSet(set);

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
          pods: (namespace) => pods.list(namespace),
          claim: (namespace, claimName) => claims.get(namespace, claimName),
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
      sets.stop();
      ownPods?.stop();
      ownClaims?.stop();
      queue.shutDown();
      await workers;
    },
  };
}

/** A pod event concerns its controlling set, or, for an orphan, every set in its namespace that would adopt it. */
function onPodEvent(sets: ObjectCache<StatefulSet>, event: WatchEvent<Pod>, queue: WorkQueue): void {
  if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
  const pod = event.object;
  const owner = pod.metadata.ownerReferences?.find((ref) => ref.controller);
  if (owner) {
    if (owner.kind === 'StatefulSet') queue.add(objectKey(pod.metadata.namespace, owner.name));
    return;
  }
  if (event.type === 'DELETED') return;
  for (const set of sets.list(pod.metadata.namespace)) {
    if (selectorMatches(set.spec.selector, pod.metadata.labels)) queue.add(objectKey(set.metadata.namespace, set.metadata.name));
  }
}
