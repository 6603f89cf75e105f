'use client';

import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { Panel } from '@/components/ui/Panel';
import { ImageAction } from './ImageAction';
import { PartitionAction } from './PartitionAction';
import { PodManagementPolicyAction } from './PodManagementPolicyAction';
import { RestartAction } from './RestartAction';
import { RollbackAction } from './RollbackAction';
import { ScaleAction } from './ScaleAction';

/** Every change you can make to the StatefulSet; results come back through the live stream. */
export function ActionsPanel({ url, detail }: { url: string; detail: StatefulSetDetail }) {
  return (
    <Panel id="actions" title="Actions">
      <div className="grid gap-3 lg:grid-cols-2">
        <ScaleAction url={url} detail={detail} />
        <RestartAction url={url} detail={detail} />
        <ImageAction url={url} detail={detail} />
        <PartitionAction url={url} detail={detail} />
        <RollbackAction url={url} detail={detail} />
        <PodManagementPolicyAction url={url} detail={detail} />
      </div>
    </Panel>
  );
}
