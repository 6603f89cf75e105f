'use client';

import Link from 'next/link';
import { focusRing } from '@/components/ui/Button';
import { namespaceHref } from '@/components/frame/pageLinks';
import { useContexts } from '@/hooks/useContexts';

/** Where to go from the front page: the current context's default namespace first, then every other context. */
export function StartLinks() {
  const { data } = useContexts();
  if (!data) return null;
  const current = data.contexts.find((entry) => entry.current) ?? data.contexts[0];
  const others = data.contexts.filter((entry) => entry !== current);
  return (
    <nav aria-label="Open a namespace" className="space-y-3">
      {current ? (
        <Link
          href={namespaceHref(current.name, current.namespace ?? 'default')}
          data-testid="open-default-namespace"
          className={`inline-block rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 ${focusRing}`}
        >
          Open the StatefulSets in {current.namespace ?? 'default'} ({current.name}) →
        </Link>
      ) : (
        <p>The kubeconfig has no contexts.</p>
      )}
      {others.length > 0 ? (
        <div>
          <h2 className="mb-1 text-sm font-semibold">Other contexts</h2>
          <ul className="list-inside list-disc text-sm">
            {others.map((entry) => (
              <li key={entry.name}>
                <Link className={`text-blue-800 underline dark:text-blue-300 ${focusRing}`} href={namespaceHref(entry.name, entry.namespace ?? 'default')}>
                  {entry.name}
                </Link>{' '}
                <span className="text-slate-600 dark:text-slate-400">{entry.server}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </nav>
  );
}
