import { httpGet } from '../../test/support/httpGet';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../apiserver/registry/clusterClient';
import type { RecordedEvent, RunningComponent, SandboxContext } from '../context';
import { MemoryClusterClient } from '../controllers/testing/memoryClusterClient';
import type { KubeObject } from '../store/types';
import { startScheduler } from '../scheduler';
import { startKubelet } from './index';
import type { ExecIO, ContainerRuntime } from './runtimeInterface';
import type { Pod } from './podTypes';

/**
 * The kubelet and the scheduler against an in-memory API (the registry's semantics are covered by
 * the integration tests in test/integration/kubelet): real pod addresses, real HTTP, real probes.
 */
let dataDir: string;
let client: MemoryClusterClient;
const events: RecordedEvent[] = [];
let kubelet: RunningComponent & { runtime: ContainerRuntime };
let scheduler: RunningComponent;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'kubelet-unit-'));
  client = new MemoryClusterClient();
  const ctx: SandboxContext = { client, dataDir, rootDir: process.cwd(), speed: 0.02, recordEvent: (event) => events.push(event), log: () => undefined };
  kubelet = await startKubelet(ctx);
  scheduler = await startScheduler(ctx);
});

afterAll(async () => {
  await scheduler.stop();
  await kubelet.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const getPod = (name: string) => client.get<Pod>(resources.pods, 'default', name);
const eventsOf = (name: string) => events.filter((event) => event.involved.metadata.name === name);


async function exec(namespace: string, pod: string, command: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: ExecIO = {
    writeStdout: (data) => (stdout += data.toString()),
    writeStderr: (data) => (stderr += data.toString()),
    onStdin: () => undefined,
    onResize: () => undefined,
    onClose: () => undefined,
  };
  const { exitCode } = await kubelet.runtime.exec({ namespace, pod, container: '', command, stdin: false, tty: false }, io);
  return { exitCode, stdout, stderr };
}

function podManifest(name: string, image: string, extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'app', image, ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/healthcheck', port: 8080 }, periodSeconds: 10, failureThreshold: 3 } }],
      terminationGracePeriodSeconds: 30,
      ...extra,
    },
  };
}

