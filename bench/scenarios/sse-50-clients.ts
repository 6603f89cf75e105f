import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { startTestSandbox } from '../../test/support/sandbox';
import { freePort } from '../../test/support/sandbox';
import { runDashboard } from '../../test/integration/deploy/dashboardProcess';
import { TcpCutProxy } from '../../test/faults/support/tcpCutProxy';
import { writeProxiedKubeconfig } from '../../test/faults/support/proxiedKubeconfig';
import { median, type BenchFigure, type BenchScenario } from '../scenario';
import { processCpuMs } from '../support/processStats';

/**
 * 50 browser tabs on one StatefulSet page: 50 concurrent SSE clients on the detail stream of the
 * python app, against the real dashboard process (from the last `next build`) talking to a sandbox
 * through a loopback TCP relay. The relay counts the connections the dashboard holds open to the
 * cluster (its watches; the visits sampler's execs come and go); the dashboard's CPU comes from
 * /proc while pod events stream in at 10 per second. Both are measured with 1 client and with 50.
 */
const root = path.resolve(__dirname, '..', '..');
const setName = 'python-python-app';
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

interface SseClient {
  snapshot: Promise<void>;
  close(): void;
}

function openClient(port: number, url: string): SseClient {
  let text = '';
  let resolveSnapshot: () => void = () => undefined;
  let rejectSnapshot: (error: Error) => void = () => undefined;
  const snapshot = new Promise<void>((resolve, reject) => {
    resolveSnapshot = resolve;
    rejectSnapshot = reject;
  });
  const request = http.get({ host: '127.0.0.1', port, path: url, agent: false, headers: { Accept: 'text/event-stream' } }, (response) => {
    if (response.statusCode !== 200) rejectSnapshot(new Error(`the stream answered ${response.statusCode}`));
    response.on('data', (chunk: Buffer) => {
      if (text.length < 1_000_000) text += chunk.toString('utf8');
      if (text.includes('event: snapshot')) resolveSnapshot();
    });
  });
  request.on('error', (error) => rejectSnapshot(error));
  return { snapshot, close: () => request.destroy() };
}

export const scenario: BenchScenario = {
  name: 'sse-50-clients',
  async run({ quick, progress }) {
    if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npx next build` first.');
    const windowMs = quick ? 2_000 : 15_000;
    const settleMs = quick ? 300 : 1_000;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sts-sse-bench-'));
    const sandbox = await startTestSandbox();
    const proxy = new TcpCutProxy({ host: '127.0.0.1', port: sandbox.port });
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeProxiedKubeconfig(sandbox.kubeConfig(), await proxy.listen(), kubeconfig);
    const port = await freePort();
    const dashboard = runDashboard({ PORT: String(port), CLUSTER: 'kubeconfig', KUBECONFIG: kubeconfig });
    const clients: SseClient[] = [];
    let ticking = false;
    let ticker: Promise<void> = Promise.resolve();
    try {
      await dashboard.listening;
      const pid = dashboard.child.pid ?? 0;
      const kc = sandbox.kubeConfig();
      const apps = kc.makeApiClient(AppsV1Api);
      const core = kc.makeApiClient(CoreV1Api);
      progress?.('waiting for the python app to be ready');
      for (;;) {
        const set = await apps.readNamespacedStatefulSet({ name: setName, namespace: 'default' });
        if ((set.status?.readyReplicas ?? 0) === 3) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      // Pod events at 10 per second, as a rollout or probes flapping would make them.
      ticking = true;
      ticker = (async () => {
        for (let tick = 0; ticking; tick += 1) {
          await core.patchNamespacedPod({ name: `${setName}-${tick % 3}`, namespace: 'default', body: { metadata: { annotations: { 'bench/tick': String(tick) } } } }, mergePatch).catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      const url = `/api/contexts/sandbox/namespaces/default/statefulsets/${setName}/stream`;
      const measure = async (count: number) => {
        while (clients.length < count) clients.push(openClient(port, url));
        await Promise.all(clients.map((client) => client.snapshot));
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        const open: number[] = [];
        const cpuBefore = processCpuMs(pid) / 1000;
        const started = performance.now();
        while (performance.now() - started < windowMs) {
          open.push(proxy.openConnections);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const cpu = ((processCpuMs(pid) / 1000 - cpuBefore) / ((performance.now() - started) / 1000)) * 100;
        return { watches: Math.min(...open), typical: median(open), cpu };
      };
      progress?.('1 client');
      const one = await measure(1);
      progress?.('50 clients');
      const fifty = await measure(50);
      const figures: BenchFigure[] = [
        { metric: 'connections held to the cluster, 1 client', value: one.watches, unit: 'conns' },
        { metric: 'connections held to the cluster, 50 clients', value: fifty.watches, unit: 'conns', target: `= 1 client (${one.watches})`, pass: fifty.watches <= one.watches },
        { metric: 'connections to the cluster, median while sampling visits, 50 clients', value: fifty.typical, unit: 'conns' },
        { metric: 'dashboard CPU, 1 client, 10 pod events/s', value: Number(one.cpu.toFixed(1)), unit: '%' },
        { metric: 'dashboard CPU, 50 clients, 10 pod events/s', value: Number(fifty.cpu.toFixed(1)), unit: '%' },
      ];
      return figures;
    } finally {
      ticking = false;
      await ticker;
      for (const client of clients) client.close();
      await dashboard.stop();
      await proxy.close();
      await sandbox.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
