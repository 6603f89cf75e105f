'use client';

import { useState } from 'react';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { ActionResult } from '@/components/ui/ActionResult';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { disabledReason } from '@/components/statefulset/permissions';
import { useAction } from '@/hooks/useAction';
import { ActionCard } from './ActionCard';

/** Restart as `kubectl rollout restart` does it: a new template annotation, so every pod is replaced in rollout order. */
export function RestartAction({ url, detail }: { url: string; detail: StatefulSetDetail }) {
  const sts = detail.statefulSet;
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  return (
    <ActionCard
      id="restart"
      title="Restart"
      disabledReason={disabledReason(detail, 'restart')}
      description="Sets the kubectl.kubernetes.io/restartedAt annotation on the pod template, as kubectl rollout restart does: a new revision, rolled out from the highest ordinal down."
    >
      <Button variant="danger" onClick={() => setConfirming(true)} disabled={action.pending}>
        {action.pending ? 'Restarting…' : 'Restart all pods'}
      </Button>
      <ActionResult pending={action.pending} error={action.error} done={action.done} testId="restart-result" />
      <ConfirmDialog
        open={confirming}
        title={`Restart ${sts.name}?`}
        confirmLabel="Restart"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void action.run(`${url}/restart`, 'POST', {}, 'Restart requested: the pods are replaced one by one, highest ordinal first.');
        }}
      >
        <p>
          Every pod of {sts.name} is deleted and created again, one at a time from {sts.name}-{sts.ordinalsStart + sts.replicas - 1} down
          {sts.updateStrategy.type === 'RollingUpdate' && sts.updateStrategy.partition > 0 ? `, but only ordinals ${sts.updateStrategy.partition} and above (partition ${sts.updateStrategy.partition})` : ''}. Claims and their data stay.
        </p>
        {sts.updateStrategy.type === 'OnDelete' ? <p>The update strategy is OnDelete: nothing is replaced until you delete the pods yourself.</p> : null}
      </ConfirmDialog>
    </ActionCard>
  );
}
