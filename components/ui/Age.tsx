'use client';

import { useLayoutEffect, useRef } from 'react';
import { watchAge } from './ageClock';

export { formatAge } from './formatAge';

/**
 * An age like kubectl prints it, kept current by the shared age clock. React renders the element
 * once; its text is written by the clock (see ageClock.ts), so ticking costs no renders.
 */
export function Age({ since }: { since: string | undefined }) {
  const ref = useRef<HTMLTimeElement>(null);
  useLayoutEffect(() => {
    if (!ref.current) return;
    return watchAge(ref.current, since);
  }, [since]);
  return <time ref={ref} dateTime={since} title={since} className="tabular-nums" />;
}
