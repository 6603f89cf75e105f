import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api } from '@kubernetes/client-node';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { call, createFromYaml, openStream, sandboxLacks, startDashboardOnSandbox, stopDashboard, type SseReader } from './dashboardSupport';
import { haveKubectl, kubectlOk, visitsAppYaml, waitFor } from '../controllers/clusterSupport';
import * as listStream from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/stream/route';
import * as detailStream from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/stream/route';
import { acquireCache, activeCaches, configureCaches } from '@/lib/k8s/cache/cacheRegistry';
import type { StatefulSetDetailMessage, StatefulSetListMessage } from '@/lib/k8s/streamMessages';

/**
 * The live streams against a real sandbox: snapshot first, then deltas after a kubectl change;
 * resume from Last-Event-ID without a new snapshot; fifty tabs sharing one cache; and the
 * connection state through a sandbox kill and restart.
 */
const namespace = 'dash-stream';
const name = 'web';
const ns = { context: 'sandbox', namespace };

const data = <M>(frame: { data: unknown }) => frame.data as M;

describe('live streams on the sandbox', () => {
  let sandbox: TestSandbox;
  let missing: string | undefined;
  const readers: SseReader[] = [];
  beforeAll(async () => {
    sandbox = await startDashboardOnSandbox();
    missing = (await sandboxLacks(sandbox, '/apis/apps/v1', 'statefulsets')) ?? (haveKubectl ? undefined : 'kubectl 1.33 is missing');
    if (missing) return void console.log(`skipping the stream tests: ${missing}`);
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    await createFromYaml(sandbox, visitsAppYaml({ name, replicas: 1, namespace }));
  });
  afterAll(async () => {
    for (const reader of readers) await reader.close();
    await stopDashboard(sandbox);
  });

  it('sends the SSE headers, a snapshot, then a delta after kubectl scale', async (ctx) => {
    if (missing) return ctx.skip();
    const { response, reader } = await openStream(listStream.GET, ns);
    readers.push(reader);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const snapshot = data<StatefulSetListMessage & { type: 'snapshot' }>(await reader.waitFor((frame) => frame.event === 'snapshot'));
    expect(snapshot.items.map((item) => [item.name, item.replicas])).toEqual([[name, 1]]);
    const from = reader.frames.length;
    await kubectlOk(sandbox, ['scale', '-n', namespace, `statefulset/${name}`, '--replicas=2']);
    const upsert = await reader.waitFor((frame) => frame.event === 'upsert' && data<{ item: { replicas: number } }>(frame).item.replicas === 2, { from });
    expect(upsert.id).toMatch(/^[0-9a-f]+\.\d+$/);
  });

  it('resumes from Last-Event-ID with only what was missed', async (ctx) => {
    if (missing) return ctx.skip();
    const first = await openStream(listStream.GET, ns);
    await first.reader.waitFor((frame) => frame.event === 'snapshot');
    const lastId = first.reader.lastId;
    await first.reader.close();
    await kubectlOk(sandbox, ['scale', '-n', namespace, `statefulset/${name}`, '--replicas=3']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const resumed = await openStream(listStream.GET, ns, lastId);
    readers.push(resumed.reader);
    await resumed.reader.waitFor((frame) => frame.event === 'upsert' && data<{ item: { replicas: number } }>(frame).item.replicas === 3);
    expect(resumed.reader.frames.some((frame) => frame.event === 'snapshot')).toBe(false);
    const stranger = await openStream(listStream.GET, ns, 'feedfeed.1');
    readers.push(stranger.reader);
    await stranger.reader.waitFor((frame) => frame.event === 'snapshot');
  });

  it('streams the detail: snapshot with pods, then patches of the parts that changed', async (ctx) => {
    if (missing) return ctx.skip();
    const { reader } = await openStream(detailStream.GET, { ...ns, name });
    readers.push(reader);
    const snapshot = data<StatefulSetDetailMessage & { type: 'snapshot' }>(await reader.waitFor((frame) => frame.event === 'snapshot'));
    expect(snapshot.detail?.statefulSet.name).toBe(name);
    const from = reader.frames.length;
    await kubectlOk(sandbox, ['scale', '-n', namespace, `statefulset/${name}`, '--replicas=1']);
    const patch = await reader.waitFor((frame) => frame.event === 'patch' && data<{ detail: { statefulSet?: { replicas: number } } }>(frame).detail.statefulSet?.replicas === 1, { from });
    expect(Object.keys(data<{ detail: object }>(patch).detail)).not.toContain('template');
  });

  it('answers JSON for a StatefulSet named "stream" and the event stream to EventSource', async (ctx) => {
    if (missing) return ctx.skip();
    const other = { context: 'sandbox', namespace: 'dash-named-stream' };
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: other.namespace } } });
    await createFromYaml(sandbox, visitsAppYaml({ name: 'stream', replicas: 1, namespace: other.namespace }));
    const detail = await waitFor('the detail of the StatefulSet named stream', async () => {
      const response = await call(listStream.GET, other, { headers: { accept: 'application/json' } });
      return response.status === 200 ? ((await response.json()) as { statefulSet: { name: string; namespace: string } }) : undefined;
    });
    expect([detail.statefulSet.name, detail.statefulSet.namespace]).toEqual(['stream', other.namespace]);
    const { response, reader } = await openStream(listStream.GET, other);
    readers.push(reader);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const snapshot = data<StatefulSetListMessage & { type: 'snapshot' }>(await reader.waitFor((frame) => frame.event === 'snapshot'));
    expect(snapshot.items.map((item) => item.name)).toEqual(['stream']);
  });

  it('serves fifty tabs from one cache', async (ctx) => {
    if (missing) return ctx.skip();
    const tabs = await Promise.all(Array.from({ length: 50 }, () => openStream(listStream.GET, ns)));
    for (const tab of tabs) readers.push(tab.reader);
    await Promise.all(tabs.map((tab) => tab.reader.waitFor((frame) => frame.event === 'snapshot')));
    const caches = activeCaches().filter((cache) => cache.namespace === namespace);
    expect(caches).toHaveLength(1);
    // one lease for the list feed and one for the detail feed, however many tabs
    expect(caches[0].holders).toBeLessThanOrEqual(2);
  });

  it('relists a quiet watch (watchdog) without sending the UI a single change', async (ctx) => {
    if (missing) return ctx.skip();
    configureCaches({ idleMs: 200, reflector: { quietMs: 300, backoff: { baseMs: 100, maxMs: 1_000 } } });
    const quiet = 'dash-quiet';
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: quiet } } });
    await createFromYaml(sandbox, visitsAppYaml({ name: 'calm', replicas: 0, namespace: quiet }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const lease = acquireCache('sandbox', quiet);
    try {
      const { reader } = await openStream(listStream.GET, { context: 'sandbox', namespace: quiet });
      readers.push(reader);
      await reader.waitFor((frame) => frame.event === 'snapshot');
      const from = reader.frames.length;
      await waitFor('the watchdog to relist twice', () => lease.cache.listCounts().statefulsets >= 3, 30_000);
      expect(reader.frames.slice(from).filter((frame) => frame.event === 'upsert' || frame.event === 'delete' || frame.event === 'snapshot')).toEqual([]);
    } finally {
      lease.release();
      configureCaches({ reflector: { backoff: { baseMs: 100, maxMs: 1_000 } } });
    }
  });

  it('says reconnecting while the sandbox is down and live again after it restarts, without a new snapshot', async (ctx) => {
    if (missing) return ctx.skip();
    const { reader } = await openStream(listStream.GET, ns);
    readers.push(reader);
    await reader.waitFor((frame) => frame.event === 'snapshot');
    await sandbox.stop();
    const down = await reader.waitFor((frame) => frame.event === 'status' && data<{ connection: { state: string } }>(frame).connection.state !== 'live');
    expect(data<{ connection: { error?: string } }>(down).connection.error).toBeTruthy();
    const from = reader.frames.length;
    const restarted = await startTestSandbox({ dir: sandbox.dir });
    sandbox = { ...restarted, dispose: async () => { await restarted.dispose(); } };
    await reader.waitFor((frame) => frame.event === 'status' && data<{ connection: { state: string } }>(frame).connection.state === 'live', { from, timeoutMs: 60_000 });
    expect(reader.frames.slice(from).some((frame) => frame.event === 'snapshot' || frame.event === 'delete')).toBe(false);
  });
});
