'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { ActionsPanel } from '@/components/actions/ActionsPanel';
import { PodConsole, type ConsoleView } from '@/components/console/PodConsole';
import { DescribePanel } from '@/components/describe/DescribePanel';
import { EventsPanel } from '@/components/describe/EventsPanel';
import { YamlPanel } from '@/components/describe/YamlPanel';
import { namespaceHref } from '@/components/frame/pageLinks';
import { ConnectionIndicator } from '@/components/frame/ConnectionIndicator';
import { PodsPanel } from '@/components/pods/PodsPanel';
import { ServicePanel } from '@/components/service/ServicePanel';
import { StoragePanel } from '@/components/storage/StoragePanel';
import { TrafficPanel } from '@/components/traffic/TrafficPanel';
import { Badge } from '@/components/ui/Badge';
import { focusRing } from '@/components/ui/Button';
import { ErrorText, Loading } from '@/components/ui/StateMessage';
import { VisitsPanel } from '@/components/visits/VisitsPanel';
import { statefulSetPath } from '@/hooks/apiPaths';
import { describeError } from '@/hooks/apiError';
import { visitsSinceOpened, type VisitsPoint } from '@/hooks/statefulSetDetailState';
import { useStatefulSetDetail } from '@/hooks/useStatefulSetDetail';
import { useVisitsOverride } from '@/hooks/useVisitsOverride';
import { disabledReason } from './permissions';
import { SummaryPanel } from './SummaryPanel';

const sections: [string, string][] = [
  ['summary', 'Summary'],
  ['actions', 'Actions'],
  ['pods', 'Pods'],
  ['visits', 'Visits'],
  ['traffic', 'Traffic'],
  ['storage', 'Storage'],
  ['service', 'Services'],
  ['describe', 'Describe'],
  ['yaml', 'YAML'],
  ['events', 'Events'],
];

const noHistory: VisitsPoint[] = [];

/** One StatefulSet, live: what it is, what you can do to it, and what its pods and traffic are doing. */
export function StatefulSetPage({ context, namespace, name }: { context: string; namespace: string; name: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [visitsPath, setVisitsPath] = useState<string | null>(search.get('path'));
  const stream = useStatefulSetDetail(context, namespace, name);
  const streamedPath = stream?.value.detail?.visitsPath;
  // A typed path is read by polling GET .../visits?path=; otherwise the stream samples the StatefulSet's own path.
  const overridePath = visitsPath && streamedPath && visitsPath !== streamedPath ? visitsPath : null;
  const override = useVisitsOverride(context, namespace, name, overridePath);
  const consolePod = search.get('pod');
  const consoleView: ConsoleView = search.get('view') === 'terminal' ? 'terminal' : 'logs';

  const setQuery = useCallback(
    (changes: Record<string, string | null>) => {
      const params = new URLSearchParams(window.location.search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) params.delete(key);
        else params.set(key, value);
      }
      const query = params.toString();
      router.replace(`${pathname}${query ? `?${query}` : ''}`, { scroll: false });
    },
    [pathname, router],
  );
  const openConsole = useCallback(
    (pod: string, view: ConsoleView) => {
      setQuery({ pod, view });
      requestAnimationFrame(() => document.getElementById('console')?.scrollIntoView({ block: 'nearest' }));
    },
    [setQuery],
  );

  const state = stream?.value;
  const detail = state?.detail;
  const visitsState = overridePath && override.state ? override.state : state;
  const since = useMemo(() => (visitsState ? visitsSinceOpened(visitsState) : {}), [visitsState?.visits, visitsState?.baseline]); // eslint-disable-line react-hooks/exhaustive-deps
  const onPathChange = useCallback(
    (path: string) => {
      setVisitsPath(path || null);
      setQuery({ path: path || null });
    },
    [setQuery],
  );
  const connection = stream?.connection;
  const url = statefulSetPath(context, namespace, name);

  if (!stream?.loaded || !state || detail === undefined) {
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{name}</h1>
        {connection?.state === 'unreachable' ? <ErrorText>{connection.error}</ErrorText> : <Loading>Loading {name} from the cluster…</Loading>}
      </div>
    );
  }
  if (detail === null) {
    return (
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{name}</h1>
        <ErrorText testId="sts-not-found">
          There is no StatefulSet named {name} in the namespace {namespace} (it may have been deleted). This page updates if it is created again.
        </ErrorText>
        <Link className={`text-blue-800 underline dark:text-blue-300 ${focusRing}`} href={namespaceHref(context, namespace)}>
          Back to the StatefulSets in {namespace}
        </Link>
      </div>
    );
  }

  const sts = detail.statefulSet;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          <span className="sr-only">StatefulSet </span>
          <span className="font-mono">{sts.name}</span>
        </h1>
        <Badge tone={sts.readyReplicas === sts.replicas ? 'good' : 'warn'}>
          {sts.readyReplicas}/{sts.replicas} ready
        </Badge>
        {detail.readOnly ? (
          <Badge tone="warn" testId="sts-read-only">
            Read-only dashboard
          </Badge>
        ) : null}
        {connection && connection.state !== 'live' ? <ConnectionIndicator connection={connection} /> : null}
      </div>
      <nav aria-label="On this page" className="flex flex-wrap gap-3 text-sm">
        {sections.map(([id, label]) => (
          <a key={id} href={`#${id}`} className={`text-blue-800 underline-offset-2 hover:underline dark:text-blue-300 ${focusRing}`}>
            {label}
          </a>
        ))}
      </nav>
      <div className="grid gap-4 2xl:grid-cols-2">
        <SummaryPanel detail={detail} />
        <ActionsPanel url={url} detail={detail} />
      </div>
      <PodsPanel context={context} namespace={namespace} detail={detail} visits={visitsState?.visits ?? null} onOpenConsole={openConsole} />
      {consolePod ? (
        <PodConsole
          context={context}
          namespace={namespace}
          pod={detail.pods.find((pod) => pod.name === consolePod)}
          podName={consolePod}
          view={consoleView}
          onViewChange={(view) => setQuery({ view })}
          onClose={() => setQuery({ pod: null, view: null })}
        />
      ) : null}
      <VisitsPanel
        visits={visitsState?.visits ?? null}
        since={since}
        history={visitsState?.history ?? noHistory}
        path={visitsPath ?? detail.visitsPath}
        pathError={override.error ? describeError(override.error) : null}
        onPathChange={onPathChange}
        connectionLive={connection?.state === 'live'}
      />
      <TrafficPanel context={context} namespace={namespace} services={detail.services} jobs={state.traffic} disabledReason={disabledReason(detail, 'traffic')} />
      <div className="grid gap-4 2xl:grid-cols-2">
        <StoragePanel detail={detail} />
        <ServicePanel services={detail.services} serviceName={sts.serviceName} />
      </div>
      <div className="grid gap-4 2xl:grid-cols-2">
        <DescribePanel detail={detail} />
        <YamlPanel yaml={detail.yaml} />
      </div>
      <EventsPanel events={detail.events} />
    </div>
  );
}
