'use client';

import { useCallback, useRef, useState, type UIEvent } from 'react';

export interface RowWindow {
  /** The first row to render and the row after the last one. */
  first: number;
  end: number;
  /** Heights in px of the space above and below the rendered rows. */
  before: number;
  after: number;
  onScroll: (event: UIEvent<HTMLElement>) => void;
  /** A callback ref for one rendered row: its height is taken as the height of every row. */
  measureRow: (row: HTMLElement | null) => void;
}

/**
 * Which rows of a long list, shown in a scroll box `viewportPx` tall, to render: those in view and
 * `overscan` more on each side. The rest are empty space of the same height, so the scroll bar is the
 * list's true length and a thousand rows cost the browser the style and layout of a few dozen.
 * Scrolling renders again only when the top row changes, not on every scroll event.
 */
export function useRowWindow(total: number, viewportPx: number, overscan = 8, estimatedRowPx = 28): RowWindow {
  const [topRow, setTopRow] = useState(0);
  const [rowPx, setRowPx] = useState(estimatedRowPx);
  const rowPxRef = useRef(rowPx);
  rowPxRef.current = rowPx;
  const onScroll = useCallback((event: UIEvent<HTMLElement>) => setTopRow(Math.floor(event.currentTarget.scrollTop / rowPxRef.current)), []);
  // A ResizeObserver reports the row's height after the browser's own layout; reading it in the ref
  // callback would force a layout of the whole page in the middle of React's commit.
  const observed = useRef<ResizeObserver | null>(null);
  const measureRow = useCallback((row: HTMLElement | null) => {
    observed.current?.disconnect();
    observed.current = null;
    if (!row || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const height = entries[0]?.borderBoxSize?.[0]?.blockSize ?? entries[0]?.contentRect.height;
      if (height && height > 0) setRowPx((current) => (Math.abs(current - height) < 0.5 ? current : height));
    });
    observer.observe(row, { box: 'border-box' });
    observed.current = observer;
  }, []);
  const first = Math.min(total, Math.max(0, topRow - overscan));
  const end = Math.min(total, topRow + Math.ceil(viewportPx / rowPx) + 1 + overscan);
  return { first, end, before: first * rowPx, after: Math.max(0, total - end) * rowPx, onScroll, measureRow };
}
