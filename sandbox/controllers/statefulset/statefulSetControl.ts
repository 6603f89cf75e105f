import type { ClusterClient } from '../../apiserver/registry/clusterClient';
import { resources } from '../../apiserver/registry/clusterClient';
import type { OwnerReference } from '../../store/types';
import type { ControllerRevision, PersistentVolumeClaim, Pod, StatefulSet, StatefulSetStatus } from '../apiTypes';
import { errorMessage, isAlreadyExists, isNotFound } from '../apiErrors';
import { selectorMatches } from '../labelSelector';
import type { SyncResult } from '../workqueue';
import { claimName, inOrdinalRange, isMemberOf, ordinalOf, podRevision, replicaCount, startOrdinal } from './naming';
import { claimsForOrdinal, identityMatches, newStatefulSetPod, withIdentity } from './newPod';
import { isCreated, isFailed, isHealthy, isRunningAndReady, isSucceeded, isTerminating, msUntilAvailable } from './podState';
import { claimOwnerRefsFor } from './retention';
import { controllerRef, equalRevision, newRevision, nextRevisionNumber, setAtRevision, sortRevisions } from './revisions';
import { computeStatus, statusDiffers } from './status';

/**
 * One sync of one StatefulSet, in the shape of pkg/controller/statefulset/stateful_set_control.go:
 * read the world (pods, claims, revisions), take the next steps the policy allows, write the status.
 * Every step is idempotent; whatever has to wait (a pod becoming Ready, a pod terminating) is picked
 * up again by the next watch event or the requested requeue.
 */
export interface StatefulSetControlDeps {
  client: ClusterClient;
  /** The namespace's pods from the informer cache (shared objects: never mutate them). */
  pods(namespace: string | undefined): Pod[];
  /** A claim from the informer cache (shared: never mutate it). */
  claim(namespace: string | undefined, name: string): PersistentVolumeClaim | undefined;
  event(set: StatefulSet, type: 'Normal' | 'Warning', reason: string, message: string): void;
  now(): number;
}

const controllerOf = (refs: OwnerReference[] | undefined) => refs?.find((ref) => ref.controller);

export async function syncStatefulSet(deps: StatefulSetControlDeps, set: StatefulSet): Promise<SyncResult> {
  const pods = await claimPods(deps, set);
  const revisions = await claimRevisions(deps, set);
  const { current, update, collisionCount } = await resolveRevisions(deps, set, revisions);
  const outcome = await updateStatefulSet(deps, set, pods, current, update);
  const status = computeStatus(set, outcome.pods, current.metadata.name ?? '', update.metadata.name ?? '', collisionCount, deps.now());
  await writeStatus(deps, set, status);
  await truncateHistory(deps, set, outcome.pods, revisions, current, update);
  return outcome.requeueAfterMs !== undefined ? { requeueAfterMs: outcome.requeueAfterMs } : undefined;
}

