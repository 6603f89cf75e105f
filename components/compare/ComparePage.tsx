'use client';

import { useRouter } from 'next/navigation';
import { compareHref } from '@/components/frame/pageLinks';
import { inputClass } from '@/components/actions/fieldClasses';
import { Empty, Loading } from '@/components/ui/StateMessage';
import { useStatefulSetList } from '@/hooks/useStatefulSetList';
import { ComparePane } from './ComparePane';

/** Two StatefulSets side by side (the seed's python and go apps): pods, visits and balance of each. */
export function ComparePage({ context, namespace, a, b }: { context: string; namespace: string; a: string; b: string }) {
  const router = useRouter();
  const list = useStatefulSetList(context, namespace);
  const names = (list?.value ?? []).map((item) => item.name);
  const first = a || names[0] || '';
  const second = b || names.find((name) => name !== first) || '';

  const picker = (label: string, value: string, onChange: (name: string) => void) => (
    <label className="flex flex-col text-xs">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)} className={inputClass}>
        {names.includes(value) || !value ? null : <option value={value}>{value}</option>}
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Compare StatefulSets</h1>
      {!list?.loaded ? (
        <Loading>Listing the StatefulSets in {namespace}…</Loading>
      ) : names.length === 0 ? (
        <Empty>There are no StatefulSets in {namespace} to compare.</Empty>
      ) : (
        <div className="flex flex-wrap gap-3">
          {picker('Left', first, (name) => router.replace(compareHref(context, namespace, name, second)))}
          {picker('Right', second, (name) => router.replace(compareHref(context, namespace, first, name)))}
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <ComparePane context={context} namespace={namespace} name={first} side="a" />
        <ComparePane context={context} namespace={namespace} name={second} side="b" />
      </div>
    </div>
  );
}
