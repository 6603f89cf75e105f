'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { focusRing } from '@/components/ui/Button';
import { useNamespaces } from '@/hooks/useNamespaces';
import { namespaceHref } from './pageLinks';

/** A list of the namespaces; when the user may not list them, a field to type one instead. */
export function NamespacePicker({ context, namespace }: { context: string; namespace: string }) {
  const router = useRouter();
  const { data, error } = useNamespaces(context);
  const [typed, setTyped] = useState(namespace);
  const inputClass = `rounded border border-slate-400 bg-white px-1 py-1 dark:border-slate-500 dark:bg-slate-800 ${focusRing}`;

  if (error) {
    return (
      <form
        className="flex items-center gap-1 text-sm"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim()) router.push(namespaceHref(context, typed.trim()));
        }}
      >
        <label className="flex items-center gap-1">
          <span className="font-medium">Namespace</span>
          <input value={typed} onChange={(event) => setTyped(event.target.value)} className={`w-36 ${inputClass}`} title={`The namespaces could not be listed: ${error.message}`} />
        </label>
      </form>
    );
  }
  const names = data ?? [namespace];
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="font-medium">Namespace</span>
      <select value={namespace} onChange={(event) => router.push(namespaceHref(context, event.target.value))} className={`max-w-44 ${inputClass}`}>
        {names.includes(namespace) ? null : <option value={namespace}>{namespace}</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
