/** A progress bar that also says its numbers in words, so colour is never the only signal. */
export function ProgressBar({ value, max, label, testId }: { value: number; max: number; label: string; testId?: string }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="flex min-w-32 items-center gap-2" data-testid={testId}>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} className="h-2 flex-1 overflow-hidden rounded bg-slate-200 dark:bg-slate-700">
        <div className="h-full bg-blue-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-700 dark:text-slate-300">
        {value}/{max}
      </span>
    </div>
  );
}
