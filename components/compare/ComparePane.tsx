'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useMemo } from 'react';
import { Badge } from '@/components/ui/Badge';
import { focusRing } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';
import { Empty, ErrorText, Loading } from '@/components/ui/StateMessage';
import { statefulSetHref } from '@/components/frame/pageLinks';
import { visitsRows } from '@/components/visits/visitsTable';
import { useStatefulSetDetail } from '@/hooks/useStatefulSetDetail';
import { useTheme } from '@/hooks/useTheme';

const VisitsBarChart = dynamic(() => import('@/components/visits/VisitsCharts').then((module) => module.VisitsBarChart), {
  ssr: false,
  loading: () => <p className="text-sm">Loading the chart…</p>,
});

/** One side of the comparison: the StatefulSet's pods, visits and balance. */
export function ComparePane({ context, namespace, name, side }: { context: string; namespace: string; name: string; side: 'a' | 'b' }) {
  const stream = useStatefulSetDetail(context, namespace, name);
  const { theme } = useTheme();
  const state = stream?.value;
  const rows = useMemo(() => (state?.visits ? visitsRows(state.visits, 'totals', {}) : []), [state?.visits]);
  const title = name || (side === 'a' ? 'First StatefulSet' : 'Second StatefulSet');

  let body;
  if (!name) body = <Empty>Pick a StatefulSet above.</Empty>;
  else if (!stream?.loaded || state?.detail === undefined)
    body = stream?.connection.state === 'unreachable' ? <ErrorText>{stream.connection.error}</ErrorText> : <Loading>Loading {name}…</Loading>;
  else if (state.detail === null) body = <ErrorText>There is no StatefulSet named {name} in {namespace}.</ErrorText>;
  else {
    const detail = state.detail;
    const sts = detail.statefulSet;
    const readable = rows.filter((row) => row.count !== null);
    const total = readable.reduce((sum, row) => sum + (row.count ?? 0), 0);
    body = (
      <div className="space-y-3">
        <p className="text-sm">
          <Link className={`font-mono text-blue-800 underline dark:text-blue-300 ${focusRing}`} href={statefulSetHref(context, namespace, name)}>
            {name}
          </Link>{' '}
          · {sts.readyReplicas}/{sts.replicas} ready · {sts.podManagementPolicy} · {sts.updateStrategy.type} · {sts.images.map((image) => image.image).join(', ')}
        </p>
        <ul className="flex flex-wrap gap-2" aria-label={`Pods of ${name}`}>
          {detail.pods.map((pod) => (
            <li key={pod.uid}>
              <Badge tone={pod.ready ? 'good' : 'warn'}>
                {pod.name}: {pod.status}
                {pod.ready ? ' ✓' : ' ✗'}
              </Badge>
            </li>
          ))}
        </ul>
        {state.visits ? (
          <>
            <p className="text-sm font-medium" data-testid={`compare-reading-${side}`}>
              Reading: {state.visits.totals.reading}
            </p>
            <figure className="h-56">
              <VisitsBarChart pods={rows.map((row) => row.pod)} counts={rows.map((row) => row.count ?? 0)} even={readable.length ? total / readable.length : 0} label="visits in total" dark={theme === 'dark'} />
            </figure>
            <table className="w-full text-left text-xs">
              <caption className="sr-only">Visits of {name}</caption>
              <thead>
                <tr>
                  <th scope="col">Pod</th>
                  <th scope="col">Visits</th>
                  <th scope="col">Share</th>
                  <th scope="col">× fair share</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.pod}>
                    <th scope="row" className="font-mono">{row.pod}</th>
                    <td className="tabular-nums">{row.count ?? row.error ?? '—'}</td>
                    <td className="tabular-nums">{row.share === null ? '—' : `${(row.share * 100).toFixed(1)}%`}</td>
                    <td className="tabular-nums">{row.ratioToFair === null ? '—' : `${row.ratioToFair.toFixed(2)}×`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="text-xs">
              χ² = {state.visits.totals.chiSquare.toFixed(2)} with {state.visits.totals.degreesOfFreedom} degrees of freedom, p = {state.visits.totals.pValue < 0.001 ? '< 0.001' : state.visits.totals.pValue.toFixed(3)}, coefficient of variation{' '}
              {state.visits.totals.coefficientOfVariation.toFixed(2)}.
            </p>
          </>
        ) : (
          <Loading>Reading the visits files…</Loading>
        )}
      </div>
    );
  }
  return (
    <Panel id={`compare-${side}`} title={title}>
      {body}
    </Panel>
  );
}
