import type { ReactNode } from 'react';

/**
 * A titled section of a page; its heading names the region for screen readers. `min-w-0` lets it
 * shrink in the page's grids, so a long line inside (the one-line JSON `kubectl apply` stores in an
 * annotation) scrolls in its own box instead of widening the whole page.
 */
export function Panel({ id, title, actions, children, className = '' }: { id: string; title: string; actions?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className={`min-w-0 rounded-lg border border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900 ${className}`}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
