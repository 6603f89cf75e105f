import type { PodView, StatefulSetSummary } from '@/lib/k8s/viewModels';

/**
 * Which pod the StatefulSet controller moves next, and why the others wait. Mirrors the controller's
 * order (pkg/controller/statefulset): first create missing replicas in ordinal order, then remove
 * replicas above the count from the highest ordinal down, then replace pods on an old revision from the
 * highest ordinal down to the partition. OrderedReady waits for each pod to be Running and Ready;
 * Parallel creates and removes at once but still updates one pod at a time.
 */

export type SlotRole = 'next' | 'waiting' | 'held' | 'settled';

export interface PodSlot {
  ordinal: number;
  name: string;
  /** Undefined for a replica the controller has yet to create. */
  pod?: PodView;
  role: SlotRole;
  /** Plain words: "Moves next: …", "Waiting for python-python-app-1 to be Ready". */
  note?: string;
  /** Above the replica count: this pod is being scaled away. */
  condemned: boolean;
}

function healthy(pod: PodView): boolean {
  return pod.ready && pod.phase === 'Running' && !pod.deletionTimestamp;
}

export function podName(sts: Pick<StatefulSetSummary, 'name'>, ordinal: number): string {
  return `${sts.name}-${ordinal}`;
}

export function planRollout(sts: StatefulSetSummary, pods: readonly PodView[]): PodSlot[] {
  const start = sts.ordinalsStart ?? 0;
  const end = start + sts.replicas; // exclusive
  const ordered = sts.podManagementPolicy !== 'Parallel';
  const byOrdinal = new Map(pods.map((pod) => [pod.ordinal, pod]));
  const slots = new Map<number, PodSlot>();

  for (const pod of pods) {
    slots.set(pod.ordinal, { ordinal: pod.ordinal, name: pod.name, pod, role: 'settled', condemned: pod.ordinal < start || pod.ordinal >= end });
  }
  const missing: number[] = [];
  for (let ordinal = start; ordinal < end; ordinal++) {
    if (!byOrdinal.has(ordinal)) {
      missing.push(ordinal);
      slots.set(ordinal, { ordinal, name: podName(sts, ordinal), role: 'waiting', condemned: false });
    }
  }
  const inRange = [...slots.values()].filter((slot) => !slot.condemned && slot.pod).sort((a, b) => a.ordinal - b.ordinal);
  const condemned = [...slots.values()].filter((slot) => slot.condemned).sort((a, b) => b.ordinal - a.ordinal);
  const mark = (slot: PodSlot, role: SlotRole, note: string) => {
    slot.role = role;
    slot.note = note;
  };

  // 1. Creating missing replicas.
  if (missing.length > 0) {
    if (!ordered) {
      for (const ordinal of missing) mark(slots.get(ordinal)!, 'next', 'Being created now: Parallel creates every missing pod at once.');
    } else {
      const first = missing[0];
      const blocker = inRange.find((slot) => slot.ordinal < first && !healthy(slot.pod!));
      if (blocker) {
        mark(blocker, 'next', `Moves next: must be Running and Ready before ${podName(sts, first)} is created.`);
        mark(slots.get(first)!, 'waiting', `Waiting for ${blocker.name} to be Ready (OrderedReady creates one pod at a time, in order).`);
      } else {
        mark(slots.get(first)!, 'next', 'Moves next: being created now.');
      }
      for (const ordinal of missing.slice(1)) {
        mark(slots.get(ordinal)!, 'waiting', `Waiting for ${podName(sts, ordinal - 1)} to be created and Ready (OrderedReady).`);
      }
    }
    return finish(slots);
  }

  // 2. Removing replicas above the count, highest ordinal first.
  if (condemned.length > 0) {
    if (!ordered) {
      for (const slot of condemned) mark(slot, 'next', slot.pod?.deletionTimestamp ? 'Terminating: scaled away (Parallel removes all at once).' : 'Being removed now: Parallel removes every extra pod at once.');
    } else {
      const [highest, ...rest] = condemned;
      mark(highest, 'next', highest.pod?.deletionTimestamp ? 'Terminating: scale-down removes the highest ordinal first.' : 'Moves next: scale-down removes the highest ordinal first.');
      for (const slot of rest) mark(slot, 'waiting', `Waiting for ${highest.name} to terminate (OrderedReady removes one pod at a time, highest first).`);
    }
    return finish(slots);
  }

  // 3. Replacing pods on an old revision.
  const update = sts.updateRevision;
  const outdated = inRange.filter((slot) => update && slot.pod!.revision && slot.pod!.revision !== update).sort((a, b) => b.ordinal - a.ordinal);
  if (sts.updateStrategy.type === 'OnDelete') {
    for (const slot of outdated) mark(slot, 'held', 'On the old revision: with OnDelete it is replaced only when you delete the pod.');
    return finish(slots);
  }
  const partition = sts.updateStrategy.partition ?? 0;
  const held = outdated.filter((slot) => slot.ordinal < start + partition);
  for (const slot of held) mark(slot, 'held', `Stays on the old revision: the partition is ${partition}, so only ordinals ${start + partition} and above are updated.`);
  const targets = outdated.filter((slot) => slot.ordinal >= start + partition);
  const unready = inRange.find((slot) => !healthy(slot.pod!));
  if (targets.length > 0) {
    if (unready && !targets.includes(unready)) {
      mark(unready, 'next', `Moves next: must be Running and Ready before ${targets[0].name} is updated.`);
      for (const slot of targets) mark(slot, 'waiting', `Waiting for ${unready.name} to be Ready before it is replaced.`);
    } else {
      const [first, ...rest] = targets;
      mark(first, 'next', first.pod?.deletionTimestamp ? 'Being replaced with the update revision now.' : 'Moves next: replaced with the update revision (highest ordinal first).');
      for (const slot of rest) mark(slot, 'waiting', `Waiting for ${first.name} to be updated and Ready (one pod at a time, highest ordinal first).`);
    }
  } else if (unready && update && unready.pod!.revision === update && sts.currentRevision !== update) {
    mark(unready, 'next', 'Updated; the rollout finishes when it is Running and Ready.');
  }
  return finish(slots);
}

function finish(slots: Map<number, PodSlot>): PodSlot[] {
  return [...slots.values()].sort((a, b) => a.ordinal - b.ordinal);
}
