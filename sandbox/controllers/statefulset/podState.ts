import type { Pod } from '../apiTypes';

/** How the StatefulSet controller reads a pod's health (pkg/controller/statefulset/stateful_set_utils.go). */

export const isCreated = (pod: Pod): boolean => Boolean(pod.metadata.uid);
export const isTerminating = (pod: Pod): boolean => Boolean(pod.metadata.deletionTimestamp);
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded';

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((condition) => condition.type === 'Ready');
}

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && readyCondition(pod)?.status === 'True';
}

/** Milliseconds until a ready pod counts as available for `minReadySeconds` (0 = available now). */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: number): number {
  if (!isRunningAndReady(pod)) return Number.POSITIVE_INFINITY;
  if (minReadySeconds <= 0) return 0;
  const since = Date.parse(readyCondition(pod)?.lastTransitionTime ?? '');
  if (Number.isNaN(since)) return 0;
  return Math.max(0, since + minReadySeconds * 1000 - now);
}

export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return msUntilAvailable(pod, minReadySeconds, now) === 0;
}

/** Healthy for ordering purposes: running, ready and not on its way out. */
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod);
