import { AppsV1Api, CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { startTestSandbox } from '../../test/support/sandbox';
import { percentile, type BenchFigure, type BenchScenario } from '../scenario';
import { residentMegabytes } from '../support/processStats';

/**
 * Resident memory of the sandbox process with 1,000 running pods of the visits app (quick: 100),
 * each with its own http.Server on its own loopback address, liveness and readiness probes every
 * 10 s, a container log and a file system view; and how responsive the API stays while they start
 * (the latency of listing them, as `kubectl get pods` does, sampled throughout). Pods are bare (no
 * StatefulSet) so the figure is the kubelet's cost per pod, plus the API objects. The full run is at
 * SANDBOX_SPEED 1, as a person runs it; quick at 0.1 (probes every second), to fit in 15 s.
 */
const probePeriodSeconds = 10;

function benchPod(index: number): V1Pod {
  const probe = { httpGet: { path: '/healthcheck', port: 8080 }, periodSeconds: probePeriodSeconds, timeoutSeconds: 1, failureThreshold: 3 };
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const scenario: BenchScenario = {
  name: 'sandbox-memory-1000-pods',
  async run({ quick, progress }) {
    const pods = quick ? 100 : 1000;
    const speed = quick ? 0.1 : 1;
    const sandbox = await startTestSandbox({ env: { SANDBOX_SPEED: String(speed) } });
    try {
      const pid = sandbox.child.pid ?? 0;
      const kc = sandbox.kubeConfig();
      const core = kc.makeApiClient(CoreV1Api);
      const apps = kc.makeApiClient(AppsV1Api);
      // The demo StatefulSets settle before the baseline.
      progress?.('waiting for the demo StatefulSets');
      for (let waited = 0; !(await apps.listStatefulSetForAllNamespaces()).items.every((set) => (set.status?.readyReplicas ?? 0) >= (set.spec?.replicas ?? 1)); waited += 100) {
        if (waited > 120_000) throw new Error('the demo StatefulSets did not become Ready within 2 minutes');
        await sleep(100);
      }
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
      const listMs: number[] = [];
      let ready = 0;
      for (;;) {
        const listStarted = performance.now();
        const list = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=memory-bench' });
        listMs.push(performance.now() - listStarted);
        ready = list.items.filter(isReady).length;
        progress?.(`${ready}/${pods} pods Ready`);
        if (ready >= pods) break;
        if (performance.now() - started > 15 * 60_000) throw new Error(`only ${ready} of ${pods} pods became Ready within 15 minutes`);
        await sleep(quick ? 200 : 1_000);
      }
      const readySeconds = (performance.now() - started) / 1000;
      // Two probe periods, so every server, probe and log buffer is in steady use.
      await sleep(2 * probePeriodSeconds * 1000 * speed);
      const loaded = residentMegabytes(pid);
      const perPod = (loaded - baseline) / pods;
      const limit = quick ? 400 : 1024;
      return [
        { metric: 'sandbox RSS before the pods', value: Number(baseline.toFixed(0)), unit: 'MB' },
        { metric: `sandbox RSS with ${pods} running pods`, value: Number(loaded.toFixed(0)), unit: 'MB', target: `< ${limit} MB`, pass: loaded < limit },
        { metric: 'RSS per pod', value: Number(perPod.toFixed(2)), unit: 'MB', target: '< 1 MB', pass: perPod < 1 },
        { metric: `time until ${pods} pods are Ready (speed ${speed})`, value: Number(readySeconds.toFixed(1)), unit: 's' },
        { metric: `list of the ${pods} pods while they start, median`, value: Number(percentile(listMs, 0.5).toFixed(0)), unit: 'ms' },
        { metric: `list of the ${pods} pods while they start, slowest`, value: Number(Math.max(...listMs).toFixed(0)), unit: 'ms', target: '< 2000 ms', pass: Math.max(...listMs) < 2000 },
      ] satisfies BenchFigure[];
    } finally {
      await sandbox.dispose();
    }
  },
};
