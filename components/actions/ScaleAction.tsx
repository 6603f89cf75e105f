'use client';

import { useState } from 'react';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { ActionResult } from '@/components/ui/ActionResult';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { disabledReason } from '@/components/statefulset/permissions';
import { useAction } from '@/hooks/useAction';
import { ActionCard } from './ActionCard';
import { inputClass } from './fieldClasses';

/** Scale: a stepper and a number field. Scaling down asks first, because it deletes pods (their claims stay). */
export function ScaleAction({ url, detail }: { url: string; detail: StatefulSetDetail }) {
  const sts = detail.statefulSet;
  const [value, setValue] = useState(String(sts.replicas));
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const reason = disabledReason(detail, 'scale');
  const asNumber = Number(value);
  const stepTo = (next: number) => setValue(String(Math.max(0, next)));

  const send = () => {
    // Sent as typed: the server validates and its message is shown verbatim.
    const replicas = value.trim() === '' || Number.isNaN(asNumber) ? value : asNumber;
    void action.run(`${url}/scale`, 'POST', { replicas }, `Asked for ${value} replicas; the pods below follow as the controller works.`);
  };
  const submit = () => {
    if (Number.isInteger(asNumber) && asNumber >= 0 && asNumber < sts.replicas) setConfirming(true);
    else send();
  };

  const removed = Number.isInteger(asNumber) && asNumber >= 0 ? Array.from({ length: Math.max(0, sts.replicas - asNumber) }, (_, i) => `${sts.name}-${sts.ordinalsStart + sts.replicas - 1 - i}`) : [];
  return (
    <ActionCard
      id="scale"
      title="Scale"
      disabledReason={reason}
      description={
        sts.podManagementPolicy === 'OrderedReady'
          ? 'OrderedReady: new pods are created one at a time in ordinal order, each waiting for the one before to be Ready; scaling down removes the highest ordinal first.'
          : 'Parallel: pods are created and removed all at once, without waiting.'
      }
    >
      <form
        noValidate
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Button aria-label="One replica fewer" onClick={() => stepTo((Number.isFinite(asNumber) ? asNumber : sts.replicas) - 1)}>
          −
        </Button>
        <label className="flex flex-col text-xs">
          Replicas
          <input
            type="number"
            inputMode="numeric"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            className={`w-24 ${inputClass}`}
            aria-invalid={action.field === 'replicas' ? true : undefined}
            aria-describedby="scale-result"
          />
        </label>
        <Button aria-label="One replica more" onClick={() => stepTo((Number.isFinite(asNumber) ? asNumber : sts.replicas) + 1)}>
          +
        </Button>
        <Button type="submit" variant="primary" disabled={action.pending}>
          {action.pending ? 'Scaling…' : 'Scale'}
        </Button>
        <span className="text-xs text-slate-600 dark:text-slate-400">now {sts.replicas}</span>
      </form>
      <div id="scale-result">
        <ActionResult pending={action.pending} error={action.error} done={action.done} testId="scale-result" />
      </div>
      <ConfirmDialog
        open={confirming}
        title={`Scale ${sts.name} down to ${value}?`}
        confirmLabel={`Scale down to ${value}`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          send();
        }}
      >
        <p>These pods will be deleted, highest ordinal first: {removed.join(', ')}.</p>
        <p>
          Their claims are {sts.retentionPolicy.whenScaled === 'Retain' ? 'kept (retention policy whenScaled: Retain), so scaling up again brings the same data back' : 'deleted too (retention policy whenScaled: Delete): their data is lost'}.
        </p>
      </ConfirmDialog>
    </ActionCard>
  );
}
