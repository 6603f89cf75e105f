'use client';

import { useEffect, useState } from 'react';

/**
 * Whether the element is on screen (or within `margin` of it); `initial` until the first observation.
 * Takes the element itself (from a callback ref) so observing starts when it is mounted.
 */
export function useInView(element: Element | null, initial: boolean, margin = '200px'): boolean {
  const [inView, setInView] = useState(initial);
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setInView(entries.some((entry) => entry.isIntersecting)), { rootMargin: margin });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, margin]);
  return inView;
}
