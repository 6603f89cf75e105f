import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import type { TestSandbox } from '../../support/sandbox';
import { call, createFromYaml, json, openStream, sameOrigin, sandboxLacks, startDashboardOnSandbox, stopDashboard, type SseReader } from './dashboardSupport';
import { visitsAppYaml, waitFor, waitForSetReady } from '../controllers/clusterSupport';
import * as visitsRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/visits/route';
import * as detailStream from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/stream/route';
import * as trafficRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/services/[service]/traffic/route';
import * as logsRoute from '@/app/api/contexts/[context]/namespaces/[namespace]/pods/[pod]/logs/route';
import type { TrafficJob, VisitsSample } from '@/lib/visits/types';

/**
 * Visits and traffic end to end on the sandbox's visits app: the generator's successful responses
 * equal the sum of the counters the route reads with exec, progress arrives on the stream, a second
 * job on the same Service is refused, and the pods' logs come through the logs route.
 */
const namespace = 'dash-visits';
const name = 'web';
const ns = { context: 'sandbox', namespace };

describe('visits and traffic on the sandbox', () => {
  let sandbox: TestSandbox;
  let missing: string | undefined;
  const readers: SseReader[] = [];
  beforeAll(async () => {
    sandbox = await startDashboardOnSandbox();
    missing = await sandboxLacks(sandbox, '/apis/apps/v1', 'statefulsets');
    if (missing) return void console.log(`skipping the visits tests: ${missing}`);
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    await createFromYaml(sandbox, visitsAppYaml({ name, replicas: 3, namespace, policy: 'Parallel' }));
    await waitForSetReady(sandbox, name, 3, namespace);
  });
  afterAll(async () => {
    for (const reader of readers) await reader.close();
    await stopDashboard(sandbox);
  });

  it('rejects an unsafe visits path with 400 naming it', async () => {
    const response = await call(visitsRoute.GET, { ...ns, name }, { path: '/x?path=../../etc/passwd' });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ field: 'path' });
  });

  it('reads every pod and reports a missing file per pod', async (ctx) => {
    if (missing) return ctx.skip();
    const sample = await json<VisitsSample>(await call(visitsRoute.GET, { ...ns, name }, { path: '/x?path=data/absent.txt' }));
    expect(sample.pods.map((pod) => pod.pod)).toEqual(['web-0', 'web-1', 'web-2']);
    for (const pod of sample.pods) {
      expect(pod.count).toBeNull();
      expect(pod.error).toMatch(/file not found: data\/absent\.txt|No such file/);
    }
  });

  it('counts exactly the successful responses of a traffic job, shown on the stream', async (ctx) => {
    if (missing) return ctx.skip();
    // Every pod must answer (a read that timed out on a busy machine would count as 0).
    const readAll = () => waitFor('every pod to report its visits', async () => {
      const sample = await json<VisitsSample>(await call(visitsRoute.GET, { ...ns, name }));
      return sample.pods.every((pod) => pod.count !== null) ? sample : undefined;
    });
    const before = await readAll();
    const startTotal = before.pods.reduce((sum, pod) => sum + (pod.count ?? 0), 0);
    const { reader } = await openStream(detailStream.GET, { ...ns, name });
    readers.push(reader);
    await reader.waitFor((frame) => frame.event === 'snapshot');

    const started = await call(trafficRoute.POST, { ...ns, service: `${name}-lb` }, { headers: sameOrigin, body: { requests: 300, concurrency: 8, path: '/', newConnectionPerRequest: true } });
    expect(started.status).toBe(202);
    const job = await json<TrafficJob>(started);
    expect(job.route).toBe('direct');
    const second = await call(trafficRoute.POST, { ...ns, service: `${name}-lb` }, { headers: sameOrigin, body: { requests: 10, concurrency: 1 } });
    expect(second.status).toBe(409);

    const finished = await waitFor('the traffic job to finish', async () => {
      const current = await json<TrafficJob>(await call(trafficRoute.GET, { ...ns, service: `${name}-lb` }));
      return current.state === 'finished' ? current : undefined;
    });
    expect(finished.completed).toBe(300);
    const ok = finished.statusCounts['200'] ?? 0;
    expect(ok).toBeGreaterThan(0);
    expect(finished.latencyMs.p50).not.toBeNull();
    await reader.waitFor((frame) => frame.event === 'traffic' && (frame.data as { job: TrafficJob }).job.state === 'finished');

    const after = await readAll();
    const endTotal = after.pods.reduce((sum, pod) => sum + (pod.count ?? 0), 0);
    expect(endTotal - startTotal, JSON.stringify({ before: before.pods.map((pod) => pod.count), after: after.pods.map((pod) => pod.count), statusCounts: finished.statusCounts, errors: finished.errors })).toBe(ok);
    expect(after.totals.degreesOfFreedom).toBe(2);
    expect(after.totals.reading.length).toBeGreaterThan(10);
    const sampled = await reader.waitFor((frame) => frame.event === 'visits' && (frame.data as { sample: VisitsSample }).sample.totals.total >= endTotal);
    expect((sampled.data as { sample: VisitsSample }).sample.pods).toHaveLength(3);
  });

  it('goes through the API server\'s service proxy when the Service has no ClusterIP, and says so', async (ctx) => {
    if (missing) return ctx.skip();
    const started = await call(trafficRoute.POST, { ...ns, service: name }, { headers: sameOrigin, body: { requests: 20, concurrency: 2, path: '/' } });
    expect(started.status).toBe(202);
    expect(await json(started)).toMatchObject({ route: 'apiserver-proxy' });
    const finished = await waitFor('the proxied job to finish', async () => {
      const current = await json<TrafficJob>(await call(trafficRoute.GET, { ...ns, service: name }));
      return current.finishedAt ? current : undefined;
    });
    expect(finished.target).toContain(`/api/v1/namespaces/${namespace}/services/${name}:http/proxy`);
    expect(finished.statusCounts['200']).toBe(20);
  });

  it('cancels a running job with DELETE', async (ctx) => {
    if (missing) return ctx.skip();
    const started = await call(trafficRoute.POST, { ...ns, service: `${name}-lb` }, { headers: sameOrigin, body: { requests: 20_000, concurrency: 2, ratePerSecond: 50 } });
    expect(started.status).toBe(202);
    const cancelled = await call(trafficRoute.DELETE, { ...ns, service: `${name}-lb` }, { method: 'DELETE', headers: sameOrigin });
    expect(cancelled.status).toBe(200);
    const job = await waitFor('the job to stop', async () => {
      const current = await json<TrafficJob>(await call(trafficRoute.GET, { ...ns, service: `${name}-lb` }));
      return current.finishedAt ? current : undefined;
    });
    expect(job.state).toBe('cancelled');
    expect(job.sent).toBeLessThan(20_000);
  });

  it('returns a pod log', async (ctx) => {
    if (missing) return ctx.skip();
    const response = await call(logsRoute.GET, { ...ns, pod: `${name}-0` }, { path: '/x?tailLines=5' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    await response.text();
    const absent = await call(logsRoute.GET, { ...ns, pod: 'absent-0' }, { path: '/x' });
    expect(absent.status).toBe(404);
  });

  it('follows a pod log: a request to the pod shows up on the open log stream', async (ctx) => {
    if (missing) return ctx.skip();
    const abort = new AbortController();
    const response = await call(logsRoute.GET, { ...ns, pod: `${name}-0` }, { path: '/x?follow=true&tailLines=0', signal: abort.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const pod = await sandbox.kubeConfig().makeApiClient(CoreV1Api).readNamespacedPod({ name: `${name}-0`, namespace });
    let text = '';
    try {
      await fetch(`http://${pod.status?.podIP}:8080/followed-log-marker`).catch(() => undefined);
      const deadline = Date.now() + 20_000;
      while (!text.includes('followed-log-marker') && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<'wait'>((resolve) => setTimeout(() => resolve('wait'), 1_000))]);
        if (chunk === 'wait') {
          await fetch(`http://${pod.status?.podIP}:8080/followed-log-marker`).catch(() => undefined);
          continue;
        }
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
    } finally {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
    expect(text).toContain('followed-log-marker');
  });
});
