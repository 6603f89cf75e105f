import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { Exec } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { core, haveKubectl, httpGet, kubectl, kubectlPath, readPod, visitsPod, waitFor, waitForReady } from './kubeletSupport';

/**
 * A pod with a PersistentVolumeClaim survives `kill -9` of the sandbox: after the restart it runs
 * again, its visit count intact. And `sh` on a terminal over the exec WebSocket (what the
 * dashboard's terminal uses) prompts, runs commands and exits.
 */
describe.skipIf(!haveKubectl)('kubelet across a sandbox restart, and the interactive shell', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubelet-restart-'));
  let sandbox: TestSandbox | undefined;

  afterAll(async () => {
    await sandbox?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('brings a Running pod back with the same data after kill -9', async () => {
    sandbox = await startTestSandbox({ dir });
    await core(sandbox).createNamespacedPersistentVolumeClaim({
      namespace: 'default',
      body: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-keep-0' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
    });
    const pod = visitsPod('keep-0', 'visits-app:1.0');
    pod.spec = { ...pod.spec!, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-keep-0' } }] };
    pod.spec.containers[0].volumeMounts = [{ name: 'data', mountPath: '/app/data' }];
    await core(sandbox).createNamespacedPod({ namespace: 'default', body: pod });
    const running = await waitForReady(sandbox, 'keep-0');
    for (let index = 0; index < 4; index += 1) expect((await httpGet(running.status?.podIP ?? '', 8080, '/')).status).toBe(200);
    expect((await kubectl(sandbox, ['exec', 'keep-0', '--', 'cat', 'data/visits.txt'])).stdout).toBe('4\n');

    sandbox.child.kill('SIGKILL');
    await new Promise((resolve) => sandbox?.child.once('exit', resolve));
    sandbox = await startTestSandbox({ dir });

    const back = await waitFor(
      'keep-0 to run again after the restart',
      async () => {
        const current = await readPod(sandbox!, 'keep-0');
        const status = current?.status?.containerStatuses?.[0];
        return status?.ready && (status.restartCount ?? 0) >= 1 ? current : undefined;
      },
      120_000,
    );
    expect(back.metadata?.uid).toBe(running.metadata?.uid);
    expect(back.status?.containerStatuses?.[0].lastState?.terminated?.reason).toBe('Unknown');
    expect((await kubectl(sandbox, ['exec', 'keep-0', '--', 'cat', 'data/visits.txt'])).stdout).toBe('4\n');
    expect((await httpGet(back.status?.podIP ?? '', 8080, '/')).status).toBe(200);
    expect((await kubectl(sandbox, ['exec', 'keep-0', '--', 'cat', 'data/visits.txt'])).stdout).toBe('5\n');
    const previous = await kubectl(sandbox, ['logs', 'keep-0', '--previous']);
    expect(previous.stdout.match(/"GET \/ HTTP\/1.1" 200/g)).toHaveLength(4);
  }, 180_000);

  it("answers the seed's own command on the demo StatefulSet's pod", async () => {
    const current = sandbox!;
    const pod = await waitForReady(current, 'python-python-app-0');
    for (let index = 0; index < 2; index += 1) expect((await httpGet(pod.status?.podIP ?? '', 8080, '/')).status).toBe(200);
    const result = await kubectl(current, ['exec', 'pod/python-python-app-0', '--', 'cat', 'data/visits.txt']);
    expect(result).toMatchObject({ code: 0, stdout: '2\n' });
  });

  it('kubectl logs -f streams new lines as requests arrive', async () => {
    const current = sandbox!;
    const pod = await waitForReady(current, 'keep-0');
    const follower = spawn(kubectlPath, ['--kubeconfig', current.kubeconfigPath, 'logs', '-f', '--tail=0', 'keep-0']);
    let streamed = '';
    follower.stdout.on('data', (chunk: Buffer) => (streamed += chunk.toString()));
    try {
      // kubectl takes a moment to open the stream (--tail=0 shows only what comes after): keep asking.
      await waitFor('a followed line', async () => {
        await httpGet(pod.status?.podIP ?? '', 8080, '/visits');
        await new Promise((resolve) => setTimeout(resolve, 200));
        return streamed.includes('"GET /visits HTTP/1.1" 200');
      });
      expect(follower.exitCode).toBeNull();
    } finally {
      follower.kill();
    }
  });

  it('runs sh on a terminal over the exec WebSocket: prompt, command, exit', async () => {
    const current = sandbox!;
    await waitForReady(current, 'keep-0');
    const stdout = new PassThrough();
    const stdin = new PassThrough();
    let screen = '';
    stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
    const closed = new Promise<string>((resolve, reject) => {
      void new Exec(current.kubeConfig())
        .exec('default', 'keep-0', 'app', ['sh'], stdout, null, stdin, true, (status) => resolve(status.status ?? ''))
        .catch(reject);
    });
    await waitFor('the prompt', async () => screen.includes('/app $ '));
    stdin.write('cd data && cat visits.txt\r');
    await waitFor('the command output', async () => screen.includes('/app/data $ '));
    stdin.write('exit\r');
    expect(await closed).toBe('Success');
    expect(screen).toMatch(/cd data && cat visits\.txt\r\n\d+\r\n\/app\/data \$ /);
  });
});
