import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { core, haveKubectl, kubectl, visitsPod, waitForReady } from './kubeletSupport';

/**
 * Where the OS refuses 127.244.x.y, pods share 127.0.0.1 and each container port is mapped to a
 * free port; the API server's pod proxy (and the Service proxy) find it through resolvePodPort.
 */
describe.skipIf(!haveKubectl)('kubelet with mapped ports on 127.0.0.1', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'kubelet,scheduler', SANDBOX_POD_ADDRESSES: 'mapped-ports' } });
    for (const name of ['a-0', 'b-0']) await core(sandbox).createNamespacedPod({ namespace: 'default', body: visitsPod(name, name === 'a-0' ? 'visits-app:1.0' : 'visits-app:2.0') });
  });

  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('runs two pods on the same containerPort, each reachable through the pod proxy, with probes passing', async () => {
    const a = await waitForReady(sandbox, 'a-0');
    const b = await waitForReady(sandbox, 'b-0');
    expect(a.status?.podIP).toBe('127.0.0.1');
    expect(b.status?.podIP).toBe('127.0.0.1');
    const versionOf = async (pod: string) => JSON.parse((await kubectl(sandbox, ['get', '--raw', `/api/v1/namespaces/default/pods/${pod}:8080/proxy/healthcheck`])).stdout).version;
    expect(await versionOf('a-0')).toBe('1.0');
    expect(await versionOf('b-0')).toBe('2.0');
  });
});
