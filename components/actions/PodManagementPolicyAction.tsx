'use client';

import { useState } from 'react';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { ActionResult } from '@/components/ui/ActionResult';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { disabledReason } from '@/components/statefulset/permissions';
import { useAction } from '@/hooks/useAction';
import { ActionCard } from './ActionCard';

type Policy = 'OrderedReady' | 'Parallel';

/** podManagementPolicy is immutable: changing it means deleting the StatefulSet with orphaned pods and creating it again. */
export function PodManagementPolicyAction({ url, detail }: { url: string; detail: StatefulSetDetail }) {
  const sts = detail.statefulSet;
  const other: Policy = sts.podManagementPolicy === 'Parallel' ? 'OrderedReady' : 'Parallel';
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  return (
    <ActionCard
      id="policy"
      title="Pod management policy"
      disabledReason={disabledReason(detail, 'pod-management-policy')}
      description={
        <>
          Now <strong>{sts.podManagementPolicy}</strong>. OrderedReady creates pods one at a time in ordinal order and removes them highest first, each step waiting for Ready; Parallel
          creates and removes them all at once. The field cannot be changed on an existing StatefulSet (the API server refuses), so the dashboard deletes the StatefulSet
          while leaving its pods and claims in place (orphan), then creates it again with the new policy; the new StatefulSet adopts the same pods.
        </>
      }
    >
      <Button variant="danger" onClick={() => setConfirming(true)} disabled={action.pending}>
        {action.pending ? 'Recreating…' : `Switch to ${other}`}
      </Button>
      <ActionResult pending={action.pending} error={action.error} done={action.done} testId="policy-result" />
      <ConfirmDialog
        open={confirming}
        title={`Recreate ${sts.name} with ${other}?`}
        confirmLabel={`Delete and recreate with ${other}`}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void action.run(`${url}/pod-management-policy`, 'POST', { policy: other }, `Recreated with ${other}; the pods and claims were kept and adopted.`);
        }}
      >
        <p>1. {sts.name} is deleted with propagation policy Orphan: its {sts.replicas} pods and their claims keep running, without an owner for a moment.</p>
        <p>2. It is created again with podManagementPolicy {other} and the same spec; the controller adopts the running pods.</p>
        <p>If someone changes the StatefulSet in between, the dashboard stops and says so.</p>
      </ConfirmDialog>
    </ActionCard>
  );
}
