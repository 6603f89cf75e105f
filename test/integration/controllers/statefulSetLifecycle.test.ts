import { Watch, type V1Pod, type V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { apis, haveKubectl, httpGet, isPodReady, kubectl, kubectlOk, podsOf, visitsAppYaml, visitsOf, waitFor, waitForSetReady } from './clusterSupport';

/**
 * The StatefulSet controller, volume provisioner and endpoints controller against a real sandbox
 * process, driven by kubectl 1.33 and read with client-node: ordering, identity, storage, scaling.
 */
describe.skipIf(!haveKubectl)('StatefulSet lifecycle on the sandbox', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(async () => {
    await sandbox?.dispose();
  });

  it('creates pods in order, each only after the previous one is Running and Ready, each with its own bound claim', async () => {
    const lastSeen = new Map<string, V1Pod>();
    const violations: string[] = [];
    const added: string[] = [];
    const watch = new Watch(sandbox.kubeConfig());
    const request = await watch.watch('/api/v1/namespaces/default/pods', { labelSelector: 'app=ordered' }, (type: string, pod: V1Pod) => {
      const name = pod.metadata?.name ?? '';
      if (type === 'ADDED') {
        added.push(name);
        const ordinal = Number(name.split('-').pop());
        const previous = lastSeen.get(`ordered-${ordinal - 1}`);
        if (ordinal > 0 && (!previous || !isPodReady(previous))) violations.push(`${name} was created before ordered-${ordinal - 1} was Ready`);
      }
      lastSeen.set(name, pod);
    }, () => undefined);
    try {
      await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'ordered', replicas: 3 }));
      await waitForSetReady(sandbox, 'ordered', 3);
    } finally {
      request.abort();
    }
    expect(added).toEqual(['ordered-0', 'ordered-1', 'ordered-2']);
    expect(violations).toEqual([]);

    const pods = await podsOf(sandbox, 'app=ordered');
    expect(pods.map((pod) => pod.metadata?.name)).toEqual(['ordered-0', 'ordered-1', 'ordered-2']);
    const set = await apis(sandbox).apps.readNamespacedStatefulSet({ name: 'ordered', namespace: 'default' });
    for (const [ordinal, pod] of pods.entries()) {
      expect(pod.metadata?.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': `ordered-${ordinal}`, 'apps.kubernetes.io/pod-index': String(ordinal), 'controller-revision-hash': set.status?.updateRevision });
      expect(pod.spec?.hostname).toBe(`ordered-${ordinal}`);
      expect(pod.spec?.subdomain).toBe('ordered');
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'ordered', controller: true, uid: set.metadata?.uid });
    }
    const claims = await waitFor('claims to be bound', async () => {
      const list = await apis(sandbox).core.listNamespacedPersistentVolumeClaim({ namespace: 'default', labelSelector: 'app=ordered' });
      return list.items.length === 3 && list.items.every((claim) => claim.status?.phase === 'Bound') ? list.items : undefined;
    });
    for (const claim of claims) {
      expect(claim.spec?.volumeName).toBe(`pvc-${claim.metadata?.uid}`);
      expect(claim.spec?.storageClassName).toBe('standard');
      expect(claim.status?.capacity?.storage).toBe('1Gi');
      const volume = await apis(sandbox).core.readPersistentVolume({ name: claim.spec?.volumeName ?? '' });
      expect(volume.status?.phase).toBe('Bound');
      expect(volume.spec?.hostPath?.path).toBe(`${sandbox.dir}/volumes/pvc-${claim.metadata?.uid}`);
      expect(volume.spec?.claimRef?.name).toBe(claim.metadata?.name);
    }
    const describe = await kubectlOk(sandbox, ['describe', 'sts', 'ordered']);
    expect(describe).toContain('create Claim data-ordered-0 Pod ordered-0 in StatefulSet ordered success');
    expect(describe).toContain('create Pod ordered-2 in StatefulSet ordered successful');

    const endpoints = await apis(sandbox).core.readNamespacedEndpoints({ name: 'ordered', namespace: 'default' });
    expect(endpoints.subsets?.[0].addresses?.map((address) => address.hostname).sort()).toEqual(['ordered-0', 'ordered-1', 'ordered-2']);
    expect(endpoints.subsets?.[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
  });

  it('brings a deleted pod back with the same name, claim and visit count', async () => {
    const before = (await podsOf(sandbox, 'app=ordered'))[1];
    const ip = before.status?.podIP ?? '';
    for (let visit = 0; visit < 5; visit++) expect((await httpGet(ip, 8080, '/')).status).toBe(200);
    const count = await visitsOf(sandbox, 'ordered-1');
    expect(count).toBe(5);
    await kubectlOk(sandbox, ['delete', 'pod', 'ordered-1']);
    const after = await waitFor('ordered-1 to come back Ready', async () => {
      const pod = (await podsOf(sandbox, 'app=ordered')).find((candidate) => candidate.metadata?.name === 'ordered-1');
      return pod && pod.metadata?.uid !== before.metadata?.uid && isPodReady(pod) ? pod : undefined;
    });
    expect(after.spec?.volumes?.find((volume) => volume.name === 'data')?.persistentVolumeClaim?.claimName).toBe('data-ordered-1');
    expect(await visitsOf(sandbox, 'ordered-1')).toBe(5);
  });

  it('scales down from the highest ordinal, keeps the claims, and scaling up reuses them with their counts', async () => {
    const pods = await podsOf(sandbox, 'app=ordered');
    const ip = pods[2].status?.podIP ?? '';
    for (let visit = 0; visit < 3; visit++) await httpGet(ip, 8080, '/');
    expect(await visitsOf(sandbox, 'ordered-2')).toBe(3);

    const deletedOrder: string[] = [];
    const watch = new Watch(sandbox.kubeConfig());
    const request = await watch.watch('/api/v1/namespaces/default/pods', { labelSelector: 'app=ordered' }, (type: string, pod: V1Pod) => {
      if (type === 'DELETED') deletedOrder.push(pod.metadata?.name ?? '');
    }, () => undefined);
    try {
      await kubectlOk(sandbox, ['scale', 'sts', 'ordered', '--replicas=1']);
      await waitForSetReady(sandbox, 'ordered', 1);
      await waitFor('two pods gone', () => deletedOrder.length === 2);
    } finally {
      request.abort();
    }
    expect(deletedOrder).toEqual(['ordered-2', 'ordered-1']);
    const claims = await apis(sandbox).core.listNamespacedPersistentVolumeClaim({ namespace: 'default', labelSelector: 'app=ordered' });
    expect(claims.items.map((claim: V1PersistentVolumeClaim) => claim.metadata?.name).sort()).toEqual(['data-ordered-0', 'data-ordered-1', 'data-ordered-2']);

    await kubectlOk(sandbox, ['scale', 'sts', 'ordered', '--replicas=3']);
    await waitForSetReady(sandbox, 'ordered', 3);
    expect(await visitsOf(sandbox, 'ordered-2')).toBe(3);
    expect(await visitsOf(sandbox, 'ordered-1')).toBe(5);
  });

  it('creates and deletes all pods at once with podManagementPolicy Parallel', async () => {
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'parallel', replicas: 3, policy: 'Parallel', image: 'visits-app:broken' }));
    // The broken image never gets ready, so only Parallel can create all three.
    const pods = await waitFor('three pods', async () => {
      const list = await podsOf(sandbox, 'app=parallel');
      return list.length === 3 ? list : undefined;
    });
    expect(pods.every((pod) => !isPodReady(pod))).toBe(true);
    await kubectlOk(sandbox, ['scale', 'sts', 'parallel', '--replicas=0']);
    await waitFor('no parallel pods', async () => (await podsOf(sandbox, 'app=parallel')).length === 0);
    await kubectlOk(sandbox, ['delete', '-f', '-'], visitsAppYaml({ name: 'parallel', replicas: 0 }));
  });

  it('recreates pods that the garbage collector orphaned, adopting them and their claims after --cascade=orphan', async () => {
    const before = await podsOf(sandbox, 'app=ordered');
    await kubectlOk(sandbox, ['delete', 'sts', 'ordered', '--cascade=orphan']);
    await waitFor('pods to be orphaned', async () => (await podsOf(sandbox, 'app=ordered')).every((pod) => !pod.metadata?.ownerReferences?.length));
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'ordered', replicas: 3 }));
    const set = await waitFor('the new set to adopt the pods', async () => {
      const current = await apis(sandbox).apps.readNamespacedStatefulSet({ name: 'ordered', namespace: 'default' });
      const pods = await podsOf(sandbox, 'app=ordered');
      return pods.length === 3 && pods.every((pod) => pod.metadata?.ownerReferences?.[0]?.uid === current.metadata?.uid) ? current : undefined;
    });
    await waitForSetReady(sandbox, 'ordered', 3);
    const after = await podsOf(sandbox, 'app=ordered');
    expect(after.map((pod) => pod.metadata?.uid)).toEqual(before.map((pod) => pod.metadata?.uid));
    expect(set.metadata?.uid).not.toBe(before[0].metadata?.ownerReferences?.[0]?.uid);
    expect(await visitsOf(sandbox, 'ordered-2')).toBe(3);
  });

  it('deletes claims per persistentVolumeClaimRetentionPolicy, with their volumes and directories', async () => {
    await kubectlOk(sandbox, ['apply', '--validate=false', '-f', '-'], visitsAppYaml({ name: 'retained', replicas: 2, retention: { whenDeleted: 'Delete', whenScaled: 'Delete' } }));
    await waitForSetReady(sandbox, 'retained', 2);
    const claimNames = async () => (await apis(sandbox).core.listNamespacedPersistentVolumeClaim({ namespace: 'default', labelSelector: 'app=retained' })).items.map((claim) => claim.metadata?.name).sort();
    expect(await claimNames()).toEqual(['data-retained-0', 'data-retained-1']);
    const claim1 = await apis(sandbox).core.readNamespacedPersistentVolumeClaim({ name: 'data-retained-1', namespace: 'default' });
    await kubectlOk(sandbox, ['scale', 'sts', 'retained', '--replicas=1']);
    await waitFor('the scaled-down claim to be deleted', async () => (await claimNames()).length === 1);
    expect(await claimNames()).toEqual(['data-retained-0']);
    await waitFor('its volume to be deleted', async () => {
      const result = await kubectl(sandbox, ['get', 'pv', claim1.spec?.volumeName ?? '']);
      return result.code !== 0 && /NotFound|not found/.test(result.stderr);
    });
    await kubectlOk(sandbox, ['delete', 'sts', 'retained']);
    await waitFor('the remaining claim to go with the set', async () => (await claimNames()).length === 0);
  });
});
