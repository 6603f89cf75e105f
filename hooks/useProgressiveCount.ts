'use client';

import { useEffect, useState } from 'react';

/**
 * How many of `total` items to render now: all of them once they have been shown, but a long list that
 * appears at once (the first snapshot of a 1,000-pod StatefulSet) grows by `step` items per frame, so
 * no single commit mounts a thousand cards and the main thread stays free between frames.
 */
export function useProgressiveCount(total: number, step: number): number {
  const [shown, setShown] = useState(() => Math.min(total, step));
  useEffect(() => {
    if (shown >= total) return;
    const frame = requestAnimationFrame(() => setShown((current) => Math.min(total, current + step)));
    return () => cancelAnimationFrame(frame);
  }, [shown, total, step]);
  // Shrinking (scale down) and small growth (scale up by a few) show at once.
  return total - shown <= step ? total : shown;
}
