import type { KubeObject } from '../store/types';

export interface Claim extends KubeObject {
  spec?: { volumeName?: string; storageClassName?: string };
  status?: { phase?: string };
}

export interface StorageClass extends KubeObject {
  volumeBindingMode?: string;
}

/**
 * The VolumeBinding filter of kube-scheduler for one node: a pod waits while a claim it uses is
 * missing or, with Immediate binding, not bound yet. Answers the FailedScheduling message, or
 * undefined when the pod fits.
 */
/** Where the filter reads claims and classes (the scheduler's informer caches). */
export interface VolumeLookup {
  claim(namespace: string, name: string): Claim | undefined;
  storageClass(name: string): StorageClass | undefined;
}

export function unschedulableReason(lookup: VolumeLookup, pod: KubeObject & { spec?: { volumes?: Array<{ persistentVolumeClaim?: { claimName: string } }> } }): string | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  for (const volume of pod.spec?.volumes ?? []) {
    const claimName = volume.persistentVolumeClaim?.claimName;
    if (!claimName) continue;
    const claim = lookup.claim(namespace, claimName);
    if (!claim) return `0/1 nodes are available: persistentvolumeclaim "${claimName}" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`;
    if (claim.metadata.deletionTimestamp) return `0/1 nodes are available: persistentvolumeclaim "${claimName}" is being deleted. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`;
    if (claim.status?.phase === 'Bound') continue;
    const className = claim.spec?.storageClassName;
    const storageClass = className ? lookup.storageClass(className) : undefined;
    // WaitForFirstConsumer claims are provisioned for the chosen node; Immediate ones must be bound first.
    if (storageClass?.volumeBindingMode === 'WaitForFirstConsumer') continue;
    return '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
  }
  return undefined;
}
