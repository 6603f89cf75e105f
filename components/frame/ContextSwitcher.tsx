'use client';

import { useRouter } from 'next/navigation';
import { focusRing } from '@/components/ui/Button';
import { useContexts } from '@/hooks/useContexts';
import { namespaceHref } from './pageLinks';

export function ContextSwitcher({ context }: { context: string }) {
  const router = useRouter();
  const { data, error } = useContexts();
  const contexts = data?.contexts ?? [{ name: context, server: '', current: false }];
  const known = contexts.some((entry) => entry.name === context);
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="font-medium">Context</span>
      <select
        value={context}
        onChange={(event) => {
          const chosen = contexts.find((entry) => entry.name === event.target.value);
          router.push(namespaceHref(event.target.value, chosen?.namespace ?? 'default'));
        }}
        className={`max-w-48 rounded border border-slate-400 bg-white px-1 py-1 dark:border-slate-500 dark:bg-slate-800 ${focusRing}`}
        title={error ? `The contexts could not be read: ${error.message}` : undefined}
      >
        {known ? null : <option value={context}>{context}</option>}
        {contexts.map((entry) => (
          <option key={entry.name} value={entry.name}>
            {entry.name}
            {entry.current ? ' (current)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
