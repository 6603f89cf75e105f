'use client';

import { formatAge } from './formatAge';

/**
 * One shared clock for every "age" on the page. Each tick writes the text of the <time> elements
 * directly instead of rendering React components, and only of those on screen: on a 2,000-pod page a
 * tick rewrites the dozen ages you can see, not 2,000 (which cost the browser over 100 ms of style and
 * layout work per tick). An age that comes into view is brought up to date at once.
 */
const TICK_MS = 5000;
const watched = new Map<Element, string | undefined>();
const onScreen = new Set<Element>();
let timer: ReturnType<typeof setInterval> | undefined;
let observer: IntersectionObserver | null | undefined;

function write(element: Element, since: string | undefined, now: number) {
  const text = formatAge(since, now);
  if (element.textContent !== text) element.textContent = text;
}

function tick() {
  const now = Date.now();
  // Without IntersectionObserver every age counts as on screen.
  const targets = observer ? onScreen : watched.keys();
  for (const element of targets) write(element, watched.get(element), now);
}

function visibility(): IntersectionObserver | null {
  if (observer !== undefined) return observer;
  observer =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver((entries) => {
          const now = Date.now();
          for (const entry of entries) {
            if (!entry.isIntersecting) {
              onScreen.delete(entry.target);
              continue;
            }
            onScreen.add(entry.target);
            if (watched.has(entry.target)) write(entry.target, watched.get(entry.target), now);
          }
        });
  return observer;
}

/** Keeps `element`'s text at the age of `since` until the returned function is called. */
export function watchAge(element: HTMLElement, since: string | undefined): () => void {
  watched.set(element, since);
  write(element, since, Date.now());
  visibility()?.observe(element);
  timer ??= setInterval(tick, TICK_MS);
  return () => {
    watched.delete(element);
    onScreen.delete(element);
    observer?.unobserve(element);
    if (watched.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
