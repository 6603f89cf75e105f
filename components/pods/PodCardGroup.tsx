'use client';

import { memo } from 'react';
import { PodCard } from './PodCard';
import type { PodVisitsStore } from './podVisitsStore';
import type { PodSlot } from './rolloutPlan';

export interface PodCardGroupProps {
  slots: PodSlot[];
  currentRevision: string;
  updateRevision: string;
  /** Claim name -> its phase. */
  claimStatus: Map<string, string>;
  visits: PodVisitsStore;
  deleting: string | null;
  deleteDisabledReason?: string;
  logsDisabledReason?: string;
  terminalDisabledReason?: string;
  onDelete: (pod: string) => void;
  onOpenConsole: (pod: string, view: 'logs' | 'terminal') => void;
}

function revisionKind(revision: string | undefined, current: string, update: string): 'current' | 'update' | 'other' | 'unknown' {
  if (!revision) return 'unknown';
  return revision === current ? 'current' : revision === update ? 'update' : 'other';
}

/** A run of consecutive cards (rendered as bare <li>s in the panel's list). */
function PodCardGroupView(props: PodCardGroupProps) {
  return (
    <>
      {props.slots.map((slot) => (
        <PodCard
          key={slot.pod?.uid ?? `missing-${slot.ordinal}`}
          name={slot.name}
          ordinal={slot.ordinal}
          pod={slot.pod}
          role={slot.role}
          note={slot.note}
          condemned={slot.condemned}
          revisionKind={revisionKind(slot.pod?.revision, props.currentRevision, props.updateRevision)}
          claimText={(slot.pod?.claims ?? []).map((claim) => `${claim} (${props.claimStatus.get(claim) ?? 'not found'})`).join(', ')}
          visits={props.visits}
          deleting={props.deleting === slot.name}
          deleteDisabledReason={props.deleteDisabledReason}
          logsDisabledReason={props.logsDisabledReason}
          terminalDisabledReason={props.terminalDisabledReason}
          onDelete={props.onDelete}
          onOpenConsole={props.onOpenConsole}
        />
      ))}
    </>
  );
}

function sameSlot(a: PodSlot, b: PodSlot): boolean {
  return a.pod === b.pod && a.name === b.name && a.ordinal === b.ordinal && a.role === b.role && a.note === b.note && a.condemned === b.condemned;
}

/**
 * The rollout plan is rebuilt on every change, so compare what this group's cards show (their visits
 * come from the panel's PodVisitsStore, not from props): one pod event on a 1,000-pod StatefulSet then
 * renders one group of cards, and the other groups cost a shallow comparison each.
 */
function sameGroup(before: PodCardGroupProps, after: PodCardGroupProps): boolean {
  if (before.slots.length !== after.slots.length) return false;
  const shared: (keyof PodCardGroupProps)[] = ['currentRevision', 'updateRevision', 'claimStatus', 'visits', 'deleting', 'deleteDisabledReason', 'logsDisabledReason', 'terminalDisabledReason', 'onDelete', 'onOpenConsole'];
  if (shared.some((key) => before[key] !== after[key])) return false;
  return after.slots.every((slot, index) => sameSlot(before.slots[index], slot));
}

export const PodCardGroup = memo(PodCardGroupView, sameGroup);
