'use client';

import Link from 'next/link';
import type { StatefulSetSummary } from '@/lib/k8s/viewModels';
import { Age } from '@/components/ui/Age';
import { Badge } from '@/components/ui/Badge';
import { focusRing } from '@/components/ui/Button';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { Empty, ErrorText, Loading } from '@/components/ui/StateMessage';
import { compareHref, statefulSetHref } from '@/components/frame/pageLinks';
import { useStatefulSetList } from '@/hooks/useStatefulSetList';

function shortRevision(revision: string): string {
  const hash = revision.split('-').pop();
  return hash && hash !== revision ? hash : revision;
}

function RevisionCell({ sts }: { sts: StatefulSetSummary }) {
  if (!sts.updateRevision || sts.currentRevision === sts.updateRevision) {
    return <span className="font-mono text-xs">{shortRevision(sts.currentRevision) || '—'}</span>;
  }
  return (
    <div className="space-y-1">
      <div className="font-mono text-xs">
        {shortRevision(sts.currentRevision)} → {shortRevision(sts.updateRevision)}
      </div>
      <ProgressBar value={sts.updatedReplicas} max={sts.replicas} label={`${sts.name}: pods on the update revision`} />
    </div>
  );
}

/** The namespace's StatefulSets as a live table, one link per row. */
export function StatefulSetOverview({ context, namespace }: { context: string; namespace: string }) {
  const list = useStatefulSetList(context, namespace);
  const items = list?.value ?? [];
  const connection = list?.connection;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">
          StatefulSets in <span className="font-mono">{namespace}</span>
        </h1>
        {items.length >= 2 ? (
          <Link className={`text-sm text-blue-800 underline dark:text-blue-300 ${focusRing}`} href={compareHref(context, namespace, items[0].name, items[1].name)}>
            Compare {items[0].name} and {items[1].name}
          </Link>
        ) : null}
      </div>
      {!list?.loaded ? (
        connection?.state === 'unreachable' ? (
          <ErrorText>{connection.error ?? 'The cluster cannot be reached.'} Trying again every few seconds.</ErrorText>
        ) : (
          <Loading>Asking the cluster for the StatefulSets in {namespace}…</Loading>
        )
      ) : items.length === 0 ? (
        <Empty>
          There are no StatefulSets in the namespace {namespace}. Create one with <code>kubectl apply -f</code>, or pick another namespace above.
        </Empty>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-900">
          <table className="w-full text-left text-sm" data-testid="statefulset-table">
            <caption className="sr-only">StatefulSets in {namespace}, updated live</caption>
            <thead className="border-b border-slate-300 bg-slate-50 dark:border-slate-700 dark:bg-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2">Name</th>
                <th scope="col" className="px-3 py-2">Ready</th>
                <th scope="col" className="px-3 py-2">Pod management</th>
                <th scope="col" className="px-3 py-2">Update strategy</th>
                <th scope="col" className="px-3 py-2">Revision (current → update)</th>
                <th scope="col" className="px-3 py-2">Images</th>
                <th scope="col" className="px-3 py-2">Age</th>
              </tr>
            </thead>
            <tbody>
              {items.map((sts) => (
                <tr key={sts.uid || sts.name} data-testid={`sts-row-${sts.name}`} className="border-b border-slate-200 last:border-0 dark:border-slate-800">
                  <th scope="row" className="px-3 py-2 font-medium">
                    <Link className={`text-blue-800 underline dark:text-blue-300 ${focusRing}`} href={statefulSetHref(context, namespace, sts.name)}>
                      {sts.name}
                    </Link>
                  </th>
                  <td className="px-3 py-2 tabular-nums">
                    {sts.readyReplicas}/{sts.replicas}{' '}
                    {sts.readyReplicas < sts.replicas ? <Badge tone="warn">not all ready</Badge> : null}
                  </td>
                  <td className="px-3 py-2">{sts.podManagementPolicy}</td>
                  <td className="px-3 py-2">
                    {sts.updateStrategy.type}
                    {sts.updateStrategy.type === 'RollingUpdate' ? `, partition ${sts.updateStrategy.partition}` : ''}
                  </td>
                  <td className="px-3 py-2">
                    <RevisionCell sts={sts} />
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {sts.images.map((image) => (
                      <div key={image.container}>{image.image}</div>
                    ))}
                  </td>
                  <td className="px-3 py-2">
                    <Age since={sts.creationTimestamp} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
