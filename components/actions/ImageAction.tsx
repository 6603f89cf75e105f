'use client';

import { useState } from 'react';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { ActionResult } from '@/components/ui/ActionResult';
import { Button } from '@/components/ui/Button';
import { disabledReason } from '@/components/statefulset/permissions';
import { useAction } from '@/hooks/useAction';
import { ActionCard } from './ActionCard';
import { inputClass } from './fieldClasses';

/** Set image, optionally as a canary: the partition is set first, so only ordinals at or above it get the new image. */
export function ImageAction({ url, detail }: { url: string; detail: StatefulSetDetail }) {
  const sts = detail.statefulSet;
  const containers = detail.template.containers.map((container) => container.name);
  const [container, setContainer] = useState(containers[0] ?? '');
  const current = detail.template.containers.find((entry) => entry.name === container)?.image ?? '';
  const [image, setImage] = useState(current);
  const [canary, setCanary] = useState(false);
  const [partition, setPartition] = useState(String(Math.max(0, sts.replicas - 1)));
  const action = useAction();
  const reason = disabledReason(detail, 'image') ?? (canary ? disabledReason(detail, 'update-strategy') : undefined);

  const submit = async () => {
    if (canary) {
      const partitionValue = Number(partition);
      const ok = await action.run(
        `${url}/update-strategy`,
        'POST',
        { type: 'RollingUpdate', partition: partition.trim() === '' || Number.isNaN(partitionValue) ? partition : partitionValue },
        `Partition set to ${partition}.`,
      );
      if (!ok) return;
    }
    await action.run(
      `${url}/image`,
      'POST',
      { container, image },
      canary ? `Image ${image} set with partition ${partition}: only ordinals ${partition} and above are updated.` : `Image ${image} set: the pods are replaced from the highest ordinal down.`,
    );
  };

  return (
    <ActionCard id="image" title="Update image" disabledReason={reason} description="Changes a container's image in the pod template: a new revision that the rolling update applies pod by pod.">
      <form
        noValidate
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label className="flex flex-col text-xs">
          Container
          <select
            value={container}
            onChange={(event) => {
              setContainer(event.target.value);
              setImage(detail.template.containers.find((entry) => entry.name === event.target.value)?.image ?? '');
            }}
            className={inputClass}
          >
            {containers.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label className="flex min-w-48 flex-1 flex-col text-xs">
          Image
          <input value={image} onChange={(event) => setImage(event.target.value)} className={`font-mono ${inputClass}`} aria-invalid={action.field === 'image' ? true : undefined} spellCheck={false} />
        </label>
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={canary} onChange={(event) => setCanary(event.target.checked)} />
          Canary: set the partition first
        </label>
        {canary ? (
          <label className="flex flex-col text-xs">
            Partition
            <input type="number" value={partition} onChange={(event) => setPartition(event.target.value)} className={`w-20 ${inputClass}`} aria-invalid={action.field === 'partition' ? true : undefined} />
          </label>
        ) : null}
        <Button type="submit" variant="primary" disabled={action.pending}>
          {action.pending ? 'Updating…' : 'Update image'}
        </Button>
      </form>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="current-images">
        Now: {sts.images.map((entry) => `${entry.container}=${entry.image}`).join(', ')}
      </p>
      <ActionResult pending={action.pending} error={action.error} done={action.done} testId="image-result" />
    </ActionCard>
  );
}
