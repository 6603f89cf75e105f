'use client';

import { memo, useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { sameDetailParts } from '@/components/statefulset/sameDetailParts';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import type { VisitsSample } from '@/lib/visits/types';
import { ActionResult } from '@/components/ui/ActionResult';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { Panel } from '@/components/ui/Panel';
import { Empty } from '@/components/ui/StateMessage';
import { disabledReason } from '@/components/statefulset/permissions';
import { podPath } from '@/hooks/apiPaths';
import { useAction } from '@/hooks/useAction';
import { useProgressiveCount } from '@/hooks/useProgressiveCount';
import { PodCardGroup } from './PodCardGroup';
import { PodVisitsStore, type CardVisits } from './podVisitsStore';
import { planRollout, type PodSlot } from './rolloutPlan';

/** Cards per memoised group: a pod event renders the cards of one group. */
const GROUP_SIZE = 50;

interface Props {
  context: string;
  namespace: string;
  detail: StatefulSetDetail;
  visits: VisitsSample | null;
  onOpenConsole: (pod: string, view: 'logs' | 'terminal') => void;
}

/** One card per ordinal, in order, with the pod that moves next marked and why the others wait. */
function PodsPanelView({ context, namespace, detail, visits, onOpenConsole }: Props) {
  const { statefulSet: sts, pods, claims } = detail;
  const slots = useMemo(() => planRollout(sts, pods), [sts, pods]);
  const claimStatus = useMemo(() => new Map(claims.map((claim) => [claim.name, claim.phase])), [claims]);
  // Visits reach the cards through a store that writes their text, so a sample renders no cards; in a
  // layout effect, so the cards and the visits table show the same sample in the same frame.
  const [visitsStore] = useState(() => new PodVisitsStore());
  useLayoutEffect(() => {
    const byPod = new Map<string, CardVisits>();
    const shares = new Map((visits?.totals.pods ?? []).map((balance) => [balance.pod, balance.share]));
    for (const entry of visits?.pods ?? []) byPod.set(entry.pod, { count: entry.count, share: shares.get(entry.pod) ?? null, error: entry.error });
    visitsStore.update(byPod);
  }, [visits, visitsStore]);

  // A first snapshot of hundreds of pods mounts its cards over a few frames, never in one long task.
  const shown = useProgressiveCount(slots.length, 100);
  const groups = useMemo(() => {
    const runs: PodSlot[][] = [];
    for (let start = 0; start < shown; start += GROUP_SIZE) runs.push(slots.slice(start, Math.min(shown, start + GROUP_SIZE)));
    return runs;
  }, [slots, shown]);
  const [toDelete, setToDelete] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const action = useAction();
  const requestDelete = useCallback((pod: string) => setToDelete(pod), []);
  const deleteReason = disabledReason(detail, 'delete-pod');
  const logsReason = disabledReason(detail, 'logs');
  const terminalReason = disabledReason(detail, 'exec');

  const confirmDelete = async () => {
    const pod = toDelete;
    setToDelete(null);
    if (!pod) return;
    setDeleting(pod);
    await action.run(podPath(context, namespace, pod), 'DELETE', {}, `Asked the cluster to delete ${pod}; the StatefulSet controller recreates it with the same name and claim.`);
    setDeleting(null);
  };

  const ready = pods.filter((pod) => pod.ready && !pod.deletionTimestamp).length;
  return (
    <Panel id="pods" title={`Pods (${ready} of ${sts.replicas} ready)`}>
      {deleteReason ? <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">Deleting pods is turned off: {deleteReason}</p> : null}
      <ActionResult pending={action.pending} error={action.error} done={action.done} testId="delete-pod-result" />
      {slots.length === 0 ? (
        <Empty>This StatefulSet has no pods: it is scaled to 0 replicas.</Empty>
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-3" aria-label="Pods by ordinal" data-testid="pod-cards">
          {groups.map((group, index) => (
            <PodCardGroup
              key={index}
              slots={group}
              currentRevision={sts.currentRevision}
              updateRevision={sts.updateRevision}
              claimStatus={claimStatus}
              visits={visitsStore}
              deleting={deleting}
              deleteDisabledReason={deleteReason}
              logsDisabledReason={logsReason}
              terminalDisabledReason={terminalReason}
              onDelete={requestDelete}
              onOpenConsole={onOpenConsole}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete pod ${toDelete ?? ''}?`}
        confirmLabel="Delete pod"
        onCancel={() => setToDelete(null)}
        onConfirm={() => void confirmDelete()}
      >
        <p>
          The pod stops (its containers get their grace period) and the StatefulSet controller creates it again with the same name, <strong>the same claim</strong> and so the same data.
        </p>
      </ConfirmDialog>
    </Panel>
  );
}

/** Renders again only when the parts of the detail it shows change. */
export const PodsPanel = memo(PodsPanelView, sameDetailParts<Parameters<typeof PodsPanelView>[0]>(['statefulSet', 'pods', 'claims', 'permissions', 'readOnly']));
