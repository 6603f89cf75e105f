import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions, type V1StatefulSet } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { waitFor } from '../integration/controllers/clusterSupport';
import { openStream, type SseReader } from '../integration/dashboard/dashboardSupport';
import { configureCaches, stopAllCaches } from '../../lib/k8s/cache/cacheRegistry';
import { disposeAllFeeds } from '../../lib/k8s/feeds/feedRegistry';
import type { StatefulSetSummary } from '../../lib/k8s/viewModels';
import * as listStream from '../../app/api/contexts/[context]/namespaces/[namespace]/statefulsets/stream/route';
import { TcpCutProxy } from './support/tcpCutProxy';
import { writeProxiedKubeconfig } from './support/proxiedKubeconfig';

/**
 * A watch cut in the middle: the dashboard reaches the sandbox through a TCP relay that drops every
 * connection at once, halfway through a chunk, while StatefulSets are being created and changed.
 * The list page's stream must carry on without a new snapshot (no full reload), never send an
 * object again unchanged (the cache diffs its relist), never lose one, and end up with exactly
 * what the API server holds.
 */
const full = process.env.FAULTS_FULL === '1';
const existing = 10;
const created = full ? 200 : 30;
const namespace = 'watch-cut';
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

function statefulSet(name: string): V1StatefulSet {
  return {
    metadata: { name, namespace },
    spec: {
      replicas: 0,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'visits-app:1.0' }] } },
    },
  };
}

describe('a watch cut in the middle', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faults-watchcut-'));
  let sandbox: TestSandbox;
  let proxy: TcpCutProxy;
  let stream: SseReader | undefined;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    proxy = new TcpCutProxy({ host: '127.0.0.1', port: sandbox.port });
    const proxied = await proxy.listen();
    // The dashboard's kubeconfig: the sandbox's own, with the server address of the relay.
    const original = sandbox.kubeConfig();
    const kubeconfigPath = path.join(dir, 'kubeconfig');
    writeProxiedKubeconfig(original, proxied, kubeconfigPath);
    process.env.DASHBOARD_KUBECONFIG = kubeconfigPath;
    process.env.DASHBOARD_CLUSTER_MODE = 'kubeconfig';
    configureCaches({ idleMs: 200, reflector: { backoff: { baseMs: 100, maxMs: 1_000 } } });
    const apps = original.makeApiClient(AppsV1Api);
    await original.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    for (let index = 0; index < existing; index += 1) await apps.createNamespacedStatefulSet({ namespace, body: statefulSet(`old-${index}`) });
  }, 120_000);

  afterAll(async () => {
    await stream?.close();
    disposeAllFeeds();
    stopAllCaches();
    await proxy?.close();
    await sandbox?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes without a full reload and without missing a change', async () => {
    const apps = sandbox.kubeConfig().makeApiClient(AppsV1Api);
    const opened = await openStream(listStream.GET, { context: 'sandbox', namespace });
    stream = opened.reader;
    expect(opened.response.status).toBe(200);
    const snapshot = await stream.waitFor((frame) => frame.event === 'snapshot');
    const known = new Map<string, string>();
    for (const item of (snapshot.data as { items: StatefulSetSummary[] }).items) known.set(item.name, item.resourceVersion);
    expect(known.size).toBe(existing);
    // Let the controller finish its first status writes so that later frames are the test's own changes.
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Writes straight to the API server (not through the relay), while the dashboard's watch is cut.
    const connectionsBefore = proxy.accepted;
    let cut: Promise<void> | undefined;
    let upserts = 0;
    for (let index = 0; index < created; index += 1) {
      await apps.createNamespacedStatefulSet({ namespace, body: statefulSet(`new-${index}`) });
      if (index % 3 === 0) await apps.patchNamespacedStatefulSet({ name: `old-${index % existing}`, namespace, body: { metadata: { annotations: { 'faults/step': String(index) } } } }, mergePatch);
      if (!cut && index >= created / 3) {
        // The watch is live and delivering: the stream has shown this very object. Cut now.
        const name = `new-${index}`;
        await stream.waitFor((frame) => frame.event === 'upsert' && (frame.data as { item: StatefulSetSummary }).item.name === name);
        upserts = stream.frames.filter((frame) => frame.event === 'upsert').length;
        cut = proxy.cutMidChunk();
      }
    }
    await cut;
    expect(proxy.cuts).toBeGreaterThan(0);
    console.log(`watchCut: cut after ${upserts} upserts had arrived; ${proxy.accepted - connectionsBefore} new connections since the cut began`);

    // The stream converges on exactly what the API server holds.
    const expected = async () => new Map((await apps.listNamespacedStatefulSet({ namespace })).items.map((set) => [set.metadata?.name ?? '', set.metadata?.resourceVersion ?? '']));
    let seen = 0;
    const duplicates: string[] = [];
    const deletes: string[] = [];
    const apply = () => {
      for (const frame of stream?.frames.slice(seen) ?? []) {
        if (frame.event === 'upsert') {
          const item = (frame.data as { item: StatefulSetSummary }).item;
          if (known.get(item.name) === item.resourceVersion) duplicates.push(`${item.name}@${item.resourceVersion}`);
          known.set(item.name, item.resourceVersion);
        } else if (frame.event === 'delete') deletes.push((frame.data as { name: string }).name);
      }
      seen = stream?.frames.length ?? 0;
    };
    await waitFor('the stream to show what the API server holds', async () => {
      await stream?.waitFor(() => false, { from: seen, timeoutMs: 200 }).catch(() => undefined);
      apply();
      const truth = await expected();
      return truth.size === known.size && [...truth].every(([name, version]) => known.get(name) === version);
    }, 60_000);

    expect(proxy.accepted).toBeGreaterThan(connectionsBefore); // the dashboard really reconnected through the relay
    expect(stream.frames.filter((frame) => frame.event === 'snapshot'), 'a second snapshot is a full reload').toHaveLength(1);
    expect(duplicates, 'objects sent again unchanged after the cut').toEqual([]);
    expect(deletes, 'objects wrongly removed').toEqual([]);
    expect(known.size).toBe(existing + created);
  }, full ? 300_000 : 120_000);
});
