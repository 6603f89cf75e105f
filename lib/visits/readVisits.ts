import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import type { PodVisits } from './types';
import { execCollect, ExecTimeout } from '../k8s/exec/execCollect';
import { mapWithConcurrency } from './concurrency';
import { toHttpError } from '../k8s/apiErrors';

/**
 * Reads the visits counter of every pod with `cat <path>` through exec, at most `concurrency` pods
 * at once, each with its own deadline. A pod that is not running, lacks the file or times out gets
 * its own error; the others still answer.
 */
export interface ReadVisitsOptions {
  concurrency?: number;
  timeoutMs?: number;
}

export const defaultVisitsConcurrency = 16;
export const defaultVisitsTimeoutMs = 3_000;

export function defaultContainer(pod: V1Pod): string {
  const annotated = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && pod.spec?.containers?.some((container) => container.name === annotated)) return annotated;
  return pod.spec?.containers?.[0]?.name ?? '';
}

function ordinalOf(name: string): number {
  const match = /-(\d+)$/.exec(name);
  return match ? Number(match[1]) : -1;
}

export function parseVisitsOutput(stdout: string): number | undefined {
  const text = stdout.trim();
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

export async function readPodVisits(kc: KubeConfig, pod: V1Pod, path: string, timeoutMs: number): Promise<PodVisits> {
  const name = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? '';
  const container = defaultContainer(pod);
  const command = `kubectl exec ${name} -c ${container} -- cat ${path}`;
  const startedAt = Date.now();
  const base = { pod: name, ordinal: ordinalOf(name), command };
  const done = (count: number | null, error?: string): PodVisits => ({ ...base, count, ...(error ? { error } : {}), readAt: new Date().toISOString(), durationMs: Date.now() - startedAt });
  const running = pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp && pod.status?.containerStatuses?.find((status) => status.name === container)?.state?.running;
  if (!running) {
    const reason = pod.metadata?.deletionTimestamp ? 'terminating' : (pod.status?.phase ?? 'Pending');
    return done(null, `pod is not running (${reason})`);
  }
  try {
    const result = await execCollect(kc, namespace, name, container, ['cat', path], { timeoutMs, maxBytes: 4096 });
    const count = parseVisitsOutput(result.stdout);
    if (count !== undefined) return done(count);
    const failure = `${result.stderr} ${result.status?.message ?? ''}`.trim();
    if (/no such file|not found/i.test(failure)) return done(null, `file not found: ${path}`);
    if (failure) return done(null, failure.slice(0, 300));
    if (result.stdout.trim() === '') return done(0);
    return done(null, `the file does not hold a number: "${result.stdout.trim().slice(0, 40)}"`);
  } catch (error) {
    if (error instanceof ExecTimeout) return done(null, `timed out after ${timeoutMs / 1000} s`);
    const httpError = toHttpError(error);
    return done(null, httpError.detail || httpError.error);
  }
}

export async function readVisits(kc: KubeConfig, pods: readonly V1Pod[], path: string, options: ReadVisitsOptions = {}): Promise<PodVisits[]> {
  const sorted = [...pods].sort((a, b) => ordinalOf(a.metadata?.name ?? '') - ordinalOf(b.metadata?.name ?? ''));
  return mapWithConcurrency(sorted, options.concurrency ?? defaultVisitsConcurrency, (pod) => readPodVisits(kc, pod, path, options.timeoutMs ?? defaultVisitsTimeoutMs));
}
