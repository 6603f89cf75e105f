'use client';

import { memo, useId } from 'react';
import { headCells, LongTable, longTableScrolls, type LongTableRowInfo } from '@/components/ui/LongTable';
import { percent } from './percent';
import type { VisitsRow } from './visitsTable';

type RowProps = Pick<VisitsRow, 'pod' | 'count' | 'share' | 'ratioToFair' | 'ratePerSecond' | 'error' | 'command'> & LongTableRowInfo;

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

const headings = ['Pod', 'Visits', 'Share', '× fair share', 'Rate', 'Where the number came from'];

/** The visits per pod as a table; a long one scrolls in its own box and renders the rows in view. */
export function VisitsPerPodTable({ rows, caption }: { rows: VisitsRow[]; caption: string }) {
  const captionId = useId();
  return (
    <>
      <p className="text-xs text-slate-700 dark:text-slate-300" id={captionId}>
        {caption}
        {longTableScrolls(rows.length) ? ` The table lists all ${rows.length} pods; scroll inside it to see them.` : ''}
      </p>
      <LongTable
        rows={rows}
        head={headCells(headings)}
        labelledBy={captionId}
        testId="visits-table"
        renderRow={(row, info) => (
          <VisitsTableRow
            key={row.pod}
            {...info}
            pod={row.pod}
            count={row.count}
            share={row.share}
            ratioToFair={row.ratioToFair}
            ratePerSecond={row.ratePerSecond}
            error={row.error}
            command={row.command}
          />
        )}
      />
    </>
  );
}