describe('kubelet', () => {
  it('registers the node sandbox as Ready with capacity, addresses and versions', () => {
    const node = client.get<KubeObject & { status: { conditions: Array<{ type: string; status: string }>; capacity: Record<string, string>; addresses: Array<{ type: string; address: string }>; nodeInfo: { kubeletVersion: string; containerRuntimeVersion: string } } }>(resources.nodes, undefined, 'sandbox');
    expect(node?.status.conditions.find((condition) => condition.type === 'Ready')?.status).toBe('True');
    expect(Object.keys(node?.status.capacity ?? {})).toEqual(expect.arrayContaining(['cpu', 'memory', 'pods']));
    expect(node?.status.addresses).toEqual([{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: 'sandbox' }]);
    expect(node?.status.nodeInfo.kubeletVersion).toMatch(/^v1\.33/);
  });

  it('schedules and runs a pod with a PVC, a ConfigMap and a Secret: own IP, probes, visits, exec, logs', async () => {
    const volumeDir = path.join(dataDir, 'volumes', 'pvc-data');
    mkdirSync(volumeDir, { recursive: true });
    await client.create(resources.persistentVolumes, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-data' }, spec: { hostPath: { path: volumeDir } } });
    await client.create(resources.persistentVolumeClaims, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-web-0', namespace: 'default' }, spec: { volumeName: 'pvc-data' }, status: { phase: 'Bound' } });
    await client.create(resources.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { 'env-var': 'from-configmap' } });
    await client.create(resources.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'credentials', namespace: 'default' }, data: { password: Buffer.from('s3cret').toString('base64') } });
    const pod = podManifest('web-0', 'quiner/app-python:latest', {
      hostname: 'web-0',
      volumes: [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } },
        { name: 'config', configMap: { name: 'settings' } },
      ],
    });
    pod.spec.containers[0].volumeMounts = [
      { name: 'data', mountPath: '/app/data' },
      { name: 'config', mountPath: '/app/config_map' },
    ];
    pod.spec.containers[0].env = [
      { name: 'MY_PASSWORD', valueFrom: { secretKeyRef: { name: 'credentials', key: 'password' } } },
      { name: 'CONFIG_MAP_VAR', valueFrom: { configMapKeyRef: { name: 'settings', key: 'env-var' } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ];
    await client.create(resources.pods, pod);

    const ready = await until(() => {
      const current = getPod('web-0');
      return current?.status?.conditions?.find((condition) => condition.type === 'Ready')?.status === 'True' ? current : undefined;
    }, 'web-0 Ready');
    expect(ready.spec.nodeName).toBe('sandbox');
    expect(ready.status?.phase).toBe('Running');
    expect(ready.status?.podIP).toMatch(/^127\.244\.\d+\.\d+$/);
    expect(ready.status?.hostIP).toBe('127.0.0.1');
    const types = ready.status?.conditions?.map((condition) => `${condition.type}=${condition.status}`);
    expect(types).toEqual(expect.arrayContaining(['PodScheduled=True', 'Initialized=True', 'ContainersReady=True', 'Ready=True', 'PodReadyToStartContainers=True']));
    const container = ready.status?.containerStatuses?.[0];
    expect(container).toMatchObject({ name: 'app', ready: true, started: true, restartCount: 0, image: 'docker.io/quiner/app-python:latest' });
    expect(container?.imageID).toMatch(/^docker\.io\/quiner\/app-python@sha256:[0-9a-f]{64}$/);
    expect(container?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(container?.state.running?.startedAt).toBeTruthy();

    const podIP = ready.status?.podIP as string;
    expect(kubelet.runtime.resolvePodPort('default', 'web-0', 8080)).toEqual({ host: podIP, port: 8080 });
    for (let index = 0; index < 3; index += 1) expect((await httpGet(podIP, 8080, '/')).status).toBe(200);
    expect(readFileSync(path.join(volumeDir, 'visits.txt'), 'utf8')).toBe('3\n');

    expect(await exec('default', 'web-0', ['cat', 'data/visits.txt'])).toEqual({ exitCode: 0, stdout: '3\n', stderr: '' });
    expect((await exec('default', 'web-0', ['cat', 'config_map/env-var'])).stdout).toBe('from-configmap');
    expect((await exec('default', 'web-0', ['sh', '-c', 'echo $MY_PASSWORD $CONFIG_MAP_VAR $POD_NAME $HOSTNAME $KUBERNETES_SERVICE_HOST'])).stdout).toBe('s3cret from-configmap web-0 web-0 127.96.0.1\n');
    const unknown = await exec('default', 'web-0', ['foo']);
    expect(unknown.exitCode).toBe(126);
    expect(unknown.stderr).toContain('exec: "foo": executable file not found in $PATH');

    const logLines: string[] = [];
    await new Promise<void>((resolve) => {
      const stream = kubelet.runtime.logs({ namespace: 'default', pod: 'web-0', container: 'app', follow: false, previous: false, timestamps: false });
      stream.onLine((line) => logLines.push(line));
      stream.onEnd(resolve);
    });
    expect(logLines.filter((line) => line.includes('"GET / HTTP/1.1" 200'))).toHaveLength(3);

    const reasons = eventsOf('web-0').map((event) => event.reason);
    expect(reasons).toEqual(expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']));
    expect(eventsOf('web-0').find((event) => event.reason === 'Scheduled')?.message).toBe('Successfully assigned default/web-0 to sandbox');
    expect(eventsOf('web-0').find((event) => event.reason === 'Pulled')?.message).toMatch(/^Successfully pulled image "quiner\/app-python:latest" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
  });

  it('lists the images it pulled in the Node status', async () => {
    await until(() => {
      const node = client.get<KubeObject & { status: { images?: Array<{ names: string[] }> } }>(resources.nodes, undefined, 'sandbox');
      return node?.status.images?.some((image) => image.names.includes('docker.io/quiner/app-python:latest'));
    }, 'the pulled image in status.images');
  });

  it('restarts a container whose liveness probe fails, then backs off (CrashLoopBackOff)', async () => {
    const pod = podManifest('broken-0', 'visits-app:broken');
    pod.spec.containers[0].livenessProbe = { httpGet: { path: '/healthcheck', port: 8080 }, periodSeconds: 1, failureThreshold: 2 };
    pod.spec.containers[0].readinessProbe = { httpGet: { path: '/healthcheck', port: 8080 }, periodSeconds: 1, failureThreshold: 1 };
    await client.create(resources.pods, pod);
    const restarted = await until(() => {
      const status = getPod('broken-0')?.status?.containerStatuses?.[0];
      return status && status.restartCount >= 1 && status.state.waiting?.reason === 'CrashLoopBackOff' ? status : undefined;
    }, 'broken-0 in CrashLoopBackOff', 30_000);
    if (restarted.lastState.terminated?.exitCode !== 137) console.log(JSON.stringify(eventsOf('broken-0').map((e) => e.reason + ': ' + e.message), null, 1));
    expect(restarted.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(restarted.ready).toBe(false);
    expect(getPod('broken-0')?.status?.phase).toBe('Running');
    const messages = eventsOf('broken-0').map((event) => `${event.reason}: ${event.message}`);
    expect(messages).toContain('Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503');
    expect(messages).toContain('Killing: Container app failed liveness probe, will be restarted');
    expect(messages.some((message) => message.startsWith('BackOff: Back-off restarting failed container app in pod broken-0_default('))).toBe(true);

    const previous: string[] = [];
    await new Promise<void>((resolve) => {
      const stream = kubelet.runtime.logs({ namespace: 'default', pod: 'broken-0', container: 'app', follow: false, previous: true, timestamps: false });
      stream.onLine((line) => previous.push(line));
      stream.onEnd(resolve);
    });
    expect(previous.some((line) => line.includes('/healthcheck'))).toBe(true);
  });

  it('with restartPolicy Never a container killed by its liveness probe stays terminated and the pod fails', async () => {
    const pod = podManifest('once-0', 'visits-app:broken', { restartPolicy: 'Never' });
    pod.spec.containers[0].livenessProbe = { httpGet: { path: '/healthcheck', port: 8080 }, periodSeconds: 1, failureThreshold: 1 };
    await client.create(resources.pods, pod);
    const failed = await until(() => (getPod('once-0')?.status?.phase === 'Failed' ? getPod('once-0') : undefined), 'once-0 Failed');
    expect(failed.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 0, ready: false, state: { terminated: { exitCode: 137, reason: 'Error' } } });
  });

  it('waits in CreateContainerConfigError for a missing Secret, and starts once it exists', async () => {
    const pod = podManifest('config-0', 'visits-app:1.0');
    pod.spec.containers[0].env = [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'late-secret', key: 'token' } } }];
    await client.create(resources.pods, pod);
    await until(() => getPod('config-0')?.status?.containerStatuses?.[0]?.state.waiting?.reason === 'CreateContainerConfigError', 'CreateContainerConfigError');
    expect(eventsOf('config-0').map((event) => event.message)).toContain('Error: secret "late-secret" not found');
    await client.create(resources.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'late-secret', namespace: 'default' }, data: { token: Buffer.from('t0ken').toString('base64') } });
    await until(() => getPod('config-0')?.status?.containerStatuses?.[0]?.ready, 'config-0 ready once the Secret exists');
    expect((await exec('default', 'config-0', ['printenv', 'TOKEN'])).stdout).toBe('t0ken\n');
  });

  it('reports FailedMount while a ConfigMap volume is missing', async () => {
    const pod = podManifest('mount-0', 'visits-app:1.0', { volumes: [{ name: 'settings', configMap: { name: 'not-yet' } }] });
    pod.spec.containers[0].volumeMounts = [{ name: 'settings', mountPath: '/etc/settings' }];
    await client.create(resources.pods, pod);
    const failed = await until(() => eventsOf('mount-0').find((event) => event.reason === 'FailedMount'), 'FailedMount');
    expect(failed.message).toBe('MountVolume.SetUp failed for volume "settings" : configmap "not-yet" not found');
    expect(getPod('mount-0')?.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('ContainerCreating');
    await client.create(resources.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'not-yet', namespace: 'default' }, data: { mode: 'late' } });
    await until(() => getPod('mount-0')?.status?.containerStatuses?.[0]?.ready, 'mount-0 ready once the ConfigMap exists');
    expect((await exec('default', 'mount-0', ['cat', '/etc/settings/mode'])).stdout).toBe('late');
  });

  it('runs exec probes in the container (the classic `cat /tmp/healthy`) and holds other probes until the startup probe passes', async () => {
    const pod = podManifest('exec-0', 'visits-app:1.0');
    pod.spec.containers[0].readinessProbe = { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 1, failureThreshold: 1 };
    pod.spec.containers[0].startupProbe = { tcpSocket: { port: 8080 }, periodSeconds: 1, failureThreshold: 30 };
    await client.create(resources.pods, pod);
    await until(() => getPod('exec-0')?.status?.containerStatuses?.[0]?.started, 'the startup probe to pass');
    await until(() => eventsOf('exec-0').find((event) => event.message.startsWith('Readiness probe failed:')), 'a failed exec probe');
    expect(eventsOf('exec-0').find((event) => event.message.startsWith('Readiness probe failed:'))?.message).toBe("Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(getPod('exec-0')?.status?.containerStatuses?.[0]?.ready).toBe(false);
    expect(await exec('default', 'exec-0', ['touch', '/tmp/healthy'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    await until(() => getPod('exec-0')?.status?.containerStatuses?.[0]?.ready, 'exec-0 ready after touch');
  });

  it('an unknown image goes ErrImagePull, then ImagePullBackOff naming the images the sandbox has', async () => {
    await client.create(resources.pods, podManifest('nope-0', 'nginx:1.27'));
    const pulling = await until(() => {
      const waiting = getPod('nope-0')?.status?.containerStatuses?.[0]?.state.waiting;
      return waiting?.reason === 'ImagePullBackOff' ? waiting : undefined;
    }, 'ImagePullBackOff');
    expect(pulling.message).toContain('Back-off pulling image "nginx:1.27"');
    expect(pulling.message).toContain('visits-app:1.0, visits-app:2.0, visits-app:broken');
    expect(getPod('nope-0')?.status?.phase).toBe('Pending');
    const reasons = eventsOf('nope-0').map((event) => `${event.reason}: ${event.message.slice(0, 40)}`);
    expect(reasons).toContain('Failed: Error: ErrImagePull');
    expect(reasons).toContain('Failed: Error: ImagePullBackOff');
  });

  it('on deletion stops the containers, removes the pod and its emptyDir', async () => {
    const pod = podManifest('temp-0', 'visits-app:1.0', { volumes: [{ name: 'scratch', emptyDir: {} }] });
    pod.spec.containers[0].volumeMounts = [{ name: 'scratch', mountPath: '/scratch' }];
    const created = await client.create(resources.pods, pod);
    const running = await until(() => (getPod('temp-0')?.status?.containerStatuses?.[0]?.ready ? getPod('temp-0') : undefined), 'temp-0 ready').catch((error: unknown) => {
      console.log(JSON.stringify([getPod('temp-0')?.status, eventsOf('temp-0').map((e) => e.reason + ': ' + e.message)], null, 1));
      throw error;
    });
    await exec('default', 'temp-0', ['sh', '-c', 'echo kept > /scratch/file']);
    const scratch = path.join(dataDir, 'kubelet', 'pods', created.metadata.uid ?? '', 'volumes', 'kubernetes.io~empty-dir', 'scratch', 'file');
    expect(existsSync(scratch)).toBe(true);
    // What the API server does for a graceful DELETE of a bound pod.
    await client.update(resources.pods, { ...running, metadata: { ...running?.metadata, deletionTimestamp: new Date().toISOString(), deletionGracePeriodSeconds: 30 } } as Pod);
    await until(() => (getPod('temp-0') ? undefined : true), 'temp-0 removed');
    expect(eventsOf('temp-0').map((event) => `${event.reason}: ${event.message}`)).toContain('Killing: Stopping container app');
    expect(existsSync(scratch)).toBe(false);
    await expect(httpGet(running?.status?.podIP as string, 8080, '/healthcheck')).rejects.toThrow();
  });
});