/** The set's pods: owned ones that still match, plus orphans that match and carry one of its names (adoption). */
async function claimPods(deps: StatefulSetControlDeps, set: StatefulSet): Promise<Pod[]> {
  const { client } = deps;
  const uid = set.metadata.uid;
  const deleting = Boolean(set.metadata.deletionTimestamp);
  const claimed: Pod[] = [];
  for (const pod of deps.pods(set.metadata.namespace)) {
    const owner = controllerOf(pod.metadata.ownerReferences);
    const matches = selectorMatches(set.spec.selector, pod.metadata.labels) && isMemberOf(set, pod);
    if (owner && owner.uid !== uid) continue;
    if (owner) {
      if (matches || deleting) {
        claimed.push(pod);
        continue;
      }
      // Released: it no longer matches the selector, so the set lets go of it.
      await tolerateGone(client.update<Pod>(resources.pods, { ...pod, metadata: { ...pod.metadata, ownerReferences: (pod.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== uid) } }));
      continue;
    }
    if (!matches || deleting || isTerminating(pod)) continue;
    const adopted = await tolerateGone(client.update<Pod>(resources.pods, { ...pod, metadata: { ...pod.metadata, ownerReferences: [...(pod.metadata.ownerReferences ?? []), controllerRef(set)] } }));
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** The set's ControllerRevisions, adopting orphaned ones that match its selector (left behind by --cascade=orphan). */
async function claimRevisions(deps: StatefulSetControlDeps, set: StatefulSet): Promise<ControllerRevision[]> {
  const { client } = deps;
  const claimed: ControllerRevision[] = [];
  for (const revision of client.list<ControllerRevision>(resources.controllerRevisions, set.metadata.namespace).items) {
    const owner = controllerOf(revision.metadata.ownerReferences);
    if (owner) {
      if (owner.uid === set.metadata.uid) claimed.push(revision);
      continue;
    }
    if (set.metadata.deletionTimestamp || !selectorMatches(set.spec.selector, revision.metadata.labels)) continue;
    const adopted = await tolerateGone(
      client.update<ControllerRevision>(resources.controllerRevisions, { ...revision, metadata: { ...revision.metadata, ownerReferences: [...(revision.metadata.ownerReferences ?? []), controllerRef(set)] } }),
    );
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/**
 * getStatefulSetRevisions: the update revision is the set's current template; an equal older revision is
 * reused with a new revision number (this is what makes `kubectl rollout undo` a roll forward to a known
 * revision), otherwise a new one is created, bumping collisionCount on a hash collision.
 */
async function resolveRevisions(deps: StatefulSetControlDeps, set: StatefulSet, revisions: ControllerRevision[]) {
  const { client } = deps;
  const sorted = sortRevisions(revisions);
  let collisionCount = set.status?.collisionCount ?? 0;
  const revisionNumber = nextRevisionNumber(sorted);
  let candidate = newRevision(set, revisionNumber, collisionCount);
  const equal = sorted.filter((revision) => equalRevision(revision, candidate));
  const latest = sorted[sorted.length - 1];
  let update: ControllerRevision;
  if (equal.length > 0 && latest && equalRevision(latest, equal[equal.length - 1])) {
    update = latest;
  } else if (equal.length > 0) {
    const reused = equal[equal.length - 1];
    update = await client.update<ControllerRevision>(resources.controllerRevisions, { ...reused, revision: revisionNumber });
  } else {
    for (;;) {
      try {
        update = await client.create<ControllerRevision>(resources.controllerRevisions, candidate);
        break;
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        const existing = client.get<ControllerRevision>(resources.controllerRevisions, set.metadata.namespace, candidate.metadata.name ?? '');
        if (existing && equalRevision(existing, candidate) && controllerOf(existing.metadata.ownerReferences)?.uid === set.metadata.uid) {
          update = existing;
          break;
        }
        collisionCount++;
        candidate = newRevision(set, revisionNumber, collisionCount);
      }
    }
  }
  const current = sorted.find((revision) => revision.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

interface UpdateOutcome {
  pods: Pod[];
  requeueAfterMs?: number;
}

/** The next allowed steps: create missing replicas, delete condemned ones, roll the update. */
async function updateStatefulSet(deps: StatefulSetControlDeps, set: StatefulSet, pods: Pod[], current: ControllerRevision, update: ControllerRevision): Promise<UpdateOutcome> {
  const currentSet = setAtRevision(set, current);
  const updateSet = setAtRevision(set, update);
  const start = startOrdinal(set);
  const count = replicaCount(set);
  const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const minReadySeconds = set.spec.minReadySeconds ?? 0;
  const known = [...pods];
  const outcome: UpdateOutcome = { pods: known };
  if (set.metadata.deletionTimestamp) return outcome;

  const replicas: Array<Pod | undefined> = new Array<Pod | undefined>(count).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(pod);
    if (inOrdinalRange(set, ordinal)) replicas[ordinal - start] = pod;
    else if (ordinal >= 0) condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));

  const rollingUpdate = set.spec.updateStrategy?.rollingUpdate;
  const partition = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' ? (rollingUpdate?.partition ?? 0) : undefined;
  // newVersionedStatefulSetPod: ordinals below the partition are (re)created at the current revision.
  const podFor = (index: number): Pod => {
    const ordinal = start + index;
    if (partition !== undefined && index < partition) return newStatefulSetPod(currentSet, ordinal, current.metadata.name ?? '');
    return newStatefulSetPod(updateSet, ordinal, update.metadata.name ?? '');
  };

  const firstUnhealthy = [...replicas, ...[...condemned].reverse()].find((pod) => pod !== undefined && !isHealthy(pod));
  const setName = set.metadata.name ?? '';

  /** One replica's next step (processReplica); 'wait' stops an OrderedReady pass here. */
  const processReplica = async (index: number): Promise<'next' | 'wait'> => {
    let pod = replicas[index];
    if (pod && (isFailed(pod) || isSucceeded(pod))) {
      if (!isTerminating(pod)) {
        if (isFailed(pod)) deps.event(set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${set.metadata.namespace}/${setName} is recreating failed Pod ${pod.metadata.name}`);
        else deps.event(set, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${set.metadata.namespace}/${setName} is recreating terminated Pod ${pod.metadata.name}`);
        await deletePod(deps, set, pod);
      }
      // The new pod is created once the old one is gone (its DELETED event brings the set back here).
      return 'wait';
    }
    if (!pod) {
      pod = podFor(index);
      await ensureClaims(deps, set, pod, start + index);
      const created = await createPod(deps, set, pod);
      known.push(created);
      return 'wait';
    }
    if (isTerminating(pod)) return 'wait';
    // Storage and identity first, so a pod that lost its claim gets it back even while it is not ready.
    await ensureClaims(deps, set, pod, start + index);
    if (!identityMatches(set, pod, start + index)) {
      const fixed = await tolerateGone(deps.client.update<Pod>(resources.pods, withIdentity(set, pod, start + index)));
      if (fixed) deps.event(set, 'Normal', 'SuccessfulUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${setName} successful`);
    }
    if (!isRunningAndReady(pod)) return 'wait';
    const wait = msUntilAvailable(pod, minReadySeconds, deps.now());
    if (wait > 0) {
      outcome.requeueAfterMs = Math.min(outcome.requeueAfterMs ?? wait, wait);
      return 'wait';
    }
    return 'next';
  };

  /** One condemned pod's step (processCondemned): claims follow the retention policy, then the pod goes. */
  const processCondemned = async (pod: Pod): Promise<'next' | 'wait'> => {
    await updateClaimRetention(deps, set, pod, ordinalOf(pod), true);
    if (isTerminating(pod)) return 'wait';
    // OrderedReady scales down only when everything below is healthy, or when this pod is the one that is not.
    if (monotonic && firstUnhealthy && firstUnhealthy !== pod) return 'wait';
    await deletePod(deps, set, pod);
    return 'wait';
  };

  // runForAll: OrderedReady goes one replica at a time and stops at the first that must wait;
  // Parallel acts on all of them at once, in slow-start batches like the real controller's burst.
  if (!(await runForAll(count, (index) => processReplica(index), monotonic))) return outcome;
  if (!(await runForAll(condemned.length, (index) => processCondemned(condemned[index]), monotonic))) return outcome;

  if (partition === undefined) return outcome; // OnDelete: only pods someone deletes take the new revision.
  for (let index = count - 1; index >= partition; index--) {
    const pod = replicas[index];
    if (!pod) return outcome;
    if (podRevision(pod) !== update.metadata.name && !isTerminating(pod)) {
      await deletePod(deps, set, pod);
      return outcome;
    }
    if (!isHealthy(pod)) return outcome;
  }
  return outcome;
}

/** Creates the pod's missing claims (before the pod, as the real controller does) and keeps their retention owner references right. */
async function ensureClaims(deps: StatefulSetControlDeps, set: StatefulSet, pod: Pod, ordinal: number): Promise<void> {
  const { client } = deps;
  const setName = set.metadata.name ?? '';
  let wanted: Map<string, PersistentVolumeClaim> | undefined;
  for (const template of set.spec.volumeClaimTemplates ?? []) {
    const templateName = template.metadata.name ?? '';
    const name = claimName(templateName, setName, ordinal);
    const existing = deps.claim(set.metadata.namespace, name);
    if (existing?.metadata.deletionTimestamp) throw new Error(`pvc ${name} is being deleted`);
    if (existing) continue;
    // Built only when missing: a sync of a large set checks every claim and creates few.
    wanted ??= claimsForOrdinal(set, ordinal);
    const claim = wanted.get(templateName);
    if (!claim) continue;
    const refs = claimOwnerRefsFor(claim, set, undefined, false);
    if (refs) claim.metadata.ownerReferences = refs;
    try {
      await client.create<PersistentVolumeClaim>(resources.persistentVolumeClaims, claim);
      deps.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata.name} in StatefulSet ${setName} success`);
    } catch (error) {
      if (isAlreadyExists(error)) continue;
      deps.event(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${pod.metadata.name} in StatefulSet ${setName} failed error: ${errorMessage(error)}`);
      throw error;
    }
  }
  if (isCreated(pod)) await updateClaimRetention(deps, set, pod, ordinal, false);
}

async function updateClaimRetention(deps: StatefulSetControlDeps, set: StatefulSet, pod: Pod, ordinal: number, scaledDown: boolean): Promise<void> {
  for (const template of set.spec.volumeClaimTemplates ?? []) {
    const claim = deps.claim(set.metadata.namespace, claimName(template.metadata.name ?? '', set.metadata.name ?? '', ordinal));
    if (!claim || claim.metadata.deletionTimestamp) continue;
    const refs = claimOwnerRefsFor(claim, set, pod, scaledDown);
    if (refs) await tolerateGone(deps.client.update<PersistentVolumeClaim>(resources.persistentVolumeClaims, { ...claim, metadata: { ...claim.metadata, ownerReferences: refs } }));
  }
}

/**
 * runForAll of stateful_set_control.go: in order, stopping at the first step that must wait
 * (monotonic), or every step at once in slow-start batches of 1, 2, 4, ... that stop at the first
 * failure (slowStartBatch), so a broken template costs one failed create, not a thousand.
 * Resolves true when the caller may go on to its next phase.
 */
async function runForAll(count: number, step: (index: number) => Promise<'next' | 'wait'>, monotonic: boolean): Promise<boolean> {
  if (monotonic) {
    for (let index = 0; index < count; index++) if ((await step(index)) === 'wait') return false;
    return true;
  }
  for (let done = 0, batch = 1; done < count; batch *= 2) {
    const size = Math.min(batch, count - done);
    const results = await Promise.allSettled(Array.from({ length: size }, (_, offset) => step(done + offset)));
    const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    done += size;
  }
  return true;
}

async function createPod(deps: StatefulSetControlDeps, set: StatefulSet, pod: Pod): Promise<Pod> {
  const setName = set.metadata.name ?? '';
  try {
    const created = await deps.client.create<Pod>(resources.pods, pod);
    deps.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${setName} successful`);
    return created;
  } catch (error) {
    deps.event(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${setName} failed error: ${errorMessage(error)}`);
    throw error;
  }
}

async function deletePod(deps: StatefulSetControlDeps, set: StatefulSet, pod: Pod): Promise<void> {
  const setName = set.metadata.name ?? '';
  try {
    await deps.client.delete(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '', { uid: pod.metadata.uid });
    deps.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${setName} successful`);
  } catch (error) {
    if (isNotFound(error)) return;
    deps.event(set, 'Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${setName} failed error: ${errorMessage(error)}`);
    throw error;
  }
}

/** Writes the status when it changed, leaving out zero counts as the real API object does (omitempty). */
async function writeStatus(deps: StatefulSetControlDeps, set: StatefulSet, status: StatefulSetStatus): Promise<void> {
  const latest = deps.client.get<StatefulSet>(resources.statefulSets, set.metadata.namespace, set.metadata.name ?? '');
  if (!latest || latest.metadata.uid !== set.metadata.uid) return;
  if (!statusDiffers(latest.status, status)) return;
  const written: StatefulSetStatus = { ...(latest.status ?? { replicas: 0 }), ...status };
  for (const field of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'collisionCount'] as const) if (!written[field]) delete written[field];
  // observedGeneration is the generation this sync read, so a spec change that raced it still shows as not observed.
  await deps.client.updateStatus<StatefulSet>(resources.statefulSets, { ...latest, status: written });
}

/** Deletes the oldest revisions no pod uses beyond revisionHistoryLimit (truncateHistory). */
async function truncateHistory(deps: StatefulSetControlDeps, set: StatefulSet, pods: Pod[], revisions: ControllerRevision[], current: ControllerRevision, update: ControllerRevision): Promise<void> {
  const live = new Set<string>([current.metadata.name ?? '', update.metadata.name ?? '']);
  for (const pod of pods) {
    const revision = podRevision(pod);
    if (revision) live.add(revision);
  }
  const history = sortRevisions(revisions).filter((revision) => !live.has(revision.metadata.name ?? ''));
  const limit = set.spec.revisionHistoryLimit ?? 10;
  for (const revision of history.slice(0, Math.max(0, history.length - limit))) {
    try {
      await deps.client.delete(resources.controllerRevisions, revision.metadata.namespace, revision.metadata.name ?? '');
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}

/** An update of an object that vanished meanwhile is not an error for the sync: the next event says what happened. */
async function tolerateGone<T>(pending: Promise<T>): Promise<T | undefined> {
  try {
    return await pending;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
