import { resources } from '../apiserver/registry/clusterClient';
import type { RunningComponent, SandboxContext } from '../context';
import type { KubeObject, WatchEvent } from '../store/types';
import { nodeSelectorMismatch } from './nodeSelector';
import { unschedulableReason } from './volumeBinding';

const nodeName = 'sandbox';
const retryMs = 1_000;

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
  let stopped = false;
  let draining = false;

  const keyOf = (pod: KubeObject) => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;

  const needsScheduling = (pod: SchedulablePod | undefined): pod is SchedulablePod =>
    !!pod && !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';

  const enqueue = (key: string) => {
    queue.add(key);
    if (!draining) void drain();
  };

  const retryLater = (key: string) => {
    if (waiting.has(key) || stopped) return;
    const timer = setTimeout(() => {
      waiting.delete(key);
      enqueue(key);
    }, retryMs * Math.max(ctx.speed, 0.05));
    waiting.set(key, timer);
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
    retryLater(key);
  };

  const bind = async (key: string) => {
    const [namespace, name] = key.split('/');
    const pod = ctx.client.get<SchedulablePod>(resources.pods, namespace, name);
    if (!needsScheduling(pod)) {
      reported.delete(key);
      failedAttempts.delete(key);
      return;
    }
    const node = ctx.client.get(resources.nodes, undefined, nodeName);
    if (!node) return retryLater(key);
    const reason = nodeSelectorMismatch(pod, node) ?? unschedulableReason(ctx.client, pod);
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

  const drain = async () => {
    draining = true;
    try {
      while (queue.size && !stopped) {
        const [key] = queue;
        queue.delete(key);
        await bind(key);
      }
    } finally {
      draining = false;
    }
  };

  const stopPods = ctx.client.watch<SchedulablePod>(resources.pods, undefined, '0', (event: WatchEvent<SchedulablePod>) => {
    if (event.type === 'DELETED') {
      reported.delete(keyOf(event.object));
      failedAttempts.delete(keyOf(event.object));
      return;
    }
    if (needsScheduling(event.object)) enqueue(keyOf(event.object));
  });
  // A claim getting bound can make a waiting pod schedulable.
  const stopClaims = ctx.client.watch(resources.persistentVolumeClaims, undefined, '0', (event) => {
    if (event.type !== 'MODIFIED' && event.type !== 'ADDED') return;
    for (const key of [...waiting.keys()]) {
      if (!key.startsWith(`${event.object.metadata.namespace}/`)) continue;
      clearTimeout(waiting.get(key));
      waiting.delete(key);
      enqueue(key);
    }
  });

  return {
    async stop() {
      stopped = true;
      stopPods();
      stopClaims();
      for (const timer of waiting.values()) clearTimeout(timer);
    },
  };
}
