import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { haveKubectl, kubectlOk, waitFor, waitForSetReady } from '../integration/controllers/clusterSupport';
import { openStream, type SseReader } from '../integration/dashboard/dashboardSupport';
import { configureCaches, stopAllCaches } from '../../lib/k8s/cache/cacheRegistry';
import { disposeAllFeeds } from '../../lib/k8s/feeds/feedRegistry';
import type { ConnectionState, StatefulSetDetailMessage } from '../../lib/k8s/streamMessages';
import type { PodView } from '../../lib/k8s/viewModels';
import * as detailStream from '../../app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/stream/route';

/**
 * The sandbox is killed with SIGKILL in the middle of a burst of concurrent writes, then started
 * again on the same SANDBOX_DIR and port. Every write the API acknowledged is there, byte for byte;
 * a write that was not acknowledged is either wholly there or absent. Meanwhile a StatefulSet page's
 * stream (the dashboard's route handler and shared cache, in this process) says "reconnecting" (a lost
 * API server is a blip until it has stayed away for a while), then comes back live and shows the pods
 * kubectl shows.
 */
const full = process.env.FAULTS_FULL === '1';
const writes = full ? 2_000 : 300;
const concurrency = 16;
const namespace = 'crash-burst';
const setName = 'python-python-app';

function payload(index: number): Record<string, string> {
  // Big enough that a torn write would show: ~4 KiB per object, with the index at both ends.
  return { head: `object ${index}`, body: `${index}:`.padEnd(4096, String.fromCharCode(97 + (index % 26))), tail: `end of object ${index}` };
}

