import { resources } from '../apiserver/registry/clusterClient';
import type { RunningComponent, SandboxContext } from '../context';
import type { KubeObject, WatchEvent } from '../store/types';
import { nodeSelectorMismatch } from './nodeSelector';
import { ObjectCache } from '../controllers/objectCache';
import { unschedulableReason, type Claim, type StorageClass, type VolumeLookup } from './volumeBinding';

const nodeName = 'sandbox';
/** podInitialBackoffDuration and podMaxBackoffDuration of kube-scheduler (scaled by SANDBOX_SPEED). */
const initialBackoffMs = 1_000;
const maxBackoffMs = 10_000;

interface SchedulablePod extends KubeObject {
  spec?: { nodeName?: string; schedulerName?: string; nodeSelector?: Record<string, string>; volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string } }> };
  status?: { phase?: string; conditions?: Array<{ type: string; status: string; lastProbeTime?: string | null; lastTransitionTime?: string; reason?: string; message?: string }> };
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: number }).code;
  return code === 409;
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * default-scheduler for a one-node cluster: binds every pending pod that names no node to
 * `sandbox`, once its claims are bound (the VolumeBinding check of the real scheduler), and
 * records Scheduled or FailedScheduling as kube-scheduler does. Binding is an update of
 * spec.nodeName followed by the PodScheduled condition, the ClusterClient's equivalent of the
 * pods/binding subresource.
 */
