import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../support/sandbox';
import { isPodReady, waitFor, waitForSetReady } from '../integration/controllers/clusterSupport';
import { readVisitsCount } from './support/podExec';
import { runLoad } from './support/httpLoad';
import { waitForOwnServiceAddress } from './support/listenerOwner';

/**
 * Visits are never lost: requests at 32 concurrent keep-alive connections through the python app's
 * Service while one pod is deleted and another pod's container is killed. Every 200 answer is one
 * visit counted in some pod's data/visits.txt (on its PersistentVolume, so the replacement pod
 * carries on the count), and no visit is counted without a 200.
 *
 * The container is killed the way Kubernetes kills one: a liveness probe fails. The probe is an exec
 * probe `cat /app/config_map/alive-$HOSTNAME`; removing that pod's key from the ConfigMap (an API
 * call) makes it fail, the kubelet kills and restarts the container, and putting the key back keeps
 * the new container alive. The sandbox has no `kill` built-in for exec.
 */
const full = process.env.FAULTS_FULL === '1';
const total = full ? 10_000 : 600;
const concurrency = 32;
const namespace = 'default';
const setName = 'python-python-app';
const containerName = 'python-app';
const configMapName = 'python-app-configmap';
const pods = [0, 1, 2].map((ordinal) => `${setName}-${ordinal}`);
const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

describe('visits are never lost', () => {
  let sandbox: TestSandbox;
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    const kc = sandbox.kubeConfig();
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    await waitForSetReady(sandbox, setName, 3);
    // One ConfigMap key per pod keeps that pod's container alive.
    await core.patchNamespacedConfigMap({ name: configMapName, namespace, body: { data: Object.fromEntries(pods.map((pod) => [`alive-${pod}`, 'yes'])) } }, mergePatch);
    const set = await apps.readNamespacedStatefulSet({ name: setName, namespace });
    const podSpec = set.spec?.template.spec;
    if (!podSpec) throw new Error('the python StatefulSet has no pod template');
    // Long enough for requests in flight to finish on a busy machine; the app closes keep-alive connections at once when stopping.
    podSpec.terminationGracePeriodSeconds = 10;
    podSpec.containers[0].livenessProbe = { exec: { command: ['sh', '-c', 'cat /app/config_map/alive-$HOSTNAME'] }, periodSeconds: 2, failureThreshold: 2 };
    await apps.replaceNamespacedStatefulSet({ name: setName, namespace, body: set });
    await waitForSetReady(sandbox, setName, 3);
  }, 240_000);

  afterAll(async () => {
    await sandbox?.dispose();
  });

  const readPod = (name: string) => core.readNamespacedPod({ name, namespace });
  const restarts = (pod: V1Pod) => pod.status?.containerStatuses?.find((status) => status.name === containerName)?.restartCount ?? 0;

  it(`counts exactly the 200 answers of ${total}+ requests while a pod is deleted and a container is killed`, async () => {
    const kc = sandbox.kubeConfig();
    const service = await core.readNamespacedService({ name: setName, namespace });
    expect(service.spec?.clusterIP).toMatch(/^127\.96\./);
    // Its ClusterIP when this sandbox holds it; another sandbox on the machine may (then its NodePort).
    const target = await waitForOwnServiceAddress(sandbox.child.pid ?? 0, service.spec ?? {});
    console.log(`visitsNeverLost: sending to ${target.host}:${target.port}`);

    const before = await Promise.all(pods.map((pod) => readVisitsCount(kc, namespace, pod, containerName)));
    const deletedUid = (await readPod(pods[0])).metadata?.uid;
    const killedRestartsBefore = restarts(await readPod(pods[2]));

    const faults: Promise<void>[] = [];
    let faultsRunning = 0;
    let deleteStartedAt = 0;
    let killStartedAt = 0;
    let sentAtFaultsDone = 0;
    let sent = 0;
    const startFault = (work: () => Promise<void>) => {
      faultsRunning += 1;
      faults.push(
        work().finally(() => {
          faultsRunning -= 1;
          sentAtFaultsDone = sent;
        }),
      );
    };

    const deletePod = async () => {
      await core.deleteNamespacedPod({ name: pods[0], namespace });
      await waitFor(`a new ${pods[0]} to be Ready`, async () => {
        const pod = await readPod(pods[0]).catch(() => undefined);
        return pod && pod.metadata?.uid !== deletedUid && isPodReady(pod);
      }, 120_000);
    };
    const killContainer = async () => {
      await core.patchNamespacedConfigMap({ name: configMapName, namespace, body: { data: { [`alive-${pods[2]}`]: null } } }, mergePatch);
      await waitFor(`${pods[2]}'s container to be killed and restarted`, async () => restarts(await readPod(pods[2])) > killedRestartsBefore, 120_000);
      await core.patchNamespacedConfigMap({ name: configMapName, namespace, body: { data: { [`alive-${pods[2]}`]: 'yes' } } }, mergePatch);
      await waitFor(`${pods[2]} to be Ready again`, async () => isPodReady(await readPod(pods[2])), 120_000);
    };

    const result = await runLoad({
      host: target.host,
      port: target.port,
      path: '/',
      total,
      concurrency,
      keepGoing: () => faultsRunning > 0 || faults.length < 2,
      onProgress: (count) => {
        sent = count;
        if (!deleteStartedAt && count >= total * 0.25) {
          deleteStartedAt = count;
          startFault(deletePod);
        }
        if (!killStartedAt && count >= total * 0.5) {
          killStartedAt = count;
          startFault(killContainer);
        }
      },
    });
    await Promise.all(faults);
    await waitForSetReady(sandbox, setName, 3);

    const after = await Promise.all(pods.map((pod) => readVisitsCount(kc, namespace, pod, containerName)));
    const counted = after.reduce((sum, value, index) => sum + value - before[index], 0);
    const failures = Object.fromEntries(result.failures);
    console.log(`visitsNeverLost: ${result.sent} requests, ${result.ok} answered 200, other outcomes ${JSON.stringify(failures)}; visits counted ${counted} (per pod +${after.map((value, index) => value - before[index]).join(', +')})`);

    // The faults happened while requests were flowing, and the load went on after them.
    expect(deleteStartedAt).toBeGreaterThan(0);
    expect(killStartedAt).toBeGreaterThan(0);
    expect(result.sent).toBeGreaterThanOrEqual(sentAtFaultsDone);
    expect((await readPod(pods[0])).metadata?.uid).not.toBe(deletedUid);
    expect(restarts(await readPod(pods[2]))).toBeGreaterThan(killedRestartsBefore);
    expect(result.sent).toBeGreaterThanOrEqual(total);
    expect(result.ok).toBeGreaterThan(total / 2);
    expect(counted).toBe(result.ok);
  }, full ? 900_000 : 300_000);
});
