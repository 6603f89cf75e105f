import { readFileSync } from 'node:fs';
import { CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { startTestSandbox } from '../../test/support/sandbox';
import type { BenchFigure, BenchScenario } from '../scenario';

/**
 * Resident memory of the sandbox process with 1,000 running pods of the visits app (quick: 100),
 * each with its own http.Server on its own loopback address, liveness and readiness probes every
 * 10 s (SANDBOX_SPEED 1, as a person runs it), a container log and a file system view. Pods are
 * bare (no StatefulSet) so the figure is the kubelet's cost per pod, plus the API objects.
 */
function residentMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kilobytes / 1024;
}

function benchPod(index: number): V1Pod {
  const probe = { httpGet: { path: '/healthcheck', port: 8080 }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `mem-${index}`, labels: { app: 'memory-bench' } },
    spec: {
      containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ containerPort: 8080 }], livenessProbe: probe, readinessProbe: probe, resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
    },
  };
}

const isReady = (pod: V1Pod) => pod.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true;

export const scenario: BenchScenario = {
  name: 'sandbox-memory-1000-pods',
  async run({ quick, progress }) {
    const pods = quick ? 100 : 1000;
    const sandbox = await startTestSandbox({ env: { SANDBOX_SPEED: '1' } });
    try {
      const pid = sandbox.child.pid ?? 0;
      const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
      // Let the demo StatefulSets settle before the baseline.
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      const baseline = residentMegabytes(pid);
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < pods) {
            const index = next++;
            await core.createNamespacedPod({ namespace: 'default', body: benchPod(index) });
          }
        }),
      );
      let ready = 0;
      for (;;) {
        const list = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=memory-bench' });
        ready = list.items.filter(isReady).length;
        progress?.(`${ready}/${pods} pods Ready`);
        if (ready >= pods) break;
        if (performance.now() - started > 15 * 60_000) throw new Error(`only ${ready} of ${pods} pods became Ready within 15 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      }
      const readySeconds = (performance.now() - started) / 1000;
      // Two probe periods, so every server, probe and log buffer is in steady use.
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      const loaded = residentMegabytes(pid);
      const perPod = (loaded - baseline) / pods;
      const limit = quick ? 400 : 1024;
      return [
        { metric: 'sandbox RSS before the pods', value: Number(baseline.toFixed(0)), unit: 'MB' },
        { metric: `sandbox RSS with ${pods} running pods`, value: Number(loaded.toFixed(0)), unit: 'MB', target: `< ${limit} MB`, pass: loaded < limit },
        { metric: 'RSS per pod', value: Number(perPod.toFixed(2)), unit: 'MB', target: '< 1 MB', pass: perPod < 1 },
        { metric: `time until ${pods} pods are Ready (speed 1)`, value: Number(readySeconds.toFixed(1)), unit: 's' },
      ] satisfies BenchFigure[];
    } finally {
      await sandbox.dispose();
    }
  },
};
