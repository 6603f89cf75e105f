import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { apis, haveKubectl, httpGet, kubectlOk, podsOf, visitsAppYaml, visitsOf, waitFor, waitForSetReady } from './clusterSupport';

/** kill -9 of the sandbox and a restart on the same directory: same objects, same volume data, pods running again. */
describe.skipIf(!haveKubectl)('sandbox restart after kill -9', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sts-restart-'));
  let sandbox: TestSandbox | undefined;
  afterAll(async () => {
    await sandbox?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the set, its claims and their counts, and runs the pods again', async () => {
    sandbox = await startTestSandbox({ dir });
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'durable', replicas: 2 }));
    await waitForSetReady(sandbox, 'durable', 2);
    const ip = (await podsOf(sandbox, 'app=durable'))[0].status?.podIP ?? '';
    for (let visit = 0; visit < 4; visit++) expect((await httpGet(ip, 8080, '/')).status).toBe(200);
    expect(await visitsOf(sandbox, 'durable-0')).toBe(4);
    const claimsBefore = (await apis(sandbox).core.listNamespacedPersistentVolumeClaim({ namespace: 'default', labelSelector: 'app=durable' })).items.map((claim) => claim.metadata?.uid).sort();

    const killed = sandbox;
    await new Promise<void>((resolve) => {
      killed.child.once('exit', () => resolve());
      killed.child.kill('SIGKILL');
    });
    sandbox = await startTestSandbox({ dir });
    const restarted = sandbox;
    await waitForSetReady(restarted, 'durable', 2);
    await waitFor('both pods Running and Ready again', async () => (await podsOf(restarted, 'app=durable')).every((pod) => pod.status?.phase === 'Running'));
    const claimsAfter = (await apis(restarted).core.listNamespacedPersistentVolumeClaim({ namespace: 'default', labelSelector: 'app=durable' })).items.map((claim) => claim.metadata?.uid).sort();
    expect(claimsAfter).toEqual(claimsBefore);
    expect(await visitsOf(restarted, 'durable-0')).toBe(4);
    const service = await apis(restarted).core.readNamespacedService({ name: 'durable-lb', namespace: 'default' });
    await waitFor('the Service to answer again', async () => (await httpGet(service.spec?.clusterIP ?? '', 8080, '/healthcheck')).status === 200);
  });
});
