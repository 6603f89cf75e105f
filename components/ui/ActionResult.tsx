import { ErrorText } from './StateMessage';

/** Below every action: "Sending…", the API's error verbatim, or what was asked for. Reserves its line so nothing jumps. */
export function ActionResult({ pending, error, done, testId }: { pending: boolean; error: string | null; done: string | null; testId: string }) {
  return (
    <div className="min-h-6" aria-live="polite" data-testid={testId}>
      {pending ? <p className="text-sm text-slate-600 dark:text-slate-400">Sending the request to the cluster…</p> : null}
      {error ? <ErrorText testId={`${testId}-error`}>{error}</ErrorText> : null}
      {done && !pending && !error ? <p className="text-sm text-green-800 dark:text-green-300">✓ {done}</p> : null}
    </div>
  );
}
