import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { core, eventsOf, eventsOnce, haveKubectl, httpGet, kubectl, readPod, visitsPod, waitFor, waitForReady } from './kubeletSupport';

/**
 * The kubelet and scheduler in a real sandbox process, seen through client-node and kubectl:
 * phases, addresses, conditions, probes, exec, logs, restarts, image pull failures, deletion.
 * Only the kubelet and the scheduler run, so the demo StatefulSets stay without pods.
 */
describe.skipIf(!haveKubectl)('kubelet on the sandbox', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ env: { SANDBOX_COMPONENTS: 'kubelet,scheduler' } });
    await core(sandbox).createNamespacedPod({ namespace: 'default', body: visitsPod('web-0', 'visits-app:2.0') });
  });

  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('registers the node sandbox, Ready, as kubectl shows it', async () => {
    const nodes = await kubectl(sandbox, ['get', 'nodes']);
    expect(nodes.stdout).toMatch(/^sandbox\s+Ready\s+control-plane\s+\S+\s+v1\.33/m);
    const node = await core(sandbox).readNode({ name: 'sandbox' });
    expect(node.status?.addresses).toEqual([{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: 'sandbox' }]);
    expect(node.status?.nodeInfo?.containerRuntimeVersion).toMatch(/^containerd:\/\//);
  });

  it('schedules a pod and runs it on its own loopback address with the real conditions and events', async () => {
    const pod = await waitForReady(sandbox, 'web-0');
    expect(pod.spec?.nodeName).toBe('sandbox');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toMatch(/^127\.244\.\d+\.\d+$/);
    expect(pod.status?.hostIP).toBe('127.0.0.1');
    expect(pod.status?.startTime).toBeTruthy();
    const conditions = Object.fromEntries((pod.status?.conditions ?? []).map((condition) => [condition.type, condition.status]));
    expect(conditions).toEqual({ PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True', ContainersReady: 'True', PodScheduled: 'True' });
    const container = pod.status?.containerStatuses?.[0];
    expect(container?.ready).toBe(true);
    expect(container?.started).toBe(true);
    expect(container?.restartCount).toBe(0);
    expect(container?.image).toBe('docker.io/library/visits-app:2.0');
    expect(container?.imageID).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(container?.containerID).toMatch(/^containerd:\/\//);

    const page = await httpGet(pod.status?.podIP ?? '', 8080, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Current time in Moscow');
    expect(JSON.parse((await httpGet(pod.status?.podIP ?? '', 8080, '/healthcheck')).body)).toEqual({ status: 'ok', version: '2.0' });

    const events = await eventsOnce(sandbox, 'web-0', (event) => event.reason === 'Started');
    const byReason = (reason: string) => events.find((event) => event.reason === reason);
    expect(byReason('Scheduled')?.message).toBe('Successfully assigned default/web-0 to sandbox');
    expect(byReason('Scheduled')?.source?.component).toBe('default-scheduler');
    expect(byReason('Pulling')?.message).toBe('Pulling image "visits-app:2.0"');
    expect(byReason('Pulled')?.message).toMatch(/^Successfully pulled image "visits-app:2\.0" in /);
    expect(byReason('Created')?.message).toBe('Created container: app');
    expect(byReason('Started')?.message).toBe('Started container app');
    expect(byReason('Started')?.source).toMatchObject({ component: 'kubelet', host: 'sandbox' });
  });

  it('kubectl exec runs built-ins over the container file system, and an unknown command exits 126', async () => {
    await waitForReady(sandbox, 'web-0');
    const visits = await kubectl(sandbox, ['exec', 'pod/web-0', '--', 'cat', 'data/visits.txt']);
    expect(visits.code).toBe(0);
    expect(Number(visits.stdout.trim())).toBeGreaterThanOrEqual(1);
    const shell = await kubectl(sandbox, ['exec', 'web-0', '--', 'sh', '-c', 'echo "$GREETING" && pwd; hostname | wc -c; nothere || echo recovered']);
    expect(shell.stdout).toBe('hello from web-0\n/app\n6\nrecovered\n');
    const unknown = await kubectl(sandbox, ['exec', 'web-0', '--', 'foo']);
    expect(unknown.code).toBe(126);
    expect(unknown.stderr).toContain('exec: "foo": executable file not found in $PATH');
    expect(unknown.stderr).toContain('command terminated with exit code 126');
    const piped = await kubectl(sandbox, ['exec', '-i', 'web-0', '--', 'sh'], 'echo piped\nexit 5\n');
    expect(piped.stdout).toBe('piped\n');
    expect(piped.code).toBe(5);
  });

  it('kubectl logs shows one line per request, with --tail and --timestamps', async () => {
    const pod = await waitForReady(sandbox, 'web-0');
    await httpGet(pod.status?.podIP ?? '', 8080, '/visits');
    const logs = await waitFor('the request in the log', async () => {
      const result = await kubectl(sandbox, ['logs', 'web-0', '--timestamps']);
      return result.stdout.includes('"GET /visits HTTP/1.1" 200') ? result.stdout : undefined;
    });
    expect(logs).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z /m);
    const tail = await kubectl(sandbox, ['logs', 'web-0', '--tail=1']);
    expect(tail.stdout.trim().split('\n')).toHaveLength(1);
    const previous = await kubectl(sandbox, ['logs', 'web-0', '--previous']);
    expect(previous.code).not.toBe(0);
    expect(previous.stderr).toContain('previous terminated container "app" in pod "web-0" not found');
  });

  it('restarts a container whose liveness probe fails and backs off (CrashLoopBackOff)', async () => {
    await core(sandbox).createNamespacedPod({ namespace: 'default', body: visitsPod('broken-0', 'visits-app:broken', { liveness: true }) });
    const restarted = await waitFor('broken-0 to restart and back off', async () => {
      const status = (await readPod(sandbox, 'broken-0'))?.status?.containerStatuses?.[0];
      return status && (status.restartCount ?? 0) >= 1 && status.state?.waiting?.reason === 'CrashLoopBackOff' ? status : undefined;
    });
    expect(restarted.ready).toBe(false);
    expect(restarted.lastState?.terminated?.reason).toBe('Error');
    // The state moves on between back-offs; kubectl shows CrashLoopBackOff while one lasts.
    await waitFor('kubectl to show CrashLoopBackOff', async () => /broken-0\s+0\/1\s+CrashLoopBackOff\s+\d+ \(.+ ago\)/.test((await kubectl(sandbox, ['get', 'pod', 'broken-0'])).stdout));
    // Events are written by the recorder a moment after the status.
    const events = await waitFor('the BackOff event', async () => {
      const messages = (await eventsOf(sandbox, 'broken-0')).map((event) => `${event.type} ${event.reason}: ${event.message}`);
      return messages.some((message) => message.startsWith('Warning BackOff')) ? messages : undefined;
    });
    expect(events).toContain('Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(events).toContain('Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 503');
    expect(events).toContain('Normal Killing: Container app failed liveness probe, will be restarted');
    expect(events.some((event) => event.startsWith('Warning BackOff: Back-off restarting failed container app in pod broken-0_default('))).toBe(true);
    const previous = await kubectl(sandbox, ['logs', 'broken-0', '--previous']);
    expect(previous.stdout).toContain('"GET /healthcheck HTTP/1.1" 503');
  });

  it('an unknown image goes ErrImagePull then ImagePullBackOff, naming the images the sandbox has', async () => {
    await core(sandbox).createNamespacedPod({ namespace: 'default', body: visitsPod('nginx-0', 'nginx:1.27') });
    const waiting = await waitFor('ImagePullBackOff', async () => {
      const state = (await readPod(sandbox, 'nginx-0'))?.status?.containerStatuses?.[0]?.state?.waiting;
      return state?.reason === 'ImagePullBackOff' ? state : undefined;
    });
    expect(waiting.message).toContain('visits-app:1.0');
    expect((await readPod(sandbox, 'nginx-0'))?.status?.phase).toBe('Pending');
    expect((await kubectl(sandbox, ['get', 'pod', 'nginx-0'])).stdout).toMatch(/nginx-0\s+0\/1\s+(ImagePullBackOff|ErrImagePull)/);
    const events = await waitFor('the ImagePullBackOff event', async () => {
      const messages = (await eventsOf(sandbox, 'nginx-0')).map((event) => `${event.reason}: ${event.message}`);
      return messages.includes('Failed: Error: ImagePullBackOff') ? messages : undefined;
    });
    expect(events.some((event) => event.startsWith('Failed: Failed to pull image "nginx:1.27": rpc error: code = NotFound'))).toBe(true);
    expect(events).toContain('Failed: Error: ImagePullBackOff');
  });

  it('a new image on a bare pod restarts its container with that image', async () => {
    await core(sandbox).createNamespacedPod({ namespace: 'default', body: visitsPod('image-0', 'visits-app:1.0') });
    const before = await waitForReady(sandbox, 'image-0');
    expect((await kubectl(sandbox, ['set', 'image', 'pod/image-0', 'app=visits-app:2.0'])).code).toBe(0);
    const after = await waitFor('image-0 to run visits-app:2.0', async () => {
      const pod = await readPod(sandbox, 'image-0');
      const status = pod?.status?.containerStatuses?.[0];
      return status?.ready && status.image === 'docker.io/library/visits-app:2.0' ? pod : undefined;
    });
    expect(after.status?.containerStatuses?.[0].restartCount).toBe(1);
    expect(JSON.parse((await httpGet(after.status?.podIP ?? '', 8080, '/healthcheck')).body).version).toBe('2.0');
    expect(after.status?.podIP).toBe(before.status?.podIP);
    await eventsOnce(sandbox, 'image-0', (event) => event.message === 'Container app definition changed, will be restarted');
  });

  it('a graceful delete stops the containers and removes the pod', async () => {
    await core(sandbox).createNamespacedPod({ namespace: 'default', body: visitsPod('gone-0', 'visits-app:1.0') });
    const pod = await waitForReady(sandbox, 'gone-0');
    const deleted = await kubectl(sandbox, ['delete', 'pod', 'gone-0', '--wait=true']);
    expect(deleted.code).toBe(0);
    expect(await readPod(sandbox, 'gone-0')).toBeUndefined();
    await eventsOnce(sandbox, 'gone-0', (event) => event.reason === 'Killing' && event.message === 'Stopping container app');
    await expect(httpGet(pod.status?.podIP ?? '', 8080, '/healthcheck')).rejects.toThrow();
  });
});
