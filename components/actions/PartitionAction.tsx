'use client';

import { useState } from 'react';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { ActionResult } from '@/components/ui/ActionResult';
import { Button } from '@/components/ui/Button';
import { disabledReason } from '@/components/statefulset/permissions';
import { useAction } from '@/hooks/useAction';
import { ActionCard } from './ActionCard';
import { inputClass } from './fieldClasses';

/** Update strategy and partition: a slider from 0 to the replica count. */
export function PartitionAction({ url, detail }: { url: string; detail: StatefulSetDetail }) {
  const sts = detail.statefulSet;
  const [type, setType] = useState<'RollingUpdate' | 'OnDelete'>(sts.updateStrategy.type);
  const [partition, setPartition] = useState(sts.updateStrategy.partition ?? 0);
  const action = useAction();
  const max = Math.max(sts.replicas, partition);
  const start = sts.ordinalsStart;

  return (
    <ActionCard
      id="partition"
      title="Update strategy and partition"
      disabledReason={disabledReason(detail, 'update-strategy')}
      description="RollingUpdate replaces pods on an old revision from the highest ordinal down, but only those at or above the partition; OnDelete waits until you delete a pod."
    >
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(`${url}/update-strategy`, 'POST', type === 'RollingUpdate' ? { type, partition } : { type }, type === 'RollingUpdate' ? `Partition set to ${partition}.` : 'Update strategy set to OnDelete.');
        }}
      >
        <label className="flex flex-col text-xs">
          Strategy
          <select value={type} onChange={(event) => setType(event.target.value as 'RollingUpdate' | 'OnDelete')} className={inputClass}>
            <option value="RollingUpdate">RollingUpdate</option>
            <option value="OnDelete">OnDelete</option>
          </select>
        </label>
        {type === 'RollingUpdate' ? (
          <label className="flex min-w-40 flex-1 flex-col text-xs">
            Partition: {partition}
            <input type="range" min={0} max={max} step={1} value={partition} onChange={(event) => setPartition(Number(event.target.value))} aria-valuetext={`partition ${partition}`} />
          </label>
        ) : null}
        <Button type="submit" variant="primary" disabled={action.pending}>
          {action.pending ? 'Applying…' : 'Apply strategy'}
        </Button>
      </form>
      {type === 'RollingUpdate' ? (
        <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">
          {partition === 0
            ? 'Partition 0: every pod gets the update revision.'
            : partition >= sts.replicas
              ? `Partition ${partition}: no pod is updated (a way to stage a change).`
              : `Ordinals ${start + partition} to ${start + sts.replicas - 1} get the update revision; ${start} to ${start + partition - 1} stay on the current one.`}
        </p>
      ) : null}
      <ActionResult pending={action.pending} error={action.error} done={action.done} testId="partition-result" />
    </ActionCard>
  );
}
