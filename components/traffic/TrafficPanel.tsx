'use client';

import { memo, useState } from 'react';
import useSWR from 'swr';
import type { ServiceView } from '@/lib/k8s/viewModels';
import type { TrafficJob } from '@/lib/visits/types';
import { ActionResult } from '@/components/ui/ActionResult';
import { Button } from '@/components/ui/Button';
import { Panel } from '@/components/ui/Panel';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { Empty } from '@/components/ui/StateMessage';
import { inputClass } from '@/components/actions/fieldClasses';
import { servicePath } from '@/hooks/apiPaths';
import { useAction } from '@/hooks/useAction';
import { fetchJson } from '@/hooks/fetchJson';

interface Props {
  context: string;
  namespace: string;
  services: ServiceView[];
  jobs: Record<string, TrafficJob>;
  disabledReason?: string;
}

function JobResult({ job }: { job: TrafficJob }) {
  const statuses = Object.entries(job.statusCounts).sort(([a], [b]) => a.localeCompare(b));
  const errors = Object.entries(job.errors);
  return (
    <div className="space-y-2 text-sm" data-testid="traffic-job" data-state={job.state}>
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-medium">
          {job.state === 'running' ? 'Sending…' : job.state === 'finished' ? 'Finished' : job.state === 'cancelled' ? 'Cancelled' : 'Failed'}
        </span>
        <ProgressBar value={job.completed} max={job.request.requests} label="Requests completed" testId="traffic-progress" />
        <span className="text-xs">
          {job.request.newConnectionPerRequest ? 'a new connection per request' : 'keep-alive connections'}, {job.request.concurrency} at a time
        </span>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4">
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Answers by status</dt>
          <dd data-testid="traffic-status-counts">{statuses.length ? statuses.map(([status, count]) => `${status}: ${count}`).join(', ') : '—'}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Latency p50 / p95</dt>
          <dd className="tabular-nums" data-testid="traffic-latency">
            {job.latencyMs.p50 === null ? '—' : `${job.latencyMs.p50.toFixed(1)} ms`} / {job.latencyMs.p95 === null ? '—' : `${job.latencyMs.p95.toFixed(1)} ms`}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Route</dt>
          <dd>{job.route === 'direct' ? `straight to the Service (${job.target})` : `through the API server's service proxy (${job.target})`}</dd>
        </div>
        <div>
          <dt className="text-slate-600 dark:text-slate-400">Errors</dt>
          <dd>{errors.length ? errors.map(([error, count]) => `${error}: ${count}`).join(', ') : 'none'}</dd>
        </div>
      </dl>
      {job.error ? <p className="text-xs text-red-800 dark:text-red-300">{job.error}</p> : null}
      {job.route === 'apiserver-proxy' ? (
        <p className="text-xs text-slate-700 dark:text-slate-300">Through the API server proxy, each request is forwarded on the API server&apos;s own connections, so the spread may differ from what a browser would see.</p>
      ) : null}
    </div>
  );
}

function isTrafficJob(value: unknown): value is TrafficJob {
  return typeof value === 'object' && value !== null && typeof (value as TrafficJob).id === 'string' && typeof (value as TrafficJob).completed === 'number';
}

/** The job with the most progress among what the stream, the poll and the POST answer said. */
function pickNewest(...candidates: (TrafficJob | undefined)[]): TrafficJob | undefined {
  const known = candidates.filter((job): job is TrafficJob => Boolean(job));
  const newestStart = known.reduce((latest, job) => (job.startedAt > latest ? job.startedAt : latest), '');
  const current = known.filter((job) => job.startedAt === newestStart);
  return current.sort((a, b) => Number(b.state !== 'running') - Number(a.state !== 'running') || b.completed - a.completed)[0];
}

