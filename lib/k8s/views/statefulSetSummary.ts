import type { V1StatefulSet } from '@kubernetes/client-node';
import type { StatefulSetSummary } from '../viewModels';
import { iso } from './format';

export function statefulSetSummary(sts: V1StatefulSet): StatefulSetSummary {
  const spec = sts.spec;
  const status = sts.status;
  const rolling = spec?.updateStrategy?.rollingUpdate;
  const retention = spec?.persistentVolumeClaimRetentionPolicy;
  return {
    name: sts.metadata?.name ?? '',
    namespace: sts.metadata?.namespace ?? '',
    uid: sts.metadata?.uid ?? '',
    resourceVersion: sts.metadata?.resourceVersion ?? '',
    replicas: spec?.replicas ?? 1,
    readyReplicas: status?.readyReplicas ?? 0,
    availableReplicas: status?.availableReplicas ?? 0,
    currentReplicas: status?.currentReplicas ?? 0,
    updatedReplicas: status?.updatedReplicas ?? 0,
    statusReplicas: status?.replicas ?? 0,
    currentRevision: status?.currentRevision ?? '',
    updateRevision: status?.updateRevision ?? '',
    observedGeneration: status?.observedGeneration ?? 0,
    generation: sts.metadata?.generation ?? 0,
    podManagementPolicy: spec?.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady',
    updateStrategy: {
      type: spec?.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate',
      partition: rolling?.partition ?? 0,
      ...(rolling?.maxUnavailable !== undefined ? { maxUnavailable: rolling.maxUnavailable } : {}),
    },
    serviceName: spec?.serviceName ?? '',
    selector: spec?.selector?.matchLabels ?? {},
    images: (spec?.template?.spec?.containers ?? []).map((container) => ({ container: container.name, image: container.image ?? '' })),
    minReadySeconds: spec?.minReadySeconds ?? 0,
    ordinalsStart: spec?.ordinals?.start ?? 0,
    retentionPolicy: { whenDeleted: retention?.whenDeleted === 'Delete' ? 'Delete' : 'Retain', whenScaled: retention?.whenScaled === 'Delete' ? 'Delete' : 'Retain' },
    creationTimestamp: iso(sts.metadata?.creationTimestamp),
    labels: sts.metadata?.labels ?? {},
    annotations: withoutLastApplied(sts.metadata?.annotations),
  };
}

/** kubectl's last-applied annotation repeats the whole object; the UI shows it in the YAML, not as an annotation. */
function withoutLastApplied(annotations: Record<string, string> | undefined): Record<string, string> {
  const out = { ...(annotations ?? {}) };
  delete out['kubectl.kubernetes.io/last-applied-configuration'];
  return out;
}
