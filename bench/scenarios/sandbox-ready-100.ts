import { AppsV1Api, KubernetesObjectApi, loadAllYaml, type KubernetesObject } from '@kubernetes/client-node';
import { startTestSandbox, type TestSandbox } from '../../test/support/sandbox';
import { visitsAppYaml } from '../../test/integration/controllers/clusterSupport';
import type { BenchFigure, BenchScenario } from '../scenario';

/**
 * Time from the create of a StatefulSet (claim template, readiness probe) to all its pods Ready,
 * with podManagementPolicy Parallel and OrderedReady. The full run uses 100 pods at SANDBOX_SPEED 1,
 * the pace a person sees (about a second per pod start); OrderedReady pays every start in turn,
 * Parallel overlaps them. Quick: 10 pods at speed 0.2, to fit in 15 s.
 *
 * Both sets run one after the other on one sandbox, once its demo StatefulSets are Ready, each with
 * an image the node has not pulled yet (visits-app 1.0 and 2.0, the same program), so each pays one
 * image pull as on a fresh node. Objects are created with client-node, the calls `kubectl apply`
 * makes, so no process start is timed; the Services are created before the clock starts.
 */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function timeToReady(sandbox: TestSandbox, policy: 'Parallel' | 'OrderedReady', replicas: number, image: string): Promise<number> {
  const kc = sandbox.kubeConfig();
  const apps = kc.makeApiClient(AppsV1Api);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const name = policy === 'Parallel' ? 'bench-parallel' : 'bench-ordered';
  const manifests = loadAllYaml(visitsAppYaml({ name, replicas, policy, image })) as KubernetesObject[];
  for (const service of manifests.filter((object) => object.kind === 'Service')) await objects.create(service);
  const started = performance.now();
  for (const set of manifests.filter((object) => object.kind === 'StatefulSet')) await objects.create(set);
  await waitFor(`${replicas} Ready pods of ${name}`, async () => ((await apps.readNamespacedStatefulSet({ name, namespace: 'default' })).status?.readyReplicas ?? 0) >= replicas, 20 * 60_000);
  return (performance.now() - started) / 1000;
}

export const scenario: BenchScenario = {
  name: 'sandbox-ready-100',
  async run({ quick, progress }) {
    const replicas = quick ? 10 : 100;
    const speed = quick ? 0.2 : 1;
    const sandbox = await startTestSandbox({ env: { SANDBOX_SPEED: String(speed) } });
    try {
      const apps = sandbox.kubeConfig().makeApiClient(AppsV1Api);
      progress?.('waiting for the demo StatefulSets');
      await waitFor('the demo StatefulSets Ready', async () => (await apps.listStatefulSetForAllNamespaces()).items.every((set) => (set.status?.readyReplicas ?? 0) >= (set.spec?.replicas ?? 1)), 120_000);
      progress?.(`${replicas} pods, Parallel, SANDBOX_SPEED ${speed}`);
      const parallel = await timeToReady(sandbox, 'Parallel', replicas, 'visits-app:1.0');
      progress?.(`${replicas} pods, OrderedReady, SANDBOX_SPEED ${speed}`);
      const ordered = await timeToReady(sandbox, 'OrderedReady', replicas, 'visits-app:2.0');
      // Parallel starts every pod at once: the whole set takes little more than one pod's start.
      const parallelTarget = quick ? 2 : 10;
      // At 10 pods a Parallel start is a few slow-start batches plus one pod's start; the gap widens with size.
      const ratioTarget = quick ? 2 : 5;
      return [
        { metric: `${replicas} pods Ready, Parallel (speed ${speed})`, value: Number(parallel.toFixed(2)), unit: 's', target: `< ${parallelTarget} s`, pass: parallel < parallelTarget },
        { metric: `${replicas} pods Ready, OrderedReady (speed ${speed})`, value: Number(ordered.toFixed(2)), unit: 's' },
        { metric: 'OrderedReady / Parallel', value: Number((ordered / parallel).toFixed(2)), unit: 'x', target: `> ${ratioTarget} (Parallel overlaps pod starts)`, pass: ordered > ratioTarget * parallel },
      ] satisfies BenchFigure[];
    } finally {
      await sandbox.dispose();
    }
  },
};
