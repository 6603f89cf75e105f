'use client';

import { formatAge } from './formatAge';

/**
 * One shared clock for every "age" on the page. Each tick writes the text of the <time> elements
 * directly instead of rendering React components: on a 1,000-pod page a tick is 1,000 cheap text
 * writes (mostly in cards that content-visibility skips), not 1,000 component renders in one task.
 */
const TICK_MS = 5000;
const watched = new Map<HTMLElement, string | undefined>();
let timer: ReturnType<typeof setInterval> | undefined;

function write(element: HTMLElement, since: string | undefined, now: number) {
  const text = formatAge(since, now);
  if (element.textContent !== text) element.textContent = text;
}

function tick() {
  const now = Date.now();
  for (const [element, since] of watched) write(element, since, now);
}

/** Keeps `element`'s text at the age of `since` until the returned function is called. */
export function watchAge(element: HTMLElement, since: string | undefined): () => void {
  watched.set(element, since);
  write(element, since, Date.now());
  timer ??= setInterval(tick, TICK_MS);
  return () => {
    watched.delete(element);
    if (watched.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