/** Sends HTTP requests to a Service of the StatefulSet, to watch how kube-proxy spreads them across the pods. */
function TrafficPanelView({ context, namespace, services, jobs, disabledReason }: Props) {
  const reachable = services.filter((service) => !service.headless);
  const choices = reachable.length ? reachable : services;
  const [service, setService] = useState(choices[0]?.name ?? '');
  const [requests, setRequests] = useState('300');
  const [concurrency, setConcurrency] = useState('4');
  const [rate, setRate] = useState('');
  const [path, setPath] = useState('/');
  const [newConnection, setNewConnection] = useState(true);
  const start = useAction();
  const cancel = useAction();
  const url = service ? `${servicePath(context, namespace, service)}/traffic` : '';
  const [started, setStarted] = useState<TrafficJob | null>(null);
  // The stream brings progress; polling the job while it runs is the fallback when the stream is not live.
  const streamed = jobs[service];
  const pollWanted = Boolean(started && started.service === service && (!streamed || streamed.id !== started.id) && started.state === 'running');
  const polled = useSWR<TrafficJob, Error>(pollWanted ? url : null, fetchJson, { refreshInterval: (latest) => (latest && latest.state !== 'running' ? 0 : 1000) });
  const job = pickNewest(streamed, polled.data?.service === service ? polled.data : undefined, started?.service === service ? started : undefined);
  const running = job?.state === 'running';

  const send = () => {
    const number = (text: string) => (text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text));
    const body: Record<string, unknown> = { requests: number(requests), concurrency: number(concurrency), path, newConnectionPerRequest: newConnection };
    if (rate.trim() !== '') body.ratePerSecond = number(rate);
    void start.run(url, 'POST', body, `Sending ${requests} requests to ${service}.`, (answer) => {
      if (isTrafficJob(answer)) setStarted(answer);
    });
  };

  return (
    <Panel id="traffic" title="Traffic">
      <p className="mb-3 text-xs text-slate-700 dark:text-slate-300">
        kube-proxy balances <strong>connections</strong>, not requests: it picks a ready pod at random when a connection opens, and every request on that connection goes to the
        same pod. With a new connection per request the visits spread evenly; with keep-alive (what browsers do) a few connections carry everything, and the counts skew.
      </p>
      {choices.length === 0 ? (
        <Empty>No Service selects these pods, so there is nothing to send traffic to.</Empty>
      ) : (
        <>
          <fieldset disabled={Boolean(disabledReason)} className="min-w-0">
            <legend className="sr-only">Traffic settings</legend>
            {disabledReason ? <p className="mb-2 text-xs font-medium text-amber-900 dark:text-amber-200">Not available: {disabledReason}</p> : null}
            <form
              noValidate
              className="flex flex-wrap items-end gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                send();
              }}
            >
              <label className="flex flex-col text-xs">
                Service
                <select value={service} onChange={(event) => setService(event.target.value)} className={inputClass}>
                  {choices.map((entry) => (
                    <option key={entry.name} value={entry.name}>
                      {entry.name} ({entry.type})
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col text-xs">
                Requests
                <input type="number" value={requests} onChange={(event) => setRequests(event.target.value)} className={`w-24 ${inputClass}`} />
              </label>
              <label className="flex flex-col text-xs">
                Concurrency
                <input type="number" value={concurrency} onChange={(event) => setConcurrency(event.target.value)} className={`w-20 ${inputClass}`} />
              </label>
              <label className="flex flex-col text-xs">
                Rate per second (empty: as fast as possible)
                <input type="number" value={rate} onChange={(event) => setRate(event.target.value)} className={`w-28 ${inputClass}`} />
              </label>
              <label className="flex flex-col text-xs">
                Path
                <input value={path} onChange={(event) => setPath(event.target.value)} className={`w-28 font-mono ${inputClass}`} />
              </label>
              <label className="flex items-center gap-1 text-xs">
                <input type="checkbox" checked={newConnection} onChange={(event) => setNewConnection(event.target.checked)} />
                New connection per request
              </label>
              <Button type="submit" variant="primary" disabled={start.pending || running}>
                {start.pending ? 'Starting…' : running ? 'Running…' : 'Send traffic'}
              </Button>
              {running ? (
                <Button variant="danger" onClick={() => void cancel.run(url, 'DELETE', {}, 'Cancelled.')} disabled={cancel.pending}>
                  Cancel
                </Button>
              ) : null}
            </form>
          </fieldset>
          <ActionResult pending={start.pending} error={start.error ?? cancel.error} done={null} testId="traffic-result" />
          {job ? <JobResult job={job} /> : <p className="text-xs text-slate-600 dark:text-slate-400">No traffic sent to {service} since the page opened.</p>}
        </>
      )}
    </Panel>
  );
}

/** Renders again only when its props change. */
export const TrafficPanel = memo(TrafficPanelView);