describe.skipIf(!haveKubectl)('the sandbox killed during a burst of writes', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'faults-crash-'));
  let sandbox: TestSandbox | undefined;
  let stream: SseReader | undefined;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ dir });
    process.env.DASHBOARD_KUBECONFIG = sandbox.kubeconfigPath;
    process.env.DASHBOARD_CLUSTER_MODE = 'kubeconfig';
    delete process.env.READ_ONLY;
    configureCaches({ idleMs: 200, reflector: { backoff: { baseMs: 100, maxMs: 1_000 } } });
    await waitForSetReady(sandbox, setName, 3);
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
  }, 180_000);

  afterAll(async () => {
    await stream?.close();
    disposeAllFeeds();
    stopAllCaches();
    await sandbox?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged object whole, and the dashboard reconnects to the same pods kubectl shows', async () => {
    const first = sandbox as TestSandbox;
    const port = first.port;
    const opened = await openStream(detailStream.GET, { context: 'sandbox', namespace: 'default', name: setName });
    stream = opened.reader;
    expect(opened.response.status).toBe(200);
    await stream.waitFor((frame) => frame.event === 'snapshot');
    await stream.waitFor((frame) => frame.event === 'status' && (frame.data as { connection: ConnectionState }).connection.state === 'live');
    const beforeKill = stream.frames.length;

    // The burst: concurrent creates; SIGKILL once a third of them are acknowledged.
    const core = first.kubeConfig().makeApiClient(CoreV1Api);
    const acknowledged = new Set<number>();
    let next = 0;
    let failedAfterKill = 0;
    let killedAt = 0;
    const killed = new Promise<void>((resolve) => first.child.once('exit', () => resolve()));
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < writes) {
          const index = next++;
          try {
            await core.createNamespacedConfigMap({ namespace, body: { metadata: { name: `burst-${index}` }, data: payload(index) } });
            acknowledged.add(index);
            if (!killedAt && acknowledged.size >= writes / 3) {
              killedAt = acknowledged.size;
              first.child.kill('SIGKILL');
            }
          } catch {
            if (killedAt) {
              failedAfterKill += 1;
              return; // the cluster is gone: this writer stops, as a client would after an error
            }
            throw new Error(`create burst-${index} failed before the sandbox was killed`);
          }
        }
      }),
    );
    await killed;
    expect(killedAt).toBeGreaterThan(0);
    expect(failedAfterKill).toBeGreaterThan(0);

    // The page is told the cluster connection is lost, and that the dashboard is reconnecting.
    const lost = await stream.waitFor((frame) => frame.event === 'status' && (frame.data as { connection: ConnectionState }).connection.state !== 'live', { from: beforeKill, timeoutMs: 30_000 });
    const lostFrom = stream.frames.indexOf(lost) + 1;
    const lostState = (lost.data as { connection: ConnectionState }).connection;
    expect(lostState.state, 'the first state shown after the kill').toBe('reconnecting');
    expect(lostState.error).toBeTruthy();
    console.log(`sandboxCrash: ${acknowledged.size} of ${writes} creates acknowledged before/around SIGKILL (${failedAfterKill} writers saw the failure); the page showed "${lostState.state}": ${lostState.error}`);

    // Restart on the same directory and port.
    const restartFrom = stream.frames.length;
    sandbox = await startTestSandbox({ dir, env: { SANDBOX_PORT: String(port) } });
    const restartedAt = performance.now();
    const live = await stream.waitFor((frame) => frame.event === 'status' && (frame.data as { connection: ConnectionState }).connection.state === 'live', { from: Math.max(lostFrom, restartFrom), timeoutMs: 30_000 });
    const recoveryMs = performance.now() - restartedAt;
    console.log(`sandboxCrash: the page was live again ${Math.round(recoveryMs)} ms after the restarted sandbox was ready`);
    expect((live.data as { connection: ConnectionState }).connection.state).toBe('live');

    // Every acknowledged object is there and whole; nothing is torn.
    const after = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    const stored = await after.listNamespacedConfigMap({ namespace });
    const byName = new Map(stored.items.map((item) => [item.metadata?.name ?? '', item]));
    const missing = [...acknowledged].filter((index) => !byName.has(`burst-${index}`));
    expect(missing, 'acknowledged creates missing after the restart').toEqual([]);
    for (const item of stored.items) {
      const match = /^burst-(\d+)$/.exec(item.metadata?.name ?? '');
      if (!match) continue;
      expect(item.data, `${item.metadata?.name} as stored`).toEqual(payload(Number(match[1])));
    }
    console.log(`sandboxCrash: ${stored.items.filter((item) => item.metadata?.name?.startsWith('burst-')).length} burst objects stored after the restart (${acknowledged.size} acknowledged)`);

    // The page converges on the pods kubectl shows, once the kubelet has brought them back.
    await waitForSetReady(sandbox, setName, 3);
    const restarted = sandbox;
    let latestPods: PodView[] | undefined;
    for (const frame of stream.frames) {
      const message = { type: frame.event, ...(frame.data as object) } as StatefulSetDetailMessage;
      if (message.type === 'snapshot') latestPods = message.detail?.pods;
      if (message.type === 'patch' && message.detail.pods) latestPods = message.detail.pods;
    }
    let seen = stream.frames.length;
    await waitFor('the page to show the pods kubectl shows', async () => {
      for (const frame of stream?.frames.slice(seen) ?? []) {
        const message = { type: frame.event, ...(frame.data as object) } as StatefulSetDetailMessage;
        if (message.type === 'snapshot') latestPods = message.detail?.pods;
        if (message.type === 'patch' && message.detail.pods) latestPods = message.detail.pods;
      }
      seen = stream?.frames.length ?? 0;
      const listed = JSON.parse(await kubectlOk(restarted, ['get', 'pods', '-n', 'default', '-l', 'app.kubernetes.io/instance=python', '-o', 'json'])) as { items: Array<{ metadata: { name: string; uid: string } }> };
      const fromKubectl = listed.items.map((pod) => `${pod.metadata.name}/${pod.metadata.uid}`).sort();
      const fromPage = (latestPods ?? []).map((pod) => `${pod.name}/${pod.uid}`).sort();
      // Let the stream deliver what the cluster did meanwhile before the next comparison.
      if (fromKubectl.join() !== fromPage.join()) await stream?.waitFor(() => false, { from: seen, timeoutMs: 200 }).catch(() => undefined);
      return fromKubectl.length === 3 && fromKubectl.join() === fromPage.join();
    }, 30_000);
    // No full reload of the page: one snapshot at the start, patches after.
    expect(stream.frames.filter((frame) => frame.event === 'snapshot')).toHaveLength(1);
  }, full ? 600_000 : 240_000);
});
