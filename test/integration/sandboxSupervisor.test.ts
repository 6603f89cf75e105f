import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig, VersionApi } from '@kubernetes/client-node';
import { superviseSandbox, type SandboxSupervisor } from '../../lib/k8s/sandboxSupervisor';

describe('the dashboard keeps its sandbox running', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sts-supervised-'));
  let supervisor: SandboxSupervisor | undefined;
  afterAll(async () => {
    await supervisor?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts it again on the same port after it is killed', async () => {
    supervisor = await superviseSandbox({
      root: path.resolve(__dirname, '..', '..'),
      env: { SANDBOX_DIR: dir, SANDBOX_PORT: '0', SANDBOX_SPEED: '0.05', SANDBOX_COMPONENTS: 'none' },
      log: () => undefined,
    });
    const kc = new KubeConfig();
    kc.loadFromFile(supervisor.first.kubeconfigPath);
    const versionApi = kc.makeApiClient(VersionApi);
    expect((await versionApi.getCode()).major).toBe('1');

    supervisor.first.child.kill('SIGKILL');
    const deadline = Date.now() + 60_000;
    let answered = false;
    while (!answered && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answered = await versionApi.getCode().then(
        () => true,
        () => false,
      );
    }
    expect(answered).toBe(true);
    expect(supervisor.first.child.exitCode !== null || supervisor.first.child.signalCode !== null).toBe(true);
  });
});
