'use client';

import { memo, useMemo } from 'react';
import { sameDetailParts } from '@/components/statefulset/sameDetailParts';
import type { StatefulSetDetail } from '@/lib/k8s/viewModels';
import { Panel } from '@/components/ui/Panel';
import { describeText } from './describeText';

/** `kubectl describe sts`, without leaving the page; the events are live in their own panel. */
function DescribePanelView({ detail }: { detail: StatefulSetDetail }) {
  const text = useMemo(() => describeText(detail), [detail.statefulSet, detail.template, detail.claimTemplates, detail.pods]); // eslint-disable-line react-hooks/exhaustive-deps
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