export async function startScheduler(ctx: SandboxContext): Promise<RunningComponent> {
  const queue = new Set<string>();
  const waiting = new Map<string, NodeJS.Timeout>();
  const reported = new Map<string, string>();
  const failedAttempts = new Map<string, number>();
  /** Pods whose binding is in flight, and those that changed meanwhile (looked at again afterwards). */
  const binding = new Set<string>();
  const changedWhileBinding = new Set<string>();
  /** Waiting pods by the claim they wait for ("namespace/claim"), so a claim event wakes only those. */
  const waitersOfClaim = new Map<string, Set<string>>();
  const claimsOfWaiter = new Map<string, string[]>();
  let stopped = false;
  // Informer caches, as kube-scheduler's: a scheduling attempt reads references, it copies nothing.
  const nodes = new ObjectCache<KubeObject>(ctx.client, resources.nodes);
  const claimCache = new ObjectCache<Claim>(ctx.client, resources.persistentVolumeClaims);
  const classes = new ObjectCache<StorageClass>(ctx.client, resources.storageClasses);
  const volumes: VolumeLookup = { claim: (namespace, name) => claimCache.get(namespace, name), storageClass: (name) => classes.get(undefined, name) };

  const keyOf = (pod: KubeObject) => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;

  const needsScheduling = (pod: SchedulablePod | undefined): pod is SchedulablePod =>
    !!pod && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';

  const enqueue = (key: string) => {
    queue.add(key);
    drain();
  };

  const claimKeysOf = (pod: SchedulablePod): string[] =>
    (pod.spec?.volumes ?? []).flatMap((volume) => (volume.persistentVolumeClaim ? [`${pod.metadata.namespace ?? 'default'}/${volume.persistentVolumeClaim.claimName}`] : []));

  const stopWaiting = (key: string) => {
    const timer = waiting.get(key);
    if (timer) clearTimeout(timer);
    waiting.delete(key);
    for (const claim of claimsOfWaiter.get(key) ?? []) {
      const waiters = waitersOfClaim.get(claim);
      waiters?.delete(key);
      if (waiters?.size === 0) waitersOfClaim.delete(claim);
    }
    claimsOfWaiter.delete(key);
  };

  /** Looks at the pod again after a while, or as soon as one of `claims` changes. */
  const retryLater = (key: string, claims: string[] = []) => {
    if (waiting.has(key) || stopped) return;
    // Backs off per pod (1 s, 2 s, ... 10 s) like the scheduler's backoff queue; the events that can
    // make it fit (its claims changing) wake it at once, so the back-off costs no start-up time.
    const attempts = Math.max(1, failedAttempts.get(key) ?? 1);
    const delayMs = Math.min(maxBackoffMs, initialBackoffMs * 2 ** (attempts - 1)) * Math.max(ctx.speed, 0.05);
    const timer = setTimeout(() => {
      stopWaiting(key);
      enqueue(key);
    }, delayMs);
    waiting.set(key, timer);
    claimsOfWaiter.set(key, claims);
    for (const claim of claims) {
      let waiters = waitersOfClaim.get(claim);
      if (!waiters) waitersOfClaim.set(claim, (waiters = new Set()));
      waiters.add(key);
    }
  };

  const markUnschedulable = async (pod: SchedulablePod, message: string) => {
    const key = keyOf(pod);
    // A claim created just before its pod is usually bound within moments by the provisioner:
    // report only when the pod is still waiting at the second attempt, so normal starts stay quiet.
    const attempts = (failedAttempts.get(key) ?? 0) + 1;
    failedAttempts.set(key, attempts);
    if (attempts >= 2 && reported.get(key) !== message) {
      reported.set(key, message);
      ctx.recordEvent({ involved: pod, type: 'Warning', reason: 'FailedScheduling', message, component: 'default-scheduler' });
      const conditions = (pod.status?.conditions ?? []).filter((condition) => condition.type !== 'PodScheduled');
      conditions.push({ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: timestamp(), reason: 'Unschedulable', message });
      try {
        await ctx.client.updateStatus<SchedulablePod>(resources.pods, { ...pod, status: { phase: 'Pending', ...pod.status, conditions } });
      } catch {
        // The next attempt writes it again.
      }
    }
    retryLater(key, claimKeysOf(pod));
  };

  const bind = async (key: string) => {
    stopWaiting(key);
    const [namespace, name] = key.split('/');
    const pod = ctx.client.get<SchedulablePod>(resources.pods, namespace, name);
    if (!needsScheduling(pod)) {
      reported.delete(key);
      failedAttempts.delete(key);
      return;
    }
    const node = nodes.get(undefined, nodeName);
    if (!node) return retryLater(key);
    const reason = nodeSelectorMismatch(pod, node) ?? unschedulableReason(volumes, pod);
    if (reason) return markUnschedulable(pod, reason);
    try {
      const bound = await ctx.client.update<SchedulablePod>(resources.pods, { ...pod, spec: { ...pod.spec, nodeName } });
      ctx.recordEvent({ involved: bound, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${key} to ${nodeName}`, component: 'default-scheduler' });
      reported.delete(key);
      failedAttempts.delete(key);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const fresh = ctx.client.get<SchedulablePod>(resources.pods, namespace, name);
        if (!fresh || fresh.metadata.uid !== bound.metadata.uid) return;
        const conditions = (fresh.status?.conditions ?? []).filter((condition) => condition.type !== 'PodScheduled');
        conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp() });
        try {
          await ctx.client.updateStatus<SchedulablePod>(resources.pods, { ...fresh, status: { phase: 'Pending', ...fresh.status, conditions } });
          return;
        } catch (error) {
          if (!isRetryable(error)) return;
        }
      }
    } catch (error) {
      if (isRetryable(error)) return enqueue(key);
      ctx.log('default-scheduler', `binding ${key} failed: ${error instanceof Error ? error.message : String(error)}`);
      retryLater(key);
    }
  };

  /**
   * Takes every queued pod at once: the decision is synchronous (one node), and the binding writes run
   * concurrently, as kube-scheduler's binding cycles run in their own goroutines. Waiting for each
   * pod's two durable writes in turn would make a thousand pods wait for two thousand fsyncs.
   */
  const drain = () => {
    while (queue.size && !stopped) {
      const [key] = queue;
      queue.delete(key);
      if (binding.has(key)) {
        changedWhileBinding.add(key);
        continue;
      }
      binding.add(key);
      void bind(key).finally(() => {
        binding.delete(key);
        if (changedWhileBinding.delete(key)) enqueue(key);
      });
    }
  };

  const stopPods = ctx.client.watch<SchedulablePod>(resources.pods, undefined, '0', (event: WatchEvent<SchedulablePod>) => {
    if (event.type === 'DELETED') {
      reported.delete(keyOf(event.object));
      failedAttempts.delete(keyOf(event.object));
      stopWaiting(keyOf(event.object));
      return;
    }
    if (needsScheduling(event.object)) enqueue(keyOf(event.object));
  });
  // A claim getting created or bound can make the pods waiting for it schedulable (and only those).
  const stopClaims = claimCache.onChange((event) => {
    if (event.type !== 'MODIFIED' && event.type !== 'ADDED') return;
    const waiters = waitersOfClaim.get(`${event.object.metadata.namespace ?? 'default'}/${event.object.metadata.name ?? ''}`);
    for (const key of [...(waiters ?? [])]) {
      stopWaiting(key);
      enqueue(key);
    }
  });

  return {
    async stop() {
      stopped = true;
      stopPods();
      stopClaims();
      nodes.stop();
      claimCache.stop();
      classes.stop();
      for (const timer of waiting.values()) clearTimeout(timer);
    },
  };
}
