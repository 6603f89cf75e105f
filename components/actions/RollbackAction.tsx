'use client';

import { useState } from 'react';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { ActionResult } from '@/components/ui/ActionResult';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { Empty } from '@/components/ui/StateMessage';
import { TemplateDiff } from '@/components/rollout/TemplateDiff';
import { disabledReason } from '@/components/statefulset/permissions';
import { useAction } from '@/hooks/useAction';
import { ActionCard } from './ActionCard';

/** Roll back as `kubectl rollout undo --to-revision` does: the template goes back to a stored ControllerRevision. */
export function RollbackAction({ url, detail }: { url: string; detail: StatefulSetDetail }) {
  const revisions = [...detail.revisions].sort((a, b) => b.revision - a.revision);
  const latest = revisions.find((revision) => revision.isUpdate) ?? revisions[0];
  const [chosen, setChosen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const selected = revisions.find((revision) => revision.revision === chosen) ?? revisions.find((revision) => revision !== latest);

  return (
    <ActionCard id="rollback" title="Roll back" disabledReason={disabledReason(detail, 'rollback')} description="Each change of the pod template is stored as a ControllerRevision. Rolling back copies an older one's template back, which itself rolls out like any update.">
      {revisions.length < 2 ? (
        <Empty>There is only one revision, so there is nothing to roll back to yet.</Empty>
      ) : (
        <>
          <fieldset className="mb-2">
            <legend className="text-xs font-medium">Revisions, newest first</legend>
            <ul className="space-y-1 text-xs">
              {revisions.map((revision) => (
                <li key={revision.name}>
                  <label className="flex flex-wrap items-center gap-2">
                    <input type="radio" name="rollback-revision" value={revision.revision} checked={selected?.revision === revision.revision} onChange={() => setChosen(revision.revision)} disabled={revision === latest} />
                    <span className="font-mono">
                      revision {revision.revision} ({revision.hash || revision.name})
                    </span>
                    <span className="font-mono">{revision.images.map((image) => image.image).join(', ')}</span>
                    {revision.isUpdate ? <strong>[update revision: the template now]</strong> : null}
                    {revision.isCurrent && !revision.isUpdate ? <strong>[current revision: pods not yet updated]</strong> : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          {selected && latest ? <TemplateDiff from={latest.templateYaml} to={selected.templateYaml} fromLabel={`revision ${latest.revision}`} toLabel={`revision ${selected.revision}`} /> : null}
          <Button variant="danger" className="mt-2" onClick={() => setConfirming(true)} disabled={!selected || action.pending}>
            {action.pending ? 'Rolling back…' : selected ? `Roll back to revision ${selected.revision}` : 'Roll back'}
          </Button>
        </>
      )}
      <ActionResult pending={action.pending} error={action.error} done={action.done} testId="rollback-result" />
      <ConfirmDialog
        open={confirming && Boolean(selected)}
        title={`Roll back to revision ${selected?.revision ?? ''}?`}
        confirmLabel="Roll back"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          if (selected) void action.run(`${url}/rollback`, 'POST', { revision: selected.revision }, `Rolling back to revision ${selected.revision}: the pods are replaced from the highest ordinal down.`);
        }}
      >
        <p>The pod template goes back to revision {selected?.revision} ({selected?.images.map((image) => image.image).join(', ')}). The pods are then replaced one by one, as in any rolling update, respecting the partition.</p>
      </ConfirmDialog>
    </ActionCard>
  );
}
