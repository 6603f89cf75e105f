import { AppsV1Api } from '@kubernetes/client-node';
import { startTestSandbox } from '../../test/support/sandbox';
import { kubectlOk, visitsAppYaml } from '../../test/integration/controllers/clusterSupport';

/**
 * Time for a StatefulSet's pods to become Ready on the sandbox (SANDBOX_SPEED 0.05, as in tests), with
 * podManagementPolicy Parallel and OrderedReady. OrderedReady pays every pod's start in sequence;
 * Parallel overlaps them, so it should be several times faster. Quick mode uses 20 pods.
 */
interface Figure {
  metric: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

async function timeToReady(policy: 'Parallel' | 'OrderedReady', replicas: number): Promise<number> {
  const sandbox = await startTestSandbox();
  try {
    const apps = sandbox.kubeConfig().makeApiClient(AppsV1Api);
    const name = policy === 'Parallel' ? 'bench-parallel' : 'bench-ordered';
    const started = performance.now();
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name, replicas, policy }));
    for (;;) {
      const set = await apps.readNamespacedStatefulSet({ name, namespace: 'default' });
      if ((set.status?.readyReplicas ?? 0) >= replicas) break;
      if (performance.now() - started > 20 * 60_000) throw new Error(`${replicas} pods did not become Ready within 20 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return (performance.now() - started) / 1000;
  } finally {
    await sandbox.dispose();
  }
}

export const scenario = {
  name: 'sandbox-ready-100',
  async run(options: { quick: boolean }): Promise<Figure[]> {
    const replicas = options.quick ? 20 : 100;
    const parallel = await timeToReady('Parallel', replicas);
    const ordered = await timeToReady('OrderedReady', replicas);
    return [
      { metric: `${replicas} pods Ready, Parallel`, value: Number(parallel.toFixed(2)), unit: 's' },
      { metric: `${replicas} pods Ready, OrderedReady`, value: Number(ordered.toFixed(2)), unit: 's' },
      { metric: 'OrderedReady / Parallel', value: Number((ordered / parallel).toFixed(2)), unit: 'x', target: '> 1 (Parallel overlaps pod starts)', pass: ordered > parallel },
    ];
  },
};
