'use client';

import type { ReactNode } from 'react';
import { focusRing } from '@/components/ui/Button';
import { useRowWindow } from '@/hooks/useRowWindow';

/** What a row needs to take part in a scrolled table. */
export interface LongTableRowInfo {
  /** 1-based position among all rows, the header row being 1: screen readers hear "row 812 of 1,001" though few are rendered. */
  rowIndex: number;
  /** The table scrolls: keep the row one line tall, since one row's height stands for all of them. */
  oneLine: boolean;
  /** Put on the row's <tr>: the first rendered row is measured. */
  rowRef?: (row: HTMLElement | null) => void;
}

/**
 * Up to this many rows a table shows them all; past it, it scrolls in its own box of VIEWPORT_PX and
 * renders only the rows in view. A table of a thousand pods or claims, laid out in full, cost the
 * page frames of 50 to 500 ms whenever it changed (tables lay out all their rows together).
 */
const ALL_ROWS_UP_TO = 60;
const VIEWPORT_PX = 448;

/** Whether a table of this many rows scrolls in its own box (its caption can say so). */
export function longTableScrolls(rowCount: number): boolean {
  return rowCount > ALL_ROWS_UP_TO;
}

interface LongTableProps<Row> {
  rows: readonly Row[];
  /** The header cells, inside the table's one header row. */
  head: ReactNode;
  /** The id of the element that names the table (its caption, shown above it). */
  labelledBy: string;
  testId: string;
  renderRow: (row: Row, info: LongTableRowInfo) => ReactNode;
}

export function LongTable<Row>({ rows, head, labelledBy, testId, renderRow }: LongTableProps<Row>) {
  const scrolled = longTableScrolls(rows.length);
  const rowWindow = useRowWindow(rows.length, VIEWPORT_PX);
  const [first, end] = scrolled ? [rowWindow.first, rowWindow.end] : [0, rows.length];
  return (
    <div
      className={`overflow-x-auto ${scrolled ? `overflow-y-auto rounded border border-slate-200 dark:border-slate-800 ${focusRing}` : ''}`}
      style={scrolled ? { maxHeight: VIEWPORT_PX } : undefined}
      onScroll={scrolled ? rowWindow.onScroll : undefined}
      // A scrolling box takes the keyboard focus, so the arrow keys, Page Down and End scroll it.
      tabIndex={scrolled ? 0 : undefined}
      role={scrolled ? 'region' : undefined}
      aria-labelledby={scrolled ? labelledBy : undefined}
    >
      <table className="w-full text-left text-xs" data-testid={testId} aria-rowcount={rows.length + 1} aria-labelledby={labelledBy}>
        <thead className={scrolled ? 'sticky top-0 z-10 bg-white dark:bg-slate-900' : undefined}>
          <tr className="border-b border-slate-300 dark:border-slate-700" aria-rowindex={1}>
            {head}
          </tr>
        </thead>
        <tbody>
          {scrolled && rowWindow.before > 0 ? <tr aria-hidden="true" style={{ height: rowWindow.before }} /> : null}
          {rows.slice(first, end).map((row, offset) => renderRow(row, { rowIndex: first + offset + 2, oneLine: scrolled, rowRef: scrolled && offset === 0 ? rowWindow.measureRow : undefined }))}
          {scrolled && rowWindow.after > 0 ? <tr aria-hidden="true" style={{ height: rowWindow.after }} /> : null}
        </tbody>
      </table>
    </div>
  );
}

/** The plain header cells of a LongTable. */
export function headCells(headings: readonly string[]): ReactNode {
  return headings.map((heading) => (
    <th key={heading} scope="col" className="py-1 pr-2">
      {heading}
    </th>
  ));
}
