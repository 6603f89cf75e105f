import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';

/**
 * Every acknowledged write survives kill -9: the store fsyncs before it answers. A torn last log
 * line (the process died mid-write) is ignored, and the first-start seeds are not loaded again.
 */
describe('store durability', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sts-durability-'));
  let sandbox: TestSandbox | undefined;

  afterAll(async () => {
    await sandbox?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings back every acknowledged object after SIGKILL and a torn log tail', async () => {
    sandbox = await startTestSandbox({ dir, env: { SANDBOX_COMPONENTS: 'none' } });
    const core = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    const count = 150;
    const created = await Promise.all(
      Array.from({ length: count }, (_, index) => core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: `durable-${index}` }, data: { index: String(index) } } })),
    );
    await core.patchNamespacedConfigMap({ name: 'durable-0', namespace: 'default', body: [{ op: 'replace', path: '/data/index', value: 'patched' }] });
    await core.deleteNamespacedConfigMap({ name: 'durable-1', namespace: 'default' });
    // A seeded object removed by the user must stay removed: seeds load on the first start only.
    await core.deleteNamespacedServiceAccount({ name: 'default', namespace: 'kube-public' });
    const lastVersion = Math.max(...created.map((item) => Number(item.metadata?.resourceVersion)));

    const exited = new Promise((resolve) => sandbox?.child.once('exit', resolve));
    sandbox.child.kill('SIGKILL');
    await exited;
    appendFileSync(path.join(dir, 'store', 'store.log'), '{"r":999999,"k":"/configmaps","o":{"metadata":{"name":"torn"');

    sandbox = await startTestSandbox({ dir, env: { SANDBOX_COMPONENTS: 'none' } });
    const again = sandbox.kubeConfig().makeApiClient(CoreV1Api);
    const items = (await again.listNamespacedConfigMap({ namespace: 'default' })).items.filter((item) => item.metadata?.name?.startsWith('durable-'));
    expect(items).toHaveLength(count - 1);
    expect(items.find((item) => item.metadata?.name === 'durable-0')?.data?.index).toBe('patched');
    expect(items.find((item) => item.metadata?.name === 'durable-1')).toBeUndefined();
    const serviceAccounts = (await again.listNamespacedServiceAccount({ namespace: 'kube-public' })).items;
    expect(serviceAccounts.map((item) => item.metadata?.name)).not.toContain('default');
    // Writes go on after the torn line, with resourceVersions above everything before the crash.
    const next = await again.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after-crash' } } });
    expect(Number(next.metadata?.resourceVersion)).toBeGreaterThan(lastVersion);
  });
});
