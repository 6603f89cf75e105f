import { CoreV1Api } from '@kubernetes/client-node';
import type { TrafficJob, TrafficRequest } from '../types';
import { HttpError } from '../../http/httpError';
import { kubeConfigFor } from '../../k8s/connections/contextSource';
import { toHttpError } from '../../k8s/apiErrors';
import { chooseTrafficTarget } from './trafficRoute';
import { TrafficRun } from './trafficJob';

/**
 * One traffic job per Service at a time (409 while one runs), kept with its last result for GET,
 * on globalThis so route handlers and streams of every bundle see the same jobs. Listeners of a
 * namespace get every progress report (the StatefulSet stream forwards those of its Services).
 */
type Listener = (job: TrafficJob) => void;

interface Jobs {
  runs: Map<string, TrafficRun>;
  listeners: Map<string, Set<Listener>>;
}

const key = Symbol.for('sts-explorer.traffic');
function jobs(): Jobs {
  const holder = globalThis as unknown as Record<symbol, Jobs | undefined>;
  holder[key] ??= { runs: new Map(), listeners: new Map() };
  return holder[key];
}

const serviceKey = (context: string, namespace: string, service: string) => `${context}\u0000${namespace}\u0000${service}`;
const namespaceKey = (context: string, namespace: string) => `${context}\u0000${namespace}`;

export function onTraffic(context: string, namespace: string, listener: Listener): () => void {
  const j = jobs();
  const id = namespaceKey(context, namespace);
  let set = j.listeners.get(id);
  if (!set) j.listeners.set(id, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export async function startTraffic(context: string, namespace: string, service: string, request: TrafficRequest): Promise<TrafficJob> {
  const j = jobs();
  const id = serviceKey(context, namespace, service);
  const existing = j.runs.get(id);
  if (existing?.job.state === 'running') throw new HttpError(409, 'Traffic already running', `A traffic job (${existing.job.sent} of ${existing.job.request.requests} sent) is already running against Service ${service}. Cancel it or wait for it to finish.`);
  const kc = kubeConfigFor(context);
  let svc;
  try {
    svc = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: service, namespace });
  } catch (error) {
    throw toHttpError(error);
  }
  let target;
  try {
    target = await chooseTrafficTarget(kc, svc);
  } catch (error) {
    throw new HttpError(422, 'Cannot send traffic to this Service', error instanceof Error ? error.message : String(error));
  }
  // Re-check after the awaits: a second POST may have started a job meanwhile.
  if (j.runs.get(id)?.job.state === 'running') throw new HttpError(409, 'Traffic already running', `A traffic job is already running against Service ${service}.`);
  const run = new TrafficRun(service, namespace, request, target, (job) => {
    for (const listener of j.listeners.get(namespaceKey(context, namespace)) ?? []) listener(job);
  });
  j.runs.set(id, run);
  return { ...run.job };
}

export function currentTraffic(context: string, namespace: string, service: string): TrafficRun | undefined {
  return jobs().runs.get(serviceKey(context, namespace, service));
}

export function cancelTraffic(context: string, namespace: string, service: string): TrafficJob {
  const run = currentTraffic(context, namespace, service);
  if (!run) throw new HttpError(404, 'No traffic job', `No traffic job has run against Service ${service}.`);
  run.cancel();
  return { ...run.job };
}

export function cancelAllTraffic(): void {
  for (const run of jobs().runs.values()) run.cancel();
}
