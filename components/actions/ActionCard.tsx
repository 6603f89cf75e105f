import type { ReactNode } from 'react';

/** One action of the StatefulSet page: a titled group, its explanation, and why it is off when it is. */
export function ActionCard({ id, title, description, disabledReason, children }: { id: string; title: string; description?: ReactNode; disabledReason?: string; children: ReactNode }) {
  return (
    <fieldset
      aria-labelledby={`${id}-legend`}
      data-testid={`action-${id}`}
      className="min-w-0 rounded border border-slate-300 p-3 dark:border-slate-700"
      disabled={Boolean(disabledReason)}
    >
      <legend id={`${id}-legend`} className="px-1 font-semibold">
        {title}
      </legend>
      {description ? <div className="mb-2 text-xs text-slate-700 dark:text-slate-300">{description}</div> : null}
      {disabledReason ? (
        <p className="mb-2 text-xs font-medium text-amber-900 dark:text-amber-200" data-testid={`action-${id}-disabled`}>
          Not available: {disabledReason}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}
