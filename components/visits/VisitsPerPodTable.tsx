'use client';

import { memo, useId } from 'react';
import { focusRing } from '@/components/ui/Button';
import { useRowWindow } from '@/hooks/useRowWindow';
import { percent } from './percent';
import type { VisitsRow } from './visitsTable';

type RowProps = Pick<VisitsRow, 'pod' | 'count' | 'share' | 'ratioToFair' | 'ratePerSecond' | 'error' | 'command'> & {
  /** 1-based position among all rows, header included, for screen readers when only some rows are rendered. */
  rowIndex: number;
  /** Keep the row one line tall (a scrolled table measures one row and assumes the others are alike). */
  oneLine: boolean;
  rowRef?: (row: HTMLElement | null) => void;
};

/** One pod's row; memoised on its values, so a sample renders only the rows whose numbers moved. */
const VisitsTableRow = memo(function VisitsTableRow({ rowRef, rowIndex, oneLine, ...row }: RowProps) {
  const source = row.error ? (
    <span className="text-red-800 dark:text-red-300">
      <span aria-hidden="true">⚠ </span>
      {row.error}
    </span>
  ) : (
    row.command
  );
  return (
    <tr ref={rowRef} aria-rowindex={rowIndex} className={`border-b border-slate-200 dark:border-slate-800 ${oneLine ? 'whitespace-nowrap' : ''}`} data-testid={`visits-row-${row.pod}`}>
      <th scope="row" className="py-1 pr-2 font-mono">
        {row.pod}
      </th>
      <td className="py-1 pr-2 tabular-nums" data-testid="visits-count">
        {row.count ?? '—'}
      </td>
      <td className="py-1 pr-2 tabular-nums">{percent(row.share)}</td>
      <td className="py-1 pr-2 tabular-nums">{row.ratioToFair === null ? '—' : `${row.ratioToFair.toFixed(2)}×`}</td>
      <td className="py-1 pr-2 tabular-nums">{row.ratePerSecond === null ? '—' : `${row.ratePerSecond.toFixed(1)}/s`}</td>
      <td className="py-1 pr-2 font-mono">
        {oneLine ? (
          <div className="max-w-[28rem] truncate" title={row.error ?? row.command}>
            {source}
          </div>
        ) : (
          source
        )}
      </td>
    </tr>
  );
});

/**
 * Up to this many pods the table shows every row; past it, the table scrolls in a box of
 * TABLE_VIEWPORT_PX and renders only the rows in view (a 1,000-row table laid out again on every
 * sample cost the page frames of 50 to 75 ms).
 */
const ALL_ROWS_UP_TO = 60;
const TABLE_VIEWPORT_PX = 448;

/** The visits per pod as a table; a long one scrolls in its own box and renders the rows in view. */
export function VisitsPerPodTable({ rows, caption }: { rows: VisitsRow[]; caption: string }) {
  const captionId = useId();
  const scrolled = rows.length > ALL_ROWS_UP_TO;
  const rowWindow = useRowWindow(rows.length, TABLE_VIEWPORT_PX);
  const [first, end] = scrolled ? [rowWindow.first, rowWindow.end] : [0, rows.length];
  return (
    <>
      <p className="text-xs text-slate-700 dark:text-slate-300" id={captionId}>
        {caption}
        {scrolled ? ` The table lists all ${rows.length} pods; scroll inside it to see them.` : ''}
      </p>
      <div
        className={`overflow-x-auto ${scrolled ? `overflow-y-auto rounded border border-slate-200 dark:border-slate-800 ${focusRing}` : ''}`}
        style={scrolled ? { maxHeight: TABLE_VIEWPORT_PX } : undefined}
        onScroll={scrolled ? rowWindow.onScroll : undefined}
        // A scrolling box takes the keyboard focus, so the arrow keys and Page Down scroll it.
        tabIndex={scrolled ? 0 : undefined}
        role={scrolled ? 'region' : undefined}
        aria-labelledby={scrolled ? captionId : undefined}
      >
        <table className="w-full text-left text-xs" data-testid="visits-table" aria-rowcount={rows.length + 1} aria-labelledby={captionId}>
          <thead className={scrolled ? 'sticky top-0 bg-white dark:bg-slate-900' : undefined}>
            <tr className="border-b border-slate-300 dark:border-slate-700" aria-rowindex={1}>
              <th scope="col" className="py-1 pr-2">Pod</th>
              <th scope="col" className="py-1 pr-2">Visits</th>
              <th scope="col" className="py-1 pr-2">Share</th>
              <th scope="col" className="py-1 pr-2">× fair share</th>
              <th scope="col" className="py-1 pr-2">Rate</th>
              <th scope="col" className="py-1 pr-2">Where the number came from</th>
            </tr>
          </thead>
          <tbody>
            {scrolled && rowWindow.before > 0 ? <tr aria-hidden="true" style={{ height: rowWindow.before }} /> : null}
            {rows.slice(first, end).map((row, offset) => (
              <VisitsTableRow
                key={row.pod}
                rowIndex={first + offset + 2}
                oneLine={scrolled}
                rowRef={scrolled && offset === 0 ? rowWindow.measureRow : undefined}
                pod={row.pod}
                count={row.count}
                share={row.share}
                ratioToFair={row.ratioToFair}
                ratePerSecond={row.ratePerSecond}
                error={row.error}
                command={row.command}
              />
            ))}
            {scrolled && rowWindow.after > 0 ? <tr aria-hidden="true" style={{ height: rowWindow.after }} /> : null}
          </tbody>
        </table>
      </div>
    </>
  );
}
