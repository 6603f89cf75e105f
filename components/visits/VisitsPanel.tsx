'use client';

import dynamic from 'next/dynamic';
import { memo, useMemo, useState } from 'react';
import type { BalanceStatistics, VisitsSample } from '@/lib/visits/types';
import { Button } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';
import { Empty, ErrorText, Loading } from '@/components/ui/StateMessage';
import { inputClass } from '@/components/actions/fieldClasses';
import type { VisitsPoint } from '@/hooks/statefulSetDetailState';
import { useInView } from '@/hooks/useInView';
import { useTheme } from '@/hooks/useTheme';
import { percent } from './percent';
import { VisitsPerPodTable } from './VisitsPerPodTable';
import { visitsRows } from './visitsTable';

const chartLoading = () => <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Loading the chart…</p>;
const VisitsBarChart = dynamic(() => import('./VisitsCharts').then((module) => module.VisitsBarChart), { ssr: false, loading: chartLoading });
const VisitsRateChart = dynamic(() => import('./VisitsCharts').then((module) => module.VisitsRateChart), { ssr: false, loading: chartLoading });

function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function Statistics({ stats }: { stats: BalanceStatistics }) {
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4" aria-label="Balance statistics over the totals" data-testid="visits-statistics">
      <div>
        <dt className="text-slate-600 dark:text-slate-400">Total visits</dt>
        <dd className="tabular-nums">{stats.total}</dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-400">Chi-square (df)</dt>
        <dd className="tabular-nums">
          {stats.chiSquare.toFixed(2)} ({stats.degreesOfFreedom})
        </dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-400">p-value</dt>
        <dd className="tabular-nums">{formatP(stats.pValue)}</dd>
      </div>
      <div>
        <dt className="text-slate-600 dark:text-slate-400">Coefficient of variation · max/min</dt>
        <dd className="tabular-nums">
          {stats.coefficientOfVariation.toFixed(2)} · {stats.maxMinRatio === null ? 'n/a (a pod has 0)' : `${stats.maxMinRatio.toFixed(2)}×`}
        </dd>
      </div>
    </dl>
  );
}

interface Props {
  visits: VisitsSample | null;
  since: Record<string, number | null>;
  history: VisitsPoint[];
  path: string;
  onPathChange: (path: string) => void;
  /** Why the typed path could not be read (the server's words). */
  pathError: string | null;
  connectionLive: boolean;
}

/** Visits per pod, read from each pod's file, against an even split, with the statistics and what they mean. */
/**
 * The value while `live`, else the last value seen while live: a chart scrolled out of view (below
 * a thousand pod cards) keeps its last picture instead of redrawing on every sample, and catches up
 * when it comes back into view.
 */
function useLatestWhile<T>(value: T, live: boolean): T {
  const [kept, setKept] = useState(value);
  if (live && kept !== value) setKept(value);
  return live ? value : kept;
}

function VisitsPanelView({ visits, since, history, path, onPathChange, pathError, connectionLive }: Props) {
  const [mode, setMode] = useState<'since' | 'totals'>('since');
  const [typedPath, setTypedPath] = useState(path);
  const { theme } = useTheme();
  const rows = useMemo(() => (visits ? visitsRows(visits, mode, since) : []), [visits, mode, since]);
  const sinceTotal = Object.values(since).reduce<number>((sum, value) => sum + (value ?? 0), 0);
  const [chartsElement, setChartsElement] = useState<HTMLDivElement | null>(null);
  const chartsInView = useInView(chartsElement, false);
  // Chart.js and its canvases are created the first time the charts come into view: a page opened on
  // a thousand pod cards does not pay for charts far below them until the user scrolls there.
  const [chartsShown, setChartsShown] = useState(false);
  if (chartsInView && !chartsShown) setChartsShown(true);
  const chartRows = useLatestWhile(rows, chartsInView);
  const chartHistory = useLatestWhile(history, chartsInView);
  const chartReadable = chartRows.filter((row) => row.count !== null);
  const chartTotal = chartReadable.reduce((sum, row) => sum + (row.count ?? 0), 0);

  return (
    <Panel
      id="visits"
      title="Visits and balance"
      actions={
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            onPathChange(typedPath.trim());
          }}
        >
          <label className="flex flex-col text-xs">
            File read in each pod
            <input value={typedPath} onChange={(event) => setTypedPath(event.target.value)} className={`w-48 font-mono ${inputClass}`} spellCheck={false} />
          </label>
          <Button type="submit">Read this file</Button>
        </form>
      }
    >
      {pathError ? <ErrorText>{pathError}</ErrorText> : null}
      {!visits ? (
        connectionLive ? <Loading>Reading {path} in every pod…</Loading> : <Empty>The visits are read while this page is connected to the dashboard server.</Empty>
      ) : visits.pods.length === 0 ? (
        <Empty>There are no pods to read visits from.</Empty>
      ) : (
        <div className="space-y-3">
          <div role="radiogroup" aria-label="Which counts to show" className="flex flex-wrap gap-3 text-sm">
            <label className="flex items-center gap-1">
              <input type="radio" name="visits-mode" checked={mode === 'since'} onChange={() => setMode('since')} />
              <span>
                Since you opened this page (<span data-testid="visits-since-total">{sinceTotal}</span> visits)
              </span>
            </label>
            <label className="flex items-center gap-1">
              <input type="radio" name="visits-mode" checked={mode === 'totals'} onChange={() => setMode('totals')} />
              <span>
                Totals in the files (<span data-testid="visits-total">{visits.totals.total}</span> visits)
              </span>
            </label>
          </div>
          <p className="text-sm font-medium" data-testid="visits-reading">
            Reading: {visits.totals.reading}
          </p>
          <div className="grid gap-3 xl:grid-cols-2" ref={setChartsElement}>
            <figure className="h-64">
              {!chartsShown ? null : (
                <VisitsBarChart
                  pods={chartRows.map((row) => row.pod)}
                  counts={chartRows.map((row) => row.count ?? 0)}
                  even={chartReadable.length ? chartTotal / chartReadable.length : 0}
                  label={mode === 'since' ? 'visits since you opened' : 'visits in total'}
                  dark={theme === 'dark'}
                />
              )}
            </figure>
            <figure className="h-64">
              {!chartsShown ? null : chartHistory.length < 2 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">The rate per pod appears after two samples.</p>
              ) : (
                <VisitsRateChart history={chartHistory} pods={chartRows.map((row) => row.pod)} dark={theme === 'dark'} />
              )}
            </figure>
          </div>
          <VisitsPerPodTable rows={rows} caption={`${mode === 'since' ? 'Visits since you opened this page' : 'Visits counted in each file'}, an even split being ${percent(rows[0]?.expectedShare ?? null)} each. Read at ${new Date(visits.sampledAt).toLocaleTimeString()}.`} />
          <Statistics stats={visits.totals} />
          <p className="text-xs text-slate-700 dark:text-slate-300">
            The statistics are over the totals in the files. The chi-square test asks whether counts this uneven are likely if every visit picked a pod at random with equal chance:
            a small p-value (below 0.05) says the traffic did not spread randomly per request, typically because clients kept their connections open.
          </p>
        </div>
      )}
    </Panel>
  );
}

/** Renders again only when its props change. */
export const VisitsPanel = memo(VisitsPanelView);
