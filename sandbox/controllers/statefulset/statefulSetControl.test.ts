import { afterEach, describe, expect, it } from 'vitest';
import { resources } from '../../apiserver/registry/clusterClient';
import type { ControllerRevision, PersistentVolumeClaim, Pod } from '../apiTypes';
import { podRevision } from './naming';
import { startHarness, webSet } from './testHarness';

let harness: ReturnType<typeof startHarness>;
afterEach(async () => harness?.stop());

async function createWeb(overrides: Parameters<typeof webSet>[0] = {}) {
  harness = startHarness();
  await harness.client.create(resources.statefulSets, webSet(overrides));
  await harness.settle();
  return harness;
}

const claimNames = () => harness.client.list<PersistentVolumeClaim>(resources.persistentVolumeClaims, 'default').items.map((claim) => claim.metadata.name).sort();
const messages = () => harness.events.map((event) => `${event.reason}: ${event.message}`);

describe('StatefulSet controller: OrderedReady', () => {
  it('creates pod N+1 only after pod N is Running and Ready, claim before pod', async () => {
    const h = await createWeb();
    expect(h.podNames()).toEqual(['web-0']);
    expect(claimNames()).toEqual(['data-web-0']);
    expect(messages()).toEqual(['SuccessfulCreate: create Claim data-web-0 Pod web-0 in StatefulSet web success', 'SuccessfulCreate: create Pod web-0 in StatefulSet web successful']);
    await h.markReady('web-0');
    expect(h.podNames()).toEqual(['web-0', 'web-1']);
    await h.markReady('web-1');
    await h.markReady('web-2');
    expect(h.podNames()).toEqual(['web-0', 'web-1', 'web-2']);
    const status = h.set()?.status;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
    expect(status?.currentRevision).toBe(status?.updateRevision);
  });

  it('gives pods their identity, volumes and owner', async () => {
    const h = await createWeb();
    const pod = h.pod('web-0') as Pod;
    expect(pod.metadata.labels).toMatchObject({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': h.set()?.status?.updateRevision });
    expect(pod.spec.hostname).toBe('web-0');
    expect(pod.spec.subdomain).toBe('web');
    expect(pod.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } });
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: h.set()?.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    const claim = h.client.get<PersistentVolumeClaim>(resources.persistentVolumeClaims, 'default', 'data-web-0');
    expect(claim?.metadata.labels).toEqual({ app: 'web' });
  });

  it('scales down from the highest ordinal, one at a time, and keeps the claims', async () => {
    const h = await createWeb();
    await h.markAllReady();
    await h.updateSet((set) => (set.spec.replicas = 1));
    // The in-memory API removes pods at once, so both steps run; the order is what matters.
    expect(h.podNames()).toEqual(['web-0']);
    const deletes = h.client.writes.filter((write) => write.verb === 'delete' && write.resource === 'pods').map((write) => write.name);
    expect(deletes).toEqual(['web-2', 'web-1']);
    expect(claimNames()).toEqual(['data-web-0', 'data-web-1', 'data-web-2']);
    await h.updateSet((set) => (set.spec.replicas = 3));
    await h.markAllReady();
    expect(h.podNames()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(claimNames()).toEqual(['data-web-0', 'data-web-1', 'data-web-2']);
  });

  it('waits before scaling down while a lower pod is not ready', async () => {
    const h = await createWeb();
    await h.markAllReady();
    const web0 = h.pod('web-0') as Pod;
    await h.client.updateStatus(resources.pods, { ...web0, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } });
    await h.updateSet((set) => (set.spec.replicas = 2));
    expect(h.podNames()).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('recreates a deleted pod with the same name and claim', async () => {
    const h = await createWeb();
    await h.markAllReady();
    const before = h.pod('web-1') as Pod;
    await h.client.delete(resources.pods, 'default', 'web-1');
    await h.settle();
    const after = h.pod('web-1') as Pod;
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.spec.volumes).toContainEqual({ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } });
    expect(claimNames()).toEqual(['data-web-0', 'data-web-1', 'data-web-2']);
  });

  it('recreates a failed pod with a RecreatingFailedPod warning', async () => {
    const h = await createWeb();
    await h.markAllReady();
    const web2 = h.pod('web-2') as Pod;
    await h.client.updateStatus(resources.pods, { ...web2, status: { phase: 'Failed' } });
    await h.settle();
    expect(messages()).toContain('RecreatingFailedPod: StatefulSet default/web is recreating failed Pod web-2');
    expect(h.pod('web-2')?.metadata.uid).not.toBe(web2.metadata.uid);
  });
});

