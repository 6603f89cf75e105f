'use client';

import { useLayoutEffect, useRef } from 'react';
import type { PodVisitsStore } from './podVisitsStore';

/**
 * A card's visit count and share. React renders the element once; the store writes its text on
 * every sample (see podVisitsStore.ts), so a sample costs no renders.
 */
export function PodVisitsText({ pod, store }: { pod: string; store: PodVisitsStore }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => (ref.current ? store.show(pod, ref.current) : undefined), [pod, store]);
  return <span ref={ref} />;
}
