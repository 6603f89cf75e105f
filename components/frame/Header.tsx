'use client';

import Link from 'next/link';
import { Badge } from '@/components/ui/Badge';
import { focusRing } from '@/components/ui/Button';
import { useContexts } from '@/hooks/useContexts';
import { useStatefulSetList } from '@/hooks/useStatefulSetList';
import { ConnectionIndicator } from './ConnectionIndicator';
import { ContextSwitcher } from './ContextSwitcher';
import { NamespacePicker } from './NamespacePicker';
import { ThemeToggle } from './ThemeToggle';
import { compareHref, namespaceHref } from './pageLinks';

/** The frame of every namespace page: where you are, whether the data is live, and whether you may change anything. */
export function Header({ context, namespace }: { context: string; namespace: string }) {
  const list = useStatefulSetList(context, namespace);
  const { data: contexts } = useContexts();
  return (
    <header className="sticky top-0 z-10 border-b border-slate-300 bg-slate-50/95 backdrop-blur dark:border-slate-700 dark:bg-slate-900/95">
      <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href="/" className={`font-semibold ${focusRing}`}>
          StatefulSet Explorer
        </Link>
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          <Link className={`underline-offset-2 hover:underline ${focusRing}`} href={namespaceHref(context, namespace)}>
            StatefulSets
          </Link>
          <Link className={`underline-offset-2 hover:underline ${focusRing}`} href={compareHref(context, namespace)}>
            Compare
          </Link>
        </nav>
        <ContextSwitcher context={context} />
        <NamespacePicker context={context} namespace={namespace} />
        {contexts?.readOnly ? (
          <Badge tone="warn" testId="read-only-badge" title="The dashboard was started with READ_ONLY=true: every change is refused.">
            Read-only
          </Badge>
        ) : null}
        <div className="ml-auto flex min-w-0 items-center gap-3">
          <ConnectionIndicator connection={list?.connection} />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
