import type { Pod, StatefulSet, StatefulSetStatus } from '../apiTypes';
import { podRevision } from './naming';
import { isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './podState';

/**
 * The set's status from its pods, counted as the real controller counts them: every created pod is a
 * replica, ready and available pods (terminating ones included) are counted, and only pods that are not
 * terminating count towards the current and updated revisions.
 */
export function computeStatus(set: StatefulSet, pods: Pod[], currentRevision: string, updateRevision: string, collisionCount: number, now: number): StatefulSetStatus {
  const minReadySeconds = set.spec.minReadySeconds ?? 0;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision,
    updateRevision,
    collisionCount,
  };
  for (const pod of pods) {
    if (!isCreated(pod)) continue;
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas = (status.readyReplicas ?? 0) + 1;
      if (isRunningAndAvailable(pod, minReadySeconds, now)) status.availableReplicas = (status.availableReplicas ?? 0) + 1;
    }
    if (!isTerminating(pod)) {
      const revision = podRevision(pod);
      if (revision === currentRevision) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
      if (revision === updateRevision) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
    }
  }
  completeRollingUpdate(set, status);
  return status;
}

/** Once every replica is updated and ready, the update revision becomes the current one (RollingUpdate only). */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const rollingUpdate = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rollingUpdate && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/** Whether a status write would change anything (conditions are left to whoever else writes them). */
export function statusDiffers(current: StatefulSetStatus | undefined, next: StatefulSetStatus): boolean {
  if (!current) return true;
  const fields: Array<keyof StatefulSetStatus> = ['observedGeneration', 'replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'currentRevision', 'updateRevision', 'collisionCount'];
  return fields.some((field) => (current[field] ?? 0) !== (next[field] ?? 0));
}
