import http from 'node:http';
import { CoreV1Api } from '@kubernetes/client-node';
import { startTestSandbox } from '../../test/support/sandbox';
import { kubectlOk, visitsAppYaml, waitForSetReady } from '../../test/integration/controllers/clusterSupport';
import { waitForOwnServiceAddress } from '../../test/faults/support/listenerOwner';

/**
 * Requests per second through the sandbox's Service proxy (ClusterIP) against straight to the pod's
 * own address, for GET /healthcheck of the visits app with one replica, 32 concurrent clients (as many
 * as the reliability test uses), with keep-alive and with a new connection per request. Target: the
 * proxy keeps at least 70% of direct. Both paths are measured by the same client in one run, in short
 * rounds: each round measures both back to back (alternating which goes first), and the figure is the
 * median over rounds of the round's Service/direct ratio, so that a busy moment of the shared machine
 * (or the sandbox still warming up) weighs on both alike and one outlier round does not decide it.
 */
interface Figure {
  metric: string;
  value: number;
  unit: string;
  target?: string;
  pass?: boolean;
}

function get(host: string, port: number, agent: http.Agent | false): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host, port, path: '/healthcheck', agent }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
    });
    request.on('error', reject);
  });
}

async function requestsPerSecond(host: string, port: number, keepAlive: boolean, durationMs: number): Promise<number> {
  const concurrency = 32;
  const agent = keepAlive ? new http.Agent({ keepAlive: true, maxSockets: concurrency }) : false;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() - started < durationMs) {
        await get(host, port, agent);
        done++;
      }
    }),
  );
  if (agent) agent.destroy();
  return done / ((performance.now() - started) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const scenario = {
  name: 'service-proxy',
  async run(options: { quick: boolean }): Promise<Figure[]> {
    const rounds = options.quick ? 7 : 21;
    const roundMs = 250;
    const warmUpMs = options.quick ? 1000 : 2000;
    const sandbox = await startTestSandbox();
    try {
      await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'bench', replicas: 1 }));
      await waitForSetReady(sandbox, 'bench', 1);
      const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
      const pod = await core.readNamespacedPod({ name: 'bench-0', namespace: 'default' });
      const service = await core.readNamespacedService({ name: 'bench-lb', namespace: 'default' });
      const podIP = pod.status?.podIP ?? '';
      // Another sandbox on the machine may hold the same ClusterIP: measure this sandbox's proxy, on its NodePort then.
      const target = await waitForOwnServiceAddress(sandbox.child.pid ?? 0, service.spec ?? {});
      const through = target.host === service.spec?.clusterIP ? 'Service' : 'Service (its NodePort)';
      const figures: Figure[] = [];
      for (const keepAlive of [true, false]) {
        // The sandbox's code is still being compiled by the JIT at first: warm up both paths before counting.
        await requestsPerSecond(podIP, 8080, keepAlive, warmUpMs);
        await requestsPerSecond(target.host, target.port, keepAlive, warmUpMs);
        const direct: number[] = [];
        const proxied: number[] = [];
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
          for (const path of order) {
            if (path === 'direct') direct.push(await requestsPerSecond(podIP, 8080, keepAlive, roundMs));
            else proxied.push(await requestsPerSecond(target.host, target.port, keepAlive, roundMs));
          }
        }
        const mode = keepAlive ? 'keep-alive' : 'new connection per request';
        const ratio = median(proxied.map((value, round) => value / direct[round]));
        figures.push(
          { metric: `direct to pod, ${mode}`, value: Math.round(median(direct)), unit: 'req/s' },
          { metric: `through ${through}, ${mode}`, value: Math.round(median(proxied)), unit: 'req/s' },
          { metric: `Service / direct, ${mode}`, value: Number((ratio * 100).toFixed(1)), unit: '%', target: '>= 70%', pass: ratio >= 0.7 },
        );
      }
      return figures;
    } finally {
      await sandbox.dispose();
    }
  },
};
