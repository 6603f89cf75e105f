'use client';

import { memo, useMemo } from 'react';
import { sameDetailParts } from '@/components/statefulset/sameDetailParts';
import type { PodView, StatefulSetDetail } from '@/lib/k8s/viewModels';
import { Panel } from '@/components/ui/Panel';
import { describeText } from './describeText';

function phaseCounts(pods: readonly PodView[]): string {
  const counts = new Map<string, number>();
  for (const pod of pods) counts.set(pod.phase, (counts.get(pod.phase) ?? 0) + 1);
  return [...counts].map(([phase, count]) => `${phase}=${count}`).join(',');
}

/** `kubectl describe sts`, without leaving the page; the events are live in their own panel. */
function DescribePanelView({ detail }: { detail: StatefulSetDetail }) {
  // Of the pods, the text shows only how many are in each phase: a pod event that changes no phase
  // (most of them, on a busy StatefulSet) must not rebuild the text.
  const phases = useMemo(() => phaseCounts(detail.pods), [detail.pods]);
  const text = useMemo(() => describeText(detail), [detail.statefulSet, detail.template, detail.claimTemplates, phases]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Panel id="describe" title="Describe (as kubectl describe sts)">
      <pre className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs dark:bg-slate-950" data-testid="describe-text" tabIndex={0} aria-label="kubectl describe output">
        {text}
      </pre>
    </Panel>
  );
}

/** Renders again only when the parts of the detail it shows change. */
export const DescribePanel = memo(DescribePanelView, sameDetailParts<Parameters<typeof DescribePanelView>[0]>(['statefulSet', 'template', 'claimTemplates', 'pods']));
