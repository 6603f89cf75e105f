'use client';

import { memo } from 'react';
import { sameDetailParts } from '@/components/statefulset/sameDetailParts';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { Panel } from '@/components/ui/Panel';
import { ImageAction } from './ImageAction';
import { PartitionAction } from './PartitionAction';
import { PodManagementPolicyAction } from './PodManagementPolicyAction';
import { RestartAction } from './RestartAction';
import { RollbackAction } from './RollbackAction';
import { ScaleAction } from './ScaleAction';

/** Every change you can make to the StatefulSet; results come back through the live stream. */
function ActionsPanelView({ url, detail }: { url: string; detail: StatefulSetDetail }) {
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

/** Renders again only when the parts of the detail it shows change. */
export const ActionsPanel = memo(ActionsPanelView, sameDetailParts<Parameters<typeof ActionsPanelView>[0]>(['statefulSet', 'template', 'revisions', 'permissions', 'readOnly']));
