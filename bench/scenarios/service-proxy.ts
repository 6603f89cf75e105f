import http from 'node:http';
import { CoreV1Api } from '@kubernetes/client-node';
import { startTestSandbox } from '../../test/support/sandbox';
import { kubectlOk, visitsAppYaml, waitForSetReady } from '../../test/integration/controllers/clusterSupport';

/**
 * Requests per second through the sandbox's Service proxy (ClusterIP) against straight to the pod's
 * own address, for GET /healthcheck of the visits app with one replica, 32 concurrent clients (as many as the reliability test uses), with
 * keep-alive and with a new connection per request. Target: the proxy keeps at least 70% of direct.
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

export const scenario = {
  name: 'service-proxy',
  async run(options: { quick: boolean }): Promise<Figure[]> {
    const rounds = options.quick ? 6 : 20;
    const roundMs = 250;
    const sandbox = await startTestSandbox();
    try {
      await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'bench', replicas: 1 }));
      await waitForSetReady(sandbox, 'bench', 1);
      const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
      const pod = await core.readNamespacedPod({ name: 'bench-0', namespace: 'default' });
      const service = await core.readNamespacedService({ name: 'bench-lb', namespace: 'default' });
      const podIP = pod.status?.podIP ?? '';
      const clusterIP = service.spec?.clusterIP ?? '';
      const figures: Figure[] = [];
      for (const keepAlive of [true, false]) {
        // The machine is shared: measure both paths in many short interleaved rounds (alternating which
        // goes first) so that background load falls on both alike, after a warm-up of each.
        await requestsPerSecond(podIP, 8080, keepAlive, 300);
        await requestsPerSecond(clusterIP, 8080, keepAlive, 300);
        const direct: number[] = [];
        const proxied: number[] = [];
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? ['direct', 'proxied'] : ['proxied', 'direct'];
          for (const path of order) {
            if (path === 'direct') direct.push(await requestsPerSecond(podIP, 8080, keepAlive, roundMs));
            else proxied.push(await requestsPerSecond(clusterIP, 8080, keepAlive, roundMs));
          }
        }
        const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
        const mode = keepAlive ? 'keep-alive' : 'new connection per request';
        const ratio = mean(proxied) / mean(direct);
        figures.push(
          { metric: `direct to pod, ${mode}`, value: Math.round(mean(direct)), unit: 'req/s' },
          { metric: `through Service, ${mode}`, value: Math.round(mean(proxied)), unit: 'req/s' },
          { metric: `Service / direct, ${mode}`, value: Number((ratio * 100).toFixed(1)), unit: '%', target: '>= 70%', pass: ratio >= 0.7 },
        );
      }
      return figures;
    } finally {
      await sandbox.dispose();
    }
  },
};
