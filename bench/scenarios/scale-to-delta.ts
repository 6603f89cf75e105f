import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { BenchScenario } from '../scenario';
import { median, percentile } from '../scenario';
import { createFromYaml, openStream, startDashboardOnSandbox, stopDashboard } from '../../test/integration/dashboard/dashboardSupport';
import { haveKubectl, kubectlOk, visitsAppYaml } from '../../test/integration/controllers/clusterSupport';
import * as listStream from '../../app/api/contexts/[context]/namespaces/[namespace]/statefulsets/stream/route';

/**
 * From `kubectl scale` returning to the matching upsert arriving on an open list stream: the watch,
 * the shared cache and the SSE fan-out together. Includes kubectl's own start-up, as a user sees it.
 */
const namespace = 'bench-delta';

export const scenario: BenchScenario = {
  name: 'scale-to-delta',
  async run({ quick }) {
    if (!haveKubectl) throw new Error('kubectl 1.33 is needed to scale');
    const sandbox = await startDashboardOnSandbox();
    try {
      await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
      await createFromYaml(sandbox, visitsAppYaml({ name: 'web', replicas: 1, namespace, policy: 'Parallel' }));
      const { reader } = await openStream(listStream.GET, { context: 'sandbox', namespace });
      await reader.waitFor((frame) => frame.event === 'snapshot');
      const fromCommandMs: number[] = [];
      const fromReturnMs: number[] = [];
      const rounds = quick ? 3 : 10;
      for (let round = 0; round < rounds; round += 1) {
        const replicas = round % 2 === 0 ? 2 : 1;
        const from = reader.frames.length;
        const started = performance.now();
        await kubectlOk(sandbox, ['scale', '-n', namespace, 'statefulset/web', `--replicas=${replicas}`]);
        const returned = performance.now();
        await reader.waitFor((frame) => frame.event === 'upsert' && (frame.data as { item: { replicas: number } }).item.replicas === replicas, { from });
        const arrived = performance.now();
        fromCommandMs.push(arrived - started);
        fromReturnMs.push(Math.max(0, arrived - returned));
      }
      // The same through client-node's scale patch, without kubectl's start-up: the dashboard's own share.
      const apps = sandbox.kubeConfig().makeApiClient(AppsV1Api);
      const fromPatchMs: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const replicas = round % 2 === 0 ? 2 : 1;
        const from = reader.frames.length;
        const started = performance.now();
        await apps.patchNamespacedStatefulSetScale({ name: 'web', namespace, body: { spec: { replicas } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
        await reader.waitFor((frame) => frame.event === 'upsert' && (frame.data as { item: { replicas: number } }).item.replicas === replicas, { from });
        fromPatchMs.push(performance.now() - started);
      }
      await reader.close();
      return [
        { metric: 'scale patch sent (client-node) -> delta on the stream (median)', value: Math.round(median(fromPatchMs)), unit: 'ms', target: '< 250 ms', pass: median(fromPatchMs) < 250 },
        { metric: 'kubectl scale started -> delta on the stream (median)', value: Math.round(median(fromCommandMs)), unit: 'ms' },
        { metric: 'kubectl scale returned -> delta on the stream (median)', value: Math.round(median(fromReturnMs)), unit: 'ms' },
        { metric: 'kubectl scale returned -> delta on the stream (p95)', value: Math.round(percentile(fromReturnMs, 0.95)), unit: 'ms' },
      ];
    } finally {
      await stopDashboard(sandbox);
    }
  },
};
