import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { apis, haveKubectl, httpGet, kubectlOk, visitsAppYaml, visitsOf, waitFor, waitForSetReady } from './clusterSupport';

/** Services on the sandbox: ClusterIP and NodePort through the proxy, per-connection balancing, exact counting. */
describe.skipIf(!haveKubectl)('Service traffic on the sandbox', () => {
  let sandbox: TestSandbox;
  let clusterIP = '';
  let nodePort = 0;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'traffic', replicas: 3, policy: 'Parallel' }));
    await waitForSetReady(sandbox, 'traffic', 3);
    const service = await apis(sandbox).core.readNamespacedService({ name: 'traffic-lb', namespace: 'default' });
    clusterIP = service.spec?.clusterIP ?? '';
    nodePort = service.spec?.ports?.[0].nodePort ?? 0;
    await waitFor('the endpoints to list three ready pods', async () => {
      const endpoints = await apis(sandbox).core.readNamespacedEndpoints({ name: 'traffic-lb', namespace: 'default' });
      return endpoints.subsets?.[0]?.addresses?.length === 3;
    });
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  const counts = async () => Promise.all(['traffic-0', 'traffic-1', 'traffic-2'].map((pod) => visitsOf(sandbox, pod)));

  it('allocates a loopback ClusterIP and a NodePort', () => {
    expect(clusterIP).toMatch(/^127\.96\.\d+\.\d+$/);
    expect(nodePort).toBeGreaterThanOrEqual(30000);
    expect(nodePort).toBeLessThanOrEqual(32767);
  });

  it('adds exactly N to the sum of visit counts for N successful responses over 32 concurrent connections, spread over the pods', async () => {
    const before = await counts();
    let successes = 0;
    const perConnection = 8;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
          for (let request = 0; request < perConnection; request++) {
            const answer = await httpGet(clusterIP, 8080, '/', agent);
            if (answer.status === 200) successes++;
          }
        } finally {
          agent.destroy();
        }
      }),
    );
    const after = await counts();
    const added = after.map((count, index) => count - before[index]);
    expect(successes).toBe(32 * perConnection);
    expect(added.reduce((sum, count) => sum + count, 0)).toBe(successes);
    // 32 connections at random over 3 pods: every pod gets some (the chance that one gets none is below 1e-5).
    expect(added.every((count) => count > 0)).toBe(true);
  });

  it('keeps a keep-alive connection on one pod, as kube-proxy balances connections, not requests', async () => {
    const before = await counts();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let request = 0; request < 10; request++) expect((await httpGet(clusterIP, 8080, '/', agent)).status).toBe(200);
    } finally {
      agent.destroy();
    }
    const added = (await counts()).map((count, index) => count - before[index]);
    expect(added.sort((a, b) => a - b)).toEqual([0, 0, 10]);
  });

  it('serves the same pods on the NodePort of 127.0.0.1', async () => {
    const before = (await counts()).reduce((sum, count) => sum + count, 0);
    for (let request = 0; request < 6; request++) expect((await httpGet('127.0.0.1', nodePort, '/')).status).toBe(200);
    const after = (await counts()).reduce((sum, count) => sum + count, 0);
    expect(after - before).toBe(6);
  });

  it('publishes EndpointSlices next to Endpoints', async () => {
    const { stdout } = { stdout: await kubectlOk(sandbox, ['get', 'endpointslices', '-l', 'kubernetes.io/service-name=traffic-lb', '-o', 'json']) };
    const list = JSON.parse(stdout) as { items: Array<{ endpoints: Array<{ conditions: { ready: boolean } }>; ports: Array<{ port: number }> }> };
    expect(list.items).toHaveLength(1);
    expect(list.items[0].endpoints.filter((endpoint) => endpoint.conditions.ready)).toHaveLength(3);
    expect(list.items[0].ports[0].port).toBe(8080);
  });
});
