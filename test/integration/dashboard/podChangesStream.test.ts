import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { TestSandbox } from '../../support/sandbox';
import { call, createFromYaml, sandboxLacks, SseReader, startDashboardOnSandbox, stopDashboard } from './dashboardSupport';
import { visitsAppYaml, waitFor } from '../controllers/clusterSupport';
import * as detailStream from '@/app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/stream/route';
import type { PodView } from '@/lib/k8s/viewModels';

/**
 * The detail stream with `?pods=changes` (what the StatefulSet page opens): after the snapshot, a change
 * to one pod arrives as a `pods` message carrying that pod only, never a whole pod list in `patch`;
 * and a stream opened without the parameter still gets the whole list in `patch`.
 */
const namespace = 'dash-pod-changes';
const name = 'web';
const params = { context: 'sandbox', namespace, name };
const data = <M>(frame: { data: unknown }) => frame.data as M;

async function open(path: string): Promise<SseReader> {
  const abort = new AbortController();
  const response = await call(detailStream.GET, params, { path, signal: abort.signal });
  return new SseReader(response, abort);
}

describe('pod changes on the detail stream', () => {
  let sandbox: TestSandbox;
  let missing: string | undefined;
  const readers: SseReader[] = [];
  beforeAll(async () => {
    sandbox = await startDashboardOnSandbox();
    missing = await sandboxLacks(sandbox, '/apis/apps/v1', 'statefulsets');
    if (missing) return void console.log(`skipping the pod-changes stream tests: ${missing}`);
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    await createFromYaml(sandbox, visitsAppYaml({ name, replicas: 3, namespace }));
    const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    await waitFor('three pods', async () => ((await core.listNamespacedPod({ namespace })).items.length >= 3 ? true : undefined));
  });
  afterAll(async () => {
    for (const reader of readers) await reader.close();
    await stopDashboard(sandbox);
  });

  it('sends one changed pod as a pods message, and the whole list only to plain streams', async (ctx) => {
    if (missing) return ctx.skip();
    const changes = await open(`/api/contexts/sandbox/namespaces/${namespace}/statefulsets/${name}/stream?pods=changes`);
    const plain = await open(`/api/contexts/sandbox/namespaces/${namespace}/statefulsets/${name}/stream`);
    readers.push(changes, plain);
    await changes.waitFor((frame) => frame.event === 'snapshot');
    await plain.waitFor((frame) => frame.event === 'snapshot');
    const fromChanges = changes.frames.length;
    const fromPlain = plain.frames.length;

    const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    const patched = await core.patchNamespacedPod(
      { name: `${name}-1`, namespace, body: { metadata: { annotations: { 'test/tick': 'one' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

    const carries = (frame: { data: unknown }) => data<{ upsert?: PodView[] }>(frame).upsert?.some((pod) => pod.resourceVersion === patched.metadata?.resourceVersion);
    const podsFrame = await changes.waitFor((frame) => frame.event === 'pods' && Boolean(carries(frame)), { from: fromChanges });
    expect(data<{ upsert: PodView[]; remove: string[] }>(podsFrame)).toMatchObject({ upsert: [{ name: `${name}-1` }], remove: [] });
    expect(changes.frames.slice(fromChanges).some((frame) => frame.event === 'patch' && 'pods' in data<{ detail: object }>(frame).detail)).toBe(false);

    const patchFrame = await plain.waitFor(
      (frame) => frame.event === 'patch' && Boolean(data<{ detail: { pods?: PodView[] } }>(frame).detail.pods?.some((pod) => pod.resourceVersion === patched.metadata?.resourceVersion)),
      { from: fromPlain },
    );
    expect(data<{ detail: { pods: PodView[] } }>(patchFrame).detail.pods.map((pod) => pod.name)).toEqual([`${name}-0`, `${name}-1`, `${name}-2`]);
  });
});
