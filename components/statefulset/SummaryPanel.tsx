import { memo } from 'react';
import { sameDetailParts } from '@/components/statefulset/sameDetailParts';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { Age } from '@/components/ui/Age';
import { Badge } from '@/components/ui/Badge';
import { DefinitionList } from '@/components/ui/DefinitionList';
import { Panel } from '@/components/ui/Panel';
import { ProgressBar } from '@/components/ui/ProgressBar';

function labels(map: Record<string, string>): string {
  const entries = Object.entries(map);
  return entries.length ? entries.map(([key, value]) => `${key}=${value}`).join(', ') : '<none>';
}

/** Ready N/M, revisions and rollout progress, strategy, partition, policy, service, selector, age. */
function SummaryPanelView({ detail }: { detail: StatefulSetDetail }) {
  const sts = detail.statefulSet;
  const rollingOut = Boolean(sts.updateRevision) && sts.currentRevision !== sts.updateRevision;
  const stale = sts.observedGeneration < sts.generation;
  return (
    <Panel id="summary" title="Summary">
      <DefinitionList
        label="StatefulSet summary"
        items={[
          [
            'Ready',
            <span key="ready" data-testid="summary-ready" className="tabular-nums">
              {sts.readyReplicas}/{sts.replicas} {sts.readyReplicas === sts.replicas ? <Badge tone="good">✓ all ready</Badge> : <Badge tone="warn">{sts.replicas - sts.readyReplicas} not ready</Badge>}
            </span>,
          ],
          [
            'Revisions',
            <div key="rev" className="space-y-1" data-testid="summary-revisions">
              <div className="font-mono text-xs">current {sts.currentRevision || '—'}</div>
              <div className="font-mono text-xs">update {sts.updateRevision || '—'}</div>
              {rollingOut ? (
                <div className="flex items-center gap-2">
                  <span className="text-xs">Rolling out:</span>
                  <ProgressBar value={sts.updatedReplicas} max={sts.replicas} label="Pods on the update revision" testId="rollout-progress" />
                </div>
              ) : (
                <span className="text-xs">No rollout in progress.</span>
              )}
            </div>,
          ],
          ['Update strategy', `${sts.updateStrategy.type}${sts.updateStrategy.type === 'RollingUpdate' ? `, partition ${sts.updateStrategy.partition}${sts.updateStrategy.maxUnavailable !== undefined ? `, maxUnavailable ${sts.updateStrategy.maxUnavailable}` : ''}` : ''}`],
          ['Pod management', sts.podManagementPolicy],
          ['Service', sts.serviceName || '<none>'],
          ['Selector', <span key="sel" className="font-mono text-xs">{labels(sts.selector)}</span>],
          ['Claims retention', `when deleted: ${sts.retentionPolicy.whenDeleted}, when scaled: ${sts.retentionPolicy.whenScaled}`],
          ['Age', <Age key="age" since={sts.creationTimestamp} />],
          ['Generation', stale ? `${sts.generation} (the controller has seen ${sts.observedGeneration} so far)` : String(sts.generation)],
        ]}
      />
    </Panel>
  );
}

/** Renders again only when the parts of the detail it shows change. */
export const SummaryPanel = memo(SummaryPanelView, sameDetailParts<Parameters<typeof SummaryPanelView>[0]>(['statefulSet']));
