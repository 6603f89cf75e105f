import { useMemo } from 'react';
import { lineDiff } from './lineDiff';

const CONTEXT_LINES = 3;

/** The pod template difference between two revisions, with −/+ marks (not only colour) and unchanged runs folded. */
export function TemplateDiff({ from, to, fromLabel, toLabel }: { from: string; to: string; fromLabel: string; toLabel: string }) {
  const lines = useMemo(() => lineDiff(from, to), [from, to]);
  if (!lines.some((line) => line.kind !== 'same')) {
    return <p className="text-xs text-slate-700 dark:text-slate-300">The pod templates of {fromLabel} and {toLabel} are the same.</p>;
  }
  const near = (index: number) => lines.slice(Math.max(0, index - CONTEXT_LINES), index + CONTEXT_LINES + 1).some((line) => line.kind !== 'same');
  return (
    <figure>
      <figcaption className="mb-1 text-xs text-slate-700 dark:text-slate-300">
        From {fromLabel} to {toLabel}: lines marked − go away, lines marked + come in.
      </figcaption>
      <pre className="max-h-64 overflow-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950" data-testid="revision-diff">
        {lines.map((line, index) => {
          if (!near(index)) return index > 0 && near(index - 1) ? <div key={index} className="text-slate-500">⋯</div> : null;
          const mark = line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : ' ';
          const tone = line.kind === 'removed' ? 'bg-red-100 dark:bg-red-950' : line.kind === 'added' ? 'bg-green-100 dark:bg-green-950' : '';
          return (
            <div key={index} className={tone}>
              {mark} {line.text}
            </div>
          );
        })}
      </pre>
    </figure>
  );
}