describe('StatefulSet controller: minReadySeconds', () => {
  it('waits until a ready pod has been available for minReadySeconds before creating the next', async () => {
    const h = await createWeb({ minReadySeconds: 1 });
    await h.markReady('web-0');
    expect(h.podNames()).toEqual(['web-0']);
    expect(h.set()?.status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    await expect.poll(() => h.podNames(), { timeout: 5000 }).toEqual(['web-0', 'web-1']);
    expect(h.set()?.status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });
});

describe('StatefulSet controller: Parallel', () => {
  it('creates and deletes without waiting', async () => {
    const h = await createWeb({ podManagementPolicy: 'Parallel' });
    expect(h.podNames()).toEqual(['web-0', 'web-1', 'web-2']);
    await h.updateSet((set) => (set.spec.replicas = 0));
    expect(h.podNames()).toEqual([]);
  });

  it('creates every missing pod and claim in one burst, once each, none of them Ready', async () => {
    const h = await createWeb({ podManagementPolicy: 'Parallel', replicas: 40 });
    expect(h.podNames()).toHaveLength(40);
    expect(claimNames()).toHaveLength(40);
    const creates = h.client.writes.filter((write) => write.verb === 'create' && write.resource === 'pods').map((write) => write.name);
    expect(new Set(creates).size).toBe(40);
    expect(creates).toHaveLength(40);
    // Each claim still comes before its pod.
    const order = h.client.writes.filter((write) => write.verb === 'create').map((write) => write.name);
    for (let ordinal = 0; ordinal < 40; ordinal++) expect(order.indexOf(`data-web-${ordinal}`)).toBeLessThan(order.indexOf(`web-${ordinal}`));
    expect(h.set()?.status).toMatchObject({ replicas: 40 });
  });
});

describe('StatefulSet controller: updates and revisions', () => {
  it('rolls from the highest ordinal down, waiting for each to be ready', async () => {
    const h = await createWeb();
    await h.markAllReady();
    const oldRevision = h.set()?.status?.updateRevision;
    await h.updateSet((set) => (set.spec.template.spec.containers[0].image = 'visits-app:2.0'));
    const newRevision = h.set()?.status?.updateRevision;
    expect(newRevision).not.toBe(oldRevision);
    expect(podRevision(h.pod('web-2') as Pod)).toBe(newRevision);
    expect(podRevision(h.pod('web-1') as Pod)).toBe(oldRevision);
    expect(h.set()?.status).toMatchObject({ updatedReplicas: 1, currentRevision: oldRevision });
    await h.markReady('web-2');
    expect(podRevision(h.pod('web-1') as Pod)).toBe(newRevision);
    expect(podRevision(h.pod('web-0') as Pod)).toBe(oldRevision);
    await h.markReady('web-1');
    await h.markReady('web-0');
    expect(h.set()?.status).toMatchObject({ updatedReplicas: 3, currentReplicas: 3, currentRevision: newRevision, updateRevision: newRevision });
    expect(h.pod('web-0')?.spec.containers[0].image).toBe('visits-app:2.0');
  });

  it('stops at the partition', async () => {
    const h = await createWeb();
    await h.markAllReady();
    await h.updateSet((set) => {
      set.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
      set.spec.template.spec.containers[0].image = 'visits-app:2.0';
    });
    await h.markAllReady();
    const images = ['web-0', 'web-1', 'web-2'].map((name) => h.pod(name)?.spec.containers[0].image);
    expect(images).toEqual(['visits-app:1.0', 'visits-app:1.0', 'visits-app:2.0']);
    expect(h.set()?.status).toMatchObject({ updatedReplicas: 1, currentReplicas: 2 });
    // A pod below the partition that is deleted comes back at the current revision.
    await h.client.delete(resources.pods, 'default', 'web-0');
    await h.settle();
    expect(h.pod('web-0')?.spec.containers[0].image).toBe('visits-app:1.0');
  });

  it('OnDelete replaces nothing until a pod is deleted', async () => {
    const h = await createWeb({ updateStrategy: { type: 'OnDelete' } });
    await h.markAllReady();
    await h.updateSet((set) => (set.spec.template.spec.containers[0].image = 'visits-app:2.0'));
    expect(['web-0', 'web-1', 'web-2'].map((name) => h.pod(name)?.spec.containers[0].image)).toEqual(['visits-app:1.0', 'visits-app:1.0', 'visits-app:1.0']);
    await h.client.delete(resources.pods, 'default', 'web-1');
    await h.settle();
    expect(h.pod('web-1')?.spec.containers[0].image).toBe('visits-app:2.0');
  });

  it('reuses an equal revision with a higher number (rollout undo)', async () => {
    const h = await createWeb({ replicas: 1 });
    await h.markAllReady();
    const first = h.set()?.status?.updateRevision;
    await h.updateSet((set) => (set.spec.template.spec.containers[0].image = 'visits-app:2.0'));
    await h.markAllReady();
    await h.updateSet((set) => (set.spec.template.spec.containers[0].image = 'visits-app:1.0'));
    await h.markAllReady();
    const revisions = h.client.list<ControllerRevision>(resources.controllerRevisions, 'default').items;
    expect(revisions).toHaveLength(2);
    const reused = revisions.find((revision) => revision.metadata.name === first);
    expect(reused?.revision).toBe(3);
    expect(h.set()?.status?.updateRevision).toBe(first);
  });

  it('keeps at most revisionHistoryLimit unused revisions', async () => {
    const h = await createWeb({ replicas: 1, revisionHistoryLimit: 1 });
    for (const image of ['a:1', 'b:1', 'c:1', 'd:1']) {
      await h.updateSet((set) => (set.spec.template.spec.containers[0].image = image));
      await h.markAllReady();
    }
    expect(h.client.list(resources.controllerRevisions, 'default').items).toHaveLength(2);
  });
});

describe('StatefulSet controller: ownership', () => {
  it('adopts orphaned pods that match its selector and name', async () => {
    harness = startHarness();
    const h = harness;
    await h.client.create(resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [] } });
    await h.client.create(resources.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'other-0', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [] } });
    await h.client.create(resources.statefulSets, webSet({ replicas: 1 }));
    await h.settle();
    expect(h.pod('web-0')?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    expect(h.pod('other-0')?.metadata.ownerReferences).toBeUndefined();
  });

  it('whenScaled Delete hands a scaled-down claim to its pod before deleting the pod', async () => {
    const h = await createWeb({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } });
    await h.markAllReady();
    const web2 = h.pod('web-2') as Pod;
    await h.updateSet((set) => (set.spec.replicas = 2));
    const claim = h.client.get<PersistentVolumeClaim>(resources.persistentVolumeClaims, 'default', 'data-web-2');
    expect(claim?.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: web2.metadata.uid }]);
  });
});
