import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { PodPhase, PodView } from '../viewModels';
import { podStatus } from './podStatus';
import { iso } from './format';

const phases: PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

function ordinalOf(pod: V1Pod): number {
  const label = pod.metadata?.labels?.['apps.kubernetes.io/pod-index'];
  if (label && /^\d+$/.test(label)) return Number(label);
  const match = /-(\d+)$/.exec(pod.metadata?.name ?? '');
  return match ? Number(match[1]) : -1;
}

function containerState(state: V1ContainerStatus): { state: string; reason?: string; message?: string } {
  const s = state.state;
  if (s?.running) return { state: 'Running' };
  if (s?.waiting) return { state: 'Waiting', ...(s.waiting.reason ? { reason: s.waiting.reason } : {}), ...(s.waiting.message ? { message: s.waiting.message } : {}) };
  if (s?.terminated) return { state: 'Terminated', ...(s.terminated.reason ? { reason: s.terminated.reason } : {}), ...(s.terminated.message ? { message: s.terminated.message } : {}) };
  return { state: 'Waiting' };
}

export function podView(pod: V1Pod): PodView {
  const statuses = pod.status?.containerStatuses ?? [];
  const phase = phases.includes(pod.status?.phase as PodPhase) ? (pod.status?.phase as PodPhase) : 'Unknown';
  const readyCondition = pod.status?.conditions?.find((condition) => condition.type === 'Ready');
  const deletion = iso(pod.metadata?.deletionTimestamp);
  const start = iso(pod.status?.startTime);
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    uid: pod.metadata?.uid ?? '',
    resourceVersion: pod.metadata?.resourceVersion ?? '',
    ordinal: ordinalOf(pod),
    phase,
    status: podStatus(pod),
    ready: readyCondition?.status === 'True',
    readyContainers: statuses.filter((status) => status.ready).length,
    totalContainers: pod.spec?.containers?.length ?? statuses.length,
    restarts: statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0),
    revision: pod.metadata?.labels?.['controller-revision-hash'] ?? '',
    podIP: pod.status?.podIP ?? '',
    hostIP: pod.status?.hostIP ?? '',
    node: pod.spec?.nodeName ?? '',
    creationTimestamp: iso(pod.metadata?.creationTimestamp),
    ...(start ? { startTime: start } : {}),
    ...(deletion ? { deletionTimestamp: deletion } : {}),
    images: (pod.spec?.containers ?? []).map((container) => ({ container: container.name, image: container.image ?? '' })),
    claims: (pod.spec?.volumes ?? []).flatMap((volume) => (volume.persistentVolumeClaim ? [volume.persistentVolumeClaim.claimName] : [])),
    conditions: (pod.status?.conditions ?? []).map((condition) => ({
      type: condition.type,
      status: condition.status,
      ...(condition.reason ? { reason: condition.reason } : {}),
      ...(condition.message ? { message: condition.message } : {}),
      ...(condition.lastTransitionTime ? { lastTransitionTime: iso(condition.lastTransitionTime) } : {}),
    })),
    containerStates: statuses.map((status) => ({ name: status.name, ...containerState(status), ready: status.ready, restartCount: status.restartCount ?? 0 })),
  };
}
