import type { ReactNode } from 'react';

/** Loading, empty and error states, written in plain words and announced politely. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
      {children}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="text-sm text-slate-600 dark:text-slate-400">{children}</p>;
}

export function ErrorText({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p role="alert" data-testid={testId} className="rounded border border-red-300 bg-red-50 px-2 py-1 text-sm whitespace-pre-wrap text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <span className="font-semibold">Error: </span>
      {children}
    </p>
  );
}
