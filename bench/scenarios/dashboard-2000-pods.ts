import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import type { BenchScenario } from '../scenario';
import { openStream, startDashboardOnSandbox, stopDashboard } from '../../test/integration/dashboard/dashboardSupport';
import { waitFor } from '../../test/integration/controllers/clusterSupport';
import * as detailStream from '../../app/api/contexts/[context]/namespaces/[namespace]/statefulsets/[name]/stream/route';
import * as listStream from '../../app/api/contexts/[context]/namespaces/[namespace]/statefulsets/stream/route';

/**
 * A StatefulSet with 2,000 pods (200 in quick mode): the dashboard server's heap for the shared
 * cache and feeds, the size of the detail snapshot a page receives, and the time to that snapshot.
 * The pods name a scheduler nobody runs, so they stay Pending: the sandbox's kubelet is not
 * loaded, while the API objects are as numerous as on a real cluster.
 */
const namespace = 'bench-big';

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export const scenario: BenchScenario = {
  name: 'dashboard-2000-pods',
  async run({ quick, progress }) {
    const replicas = quick ? 200 : 2000;
    const sandbox = await startDashboardOnSandbox();
    try {
      const kc = sandbox.kubeConfig();
      await kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
      await kc.makeApiClient(AppsV1Api).createNamespacedStatefulSet({
        namespace,
        body: {
          metadata: { name: 'big' },
          spec: {
            replicas,
            serviceName: 'big',
            podManagementPolicy: 'Parallel',
            selector: { matchLabels: { app: 'big' } },
            template: { metadata: { labels: { app: 'big' } }, spec: { schedulerName: 'bench-nobody', containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ containerPort: 8080 }] }] } },
          },
        },
      });
      progress?.(`waiting for ${replicas} pods to exist`);
      await waitFor(`${replicas} pods`, async () => (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace })).items.length >= replicas || undefined, 20 * 60_000);
      const before = heapMb();
      const started = performance.now();
      const detail = await openStream(detailStream.GET, { context: 'sandbox', namespace, name: 'big' });
      const snapshot = await detail.reader.waitFor((frame) => frame.event === 'snapshot', { timeoutMs: 120_000 });
      const toSnapshot = performance.now() - started;
      const list = await openStream(listStream.GET, { context: 'sandbox', namespace });
      const listSnapshot = await list.reader.waitFor((frame) => frame.event === 'snapshot');
      const pods = (snapshot.data as { detail: { pods: unknown[] } }).detail.pods.length;
      const after = heapMb();
      const snapshotBytes = Buffer.byteLength(JSON.stringify(snapshot.data));
      await detail.reader.close();
      await list.reader.close();
      const heapTarget = replicas * 0.05; // 50 KB per pod at most
      return [
        { metric: `pods in the detail snapshot`, value: pods, unit: 'pods', target: `${replicas}`, pass: pods === replicas },
        { metric: `server heap for cache + feeds, ${replicas} pods`, value: Number((after - before).toFixed(1)), unit: 'MB', target: `< ${heapTarget} MB`, pass: after - before < heapTarget },
        { metric: `detail snapshot size, ${replicas} pods`, value: Number((snapshotBytes / 1024).toFixed(1)), unit: 'KiB', target: `< ${replicas * 2} KiB`, pass: snapshotBytes / 1024 < replicas * 2 },
        { metric: 'list snapshot size', value: Number((Buffer.byteLength(JSON.stringify(listSnapshot.data)) / 1024).toFixed(1)), unit: 'KiB' },
        { metric: `stream opened -> detail snapshot, ${replicas} pods (cold cache)`, value: Math.round(toSnapshot), unit: 'ms', target: '< 5000 ms', pass: toSnapshot < 5000 },
      ];
    } finally {
      await stopDashboard(sandbox);
    }
  },
};
