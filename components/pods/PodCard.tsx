'use client';

import { memo } from 'react';
import type { PodView } from '@/lib/k8s/viewModels';
import { Age } from '@/components/ui/Age';
import { Badge } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { PodVisitsStore } from './podVisitsStore';
import { PodVisitsText } from './PodVisitsText';
import type { SlotRole } from './rolloutPlan';

export interface PodCardProps {
  name: string;
  ordinal: number;
  pod?: PodView;
  role: SlotRole;
  note?: string;
  condemned: boolean;
  /** 'update' | 'current' | 'other' relative to the StatefulSet's revisions. */
  revisionKind: 'current' | 'update' | 'other' | 'unknown';
  /** "visits-data-web-0 (Bound)" per claim. */
  claimText: string;
  /** Where the card reads its pod's visits (they change for every pod at once, so they are not props). */
  visits: PodVisitsStore;
  deleting: boolean;
  deleteDisabledReason?: string;
  logsDisabledReason?: string;
  terminalDisabledReason?: string;
  onDelete: (pod: string) => void;
  onOpenConsole: (pod: string, view: 'logs' | 'terminal') => void;
}

function statusTone(pod: PodView): 'good' | 'warn' | 'bad' | 'neutral' {
  if (pod.deletionTimestamp) return 'warn';
  if (/BackOff|Err|Fail|Crash/.test(pod.status)) return 'bad';
  if (pod.ready) return 'good';
  return 'warn';
}

const roleLook: Record<SlotRole, { label: string; className: string } | null> = {
  next: { label: '▶ Moves next', className: 'border-blue-600 ring-2 ring-blue-500/50' },
  waiting: { label: '⏸ Waiting', className: 'border-dashed border-slate-400' },
  held: { label: '⏹ Held', className: 'border-slate-400' },
  settled: null,
};

function PodCardView(props: PodCardProps) {
  const { pod, role, note, name } = props;
  const look = roleLook[role];
  const revisionLabel = { current: 'current revision', update: 'update revision', other: 'older revision', unknown: 'revision unknown' }[props.revisionKind];
  return (
    <li
      data-testid={`pod-card-${name}`}
      data-role={role}
      data-status={pod ? pod.status : 'NotCreated'}
      data-ready={pod?.ready ? 'true' : 'false'}
      data-revision={props.revisionKind}
      data-uid={pod?.uid ?? ''}
      aria-label={`Pod ${name}`}
      // content-visibility: a card off screen costs no style, layout or paint (it stays in the DOM and the
      // accessibility tree); the intrinsic size keeps the scrollbar steady until it is first laid out.
      className={`flex min-h-52 flex-col gap-1 rounded-lg border [contain-intrinsic-size:auto_15rem_13rem] [content-visibility:auto] bg-white p-3 text-sm dark:bg-slate-900 ${look?.className ?? 'border-slate-300 dark:border-slate-700'} ${props.condemned ? 'opacity-90' : ''}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-mono font-semibold break-all">{name}</h3>
        <span className="shrink-0 rounded bg-slate-200 px-1.5 text-xs tabular-nums dark:bg-slate-700" title="Ordinal">
          #{props.ordinal}
        </span>
      </div>
      {look ? (
        <p data-testid="pod-role" className="text-xs font-semibold text-blue-900 dark:text-blue-200">
          {look.label}
        </p>
      ) : null}
      {note ? <p className="text-xs text-slate-700 dark:text-slate-300">{note}</p> : null}
      {pod ? (
        <>
          <div className="flex flex-wrap gap-1">
            <Badge tone={statusTone(pod)} testId="pod-status">
              {pod.status}
            </Badge>
            <Badge tone={pod.ready ? 'good' : 'warn'}>
              {pod.ready ? '✓ Ready' : '✗ Not ready'} {pod.readyContainers}/{pod.totalContainers}
            </Badge>
            <Badge tone={props.revisionKind === 'update' ? 'info' : 'neutral'} title={pod.revision}>
              {props.revisionKind === 'update' ? '◆' : '◇'} {revisionLabel}
            </Badge>
            {props.condemned ? <Badge tone="warn">above the replica count</Badge> : null}
          </div>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-2 text-xs">
            <dt className="text-slate-600 dark:text-slate-400">Restarts</dt>
            <dd className="tabular-nums">{pod.restarts}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Pod IP</dt>
            <dd className="font-mono">{pod.podIP || '—'}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Node</dt>
            <dd>{pod.node || 'not scheduled yet'}</dd>
            <dt className="text-slate-600 dark:text-slate-400">Age</dt>
            <dd>
              <Age since={pod.creationTimestamp} />
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Claim</dt>
            <dd className="font-mono [overflow-wrap:anywhere]" data-testid="pod-claim">
              {props.claimText || 'none'}
            </dd>
            <dt className="text-slate-600 dark:text-slate-400">Visits</dt>
            <dd className="tabular-nums" data-testid="pod-visits">
              <PodVisitsText pod={name} store={props.visits} />
            </dd>
          </dl>
          <div className="mt-auto flex flex-wrap gap-1 pt-1">
            <Button onClick={() => props.onOpenConsole(name, 'logs')} disabled={Boolean(props.logsDisabledReason)} title={props.logsDisabledReason} aria-label={`Logs of ${name}`}>
              Logs
            </Button>
            <Button onClick={() => props.onOpenConsole(name, 'terminal')} disabled={Boolean(props.terminalDisabledReason)} title={props.terminalDisabledReason} aria-label={`Terminal in ${name}`}>
              Terminal
            </Button>
            <Button
              variant="danger"
              onClick={() => props.onDelete(name)}
              disabled={props.deleting || Boolean(props.deleteDisabledReason) || Boolean(pod.deletionTimestamp)}
              title={props.deleteDisabledReason}
              aria-label={`Delete pod ${name}`}
            >
              {props.deleting ? 'Deleting…' : 'Delete pod'}
            </Button>
          </div>
        </>
      ) : (
        <p className="text-xs text-slate-600 dark:text-slate-400">Not created yet.</p>
      )}
    </li>
  );
}

/** Memoised on its props: with 1,000 pods, a change to one pod renders one card. */
export const PodCard = memo(PodCardView);
