import type { ContainerStatusJson, Pod, PodCondition, PodStatus } from '../podTypes';
import { parseQuantity } from '../containers/quantity';

/** What the pod worker knows, from which the status is computed (pure, so it is easy to test). */
export interface PodRuntimeView {
  sandboxReady: boolean;
  podIP: string | undefined;
  hostIP: string;
  startTime: string;
  containers: ContainerStatusJson[];
}

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function condition(previous: PodCondition[] | undefined, type: string, status: boolean, reason?: string, message?: string): PodCondition {
  const old = previous?.find((candidate) => candidate.type === type);
  const value = status ? 'True' : 'False';
  return {
    type,
    status: value,
    lastProbeTime: null,
    lastTransitionTime: old && old.status === value ? old.lastTransitionTime : now(),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** Guaranteed when every container's limits equal its requests for cpu and memory, BestEffort with none, else Burstable. */
export function qosClassOf(pod: Pod): string {
  let any = false;
  let guaranteed = true;
  for (const container of pod.spec.containers) {
    const limits = container.resources?.limits ?? {};
    const requests = { ...limits, ...(container.resources?.requests ?? {}) };
    if (Object.keys(limits).length || Object.keys(requests).length) any = true;
    for (const resource of ['cpu', 'memory']) {
      if (limits[resource] === undefined || parseQuantity(limits[resource]) !== parseQuantity(requests[resource])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function buildPodStatus(pod: Pod, view: PodRuntimeView): PodStatus {
  const previous = pod.status ?? {};
  const conditions = previous.conditions;
  const unready = view.containers.filter((container) => !container.ready).map((container) => container.name);
  const allReady = unready.length === 0 && view.containers.length > 0;
  const everStarted = view.containers.every((container) => container.state.running || container.restartCount > 0 || container.lastState.terminated);
  const notReadyMessage = `containers with unready status: [${unready.join(' ')}]`;
  const scheduled = conditions?.find((candidate) => candidate.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: view.startTime };
  // With restartPolicy Never a pod whose containers all ended is finished: Succeeded or Failed.
  const allTerminated = view.containers.length > 0 && view.containers.every((container) => container.state.terminated);
  const finalPhase = allTerminated && (pod.spec.restartPolicy ?? 'Always') !== 'Always' ? (view.containers.every((container) => container.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed') : undefined;
  const status: PodStatus = {
    ...previous,
    phase: finalPhase ?? (everStarted ? 'Running' : 'Pending'),
    conditions: [
      condition(conditions, 'PodReadyToStartContainers', view.sandboxReady),
      condition(conditions, 'Initialized', true),
      allReady ? condition(conditions, 'Ready', true) : condition(conditions, 'Ready', false, 'ContainersNotReady', notReadyMessage),
      allReady ? condition(conditions, 'ContainersReady', true) : condition(conditions, 'ContainersReady', false, 'ContainersNotReady', notReadyMessage),
      scheduled,
    ],
    hostIP: view.hostIP,
    hostIPs: [{ ip: view.hostIP }],
    startTime: view.startTime,
    containerStatuses: view.containers,
    qosClass: previous.qosClass ?? qosClassOf(pod),
  };
  if (view.podIP) {
    status.podIP = view.podIP;
    status.podIPs = [{ ip: view.podIP }];
  } else {
    delete status.podIP;
    delete status.podIPs;
  }
  return status;
}

/** Compares statuses without the timestamps that would change on every build. */
export function sameStatus(a: PodStatus | undefined, b: PodStatus): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b);
}
