import type { ClusterClient } from '../apiserver/registry/clusterClient';
import { resources } from '../apiserver/registry/clusterClient';
import type { KubeObject } from '../store/types';

interface Claim extends KubeObject {
  spec?: { volumeName?: string; storageClassName?: string };
  status?: { phase?: string };
}

interface StorageClass extends KubeObject {
  volumeBindingMode?: string;
}

/**
 * The VolumeBinding filter of kube-scheduler for one node: a pod waits while a claim it uses is
 * missing or, with Immediate binding, not bound yet. Answers the FailedScheduling message, or
 * undefined when the pod fits.
 */
export function unschedulableReason(client: ClusterClient, pod: KubeObject & { spec?: { volumes?: Array<{ persistentVolumeClaim?: { claimName: string } }> } }): string | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  for (const volume of pod.spec?.volumes ?? []) {
    const claimName = volume.persistentVolumeClaim?.claimName;
    if (!claimName) continue;
    const claim = client.get<Claim>(resources.persistentVolumeClaims, namespace, claimName);
    if (!claim) return `0/1 nodes are available: persistentvolumeclaim "${claimName}" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`;
    if (claim.metadata.deletionTimestamp) return `0/1 nodes are available: persistentvolumeclaim "${claimName}" is being deleted. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`;
    if (claim.status?.phase === 'Bound') continue;
    const className = claim.spec?.storageClassName;
    const storageClass = className ? client.get<StorageClass>(resources.storageClasses, undefined, className) : undefined;
    // WaitForFirstConsumer claims are provisioned for the chosen node; Immediate ones must be bound first.
    if (storageClass?.volumeBindingMode === 'WaitForFirstConsumer') continue;
    return '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
  }
  return undefined;
}
