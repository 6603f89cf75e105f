import type { OwnerReference } from '../../store/types';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../apiTypes';

/**
 * persistentVolumeClaimRetentionPolicy as the real controller applies it (updateClaimOwnerRefForSetAndPod):
 * a claim that must go when the set is deleted gets an owner reference to the set; a claim that must go
 * when its pod is scaled away gets one to that pod; the garbage collector does the deleting.
 */
export function retentionPolicy(set: StatefulSet): { whenDeleted: 'Retain' | 'Delete'; whenScaled: 'Retain' | 'Delete' } {
  const policy = set.spec.persistentVolumeClaimRetentionPolicy ?? {};
  return { whenDeleted: policy.whenDeleted ?? 'Retain', whenScaled: policy.whenScaled ?? 'Retain' };
}

interface Owner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

const setOwner = (set: StatefulSet): Owner => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name ?? '', uid: set.metadata.uid ?? '' });
const podOwner = (pod: Pod): Owner => ({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' });

/**
 * The owner references the claim should carry, or undefined when it already carries them.
 * `pod` may be undefined (not created yet): then only the set's reference can be decided.
 */
export function claimOwnerRefsFor(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod | undefined, podScaledDown: boolean): OwnerReference[] | undefined {
  const policy = retentionPolicy(set);
  const wantSet = policy.whenDeleted === 'Delete' && !(policy.whenScaled === 'Delete' && podScaledDown);
  const wantPod = policy.whenScaled === 'Delete' && podScaledDown;
  const before = claim.metadata.ownerReferences ?? [];
  const owner = setOwner(set);
  let refs = before.filter((ref) => !(ref.kind === 'StatefulSet' && ref.uid === owner.uid));
  if (wantSet && owner.uid) refs.push({ ...owner });
  if (pod) {
    const podRef = podOwner(pod);
    // References to an earlier pod of the same name are stale: the claim now belongs to this one.
    refs = refs.filter((ref) => !(ref.kind === 'Pod' && ref.name === podRef.name));
    if (wantPod && podRef.uid) refs.push({ ...podRef });
  }
  const key = (list: OwnerReference[]) => list.map((ref) => `${ref.kind}/${ref.uid}`).sort().join(',');
  const changed = key(refs) !== key(before);
  return changed ? refs : undefined;
}
