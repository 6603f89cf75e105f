import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resources } from '../apiserver/registry/clusterClient';
import { Registry } from '../apiserver/registry/genericRegistry';
import { defaultCatalog } from '../apiserver/registry/strategyCatalog';
import type { RecordedEvent, RunningComponent, SandboxContext } from '../context';
import { ObjectStore } from '../store/objectStore';
import type { Endpoints, PersistentVolume, PersistentVolumeClaim, Pod, StatefulSet } from './apiTypes';
import { startControllers } from './index';
import { webSet } from './statefulset/testHarness';

/**
 * The controllers on the sandbox's real registry (defaults, validation, graceful deletion), in process,
 * with a stand-in kubelet that makes every pod Running and Ready at once: checks that what the
 * controllers write is what the API server accepts.
 */
let cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function start() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'controllers-'));
  const registry = new Registry(ObjectStore.inMemory(), defaultCatalog());
  await registry.create(resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const events: RecordedEvent[] = [];
  const logs: string[] = [];
  const ctx: SandboxContext = { client: registry, dataDir, rootDir: dataDir, speed: 0.05, recordEvent: (event) => events.push(event), log: (component, message) => logs.push(`${component}: ${message}`) };
  let nextIp = 2;
  const stopKubelet = registry.watch<Pod>(resources.pods, undefined, '', (event) => {
    const pod = event.object;
    if (event.type === 'DELETED') return;
    if (pod.metadata.deletionTimestamp) {
      void registry.delete(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 }).catch(() => undefined);
      return;
    }
    if (pod.status?.phase === 'Running') return;
    const ip = `127.244.0.${nextIp++}`;
    void registry
      .updateStatus(resources.pods, { ...pod, status: { ...pod.status, phase: 'Running', podIP: ip, podIPs: [{ ip }], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString() }] } })
      .catch(() => undefined);
  });
  const controllers: RunningComponent = await startControllers(ctx);
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }), stopKubelet, () => controllers.stop());
  return { registry, events, logs, dataDir };
}

async function until<T>(probe: () => T | undefined | false): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}

describe('controllers on the real registry', () => {
  it('runs a StatefulSet to Ready with bound claims, Endpoints and a default StorageClass', async () => {
    const { registry, logs, dataDir } = await start();
    expect(registry.get(resources.storageClasses, undefined, 'standard')).toBeDefined();
    await registry.create(resources.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] } });
    await registry.create(resources.statefulSets, webSet());
    const set = await until(() => {
      const current = registry.get<StatefulSet>(resources.statefulSets, 'default', 'web');
      return current?.status?.readyReplicas === 3 ? current : undefined;
    });
    expect(set.status).toMatchObject({ replicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    const claims = await until(() => {
      const list = registry.list<PersistentVolumeClaim>(resources.persistentVolumeClaims, 'default').items;
      return list.length === 3 && list.every((claim) => claim.status?.phase === 'Bound') ? list : undefined;
    });
    for (const claim of claims) {
      const volume = registry.get<PersistentVolume>(resources.persistentVolumes, undefined, claim.spec.volumeName ?? '');
      expect(volume?.spec.hostPath?.path).toBe(path.join(dataDir, 'volumes', `pvc-${claim.metadata.uid}`));
      expect(existsSync(volume?.spec.hostPath?.path ?? '')).toBe(true);
      expect(claim.spec.storageClassName).toBe('standard');
    }
    const endpoints = await until(() => registry.get<Endpoints>(resources.endpoints, 'default', 'web')?.subsets?.[0]?.addresses?.length === 3 && registry.get<Endpoints>(resources.endpoints, 'default', 'web'));
    expect(endpoints.subsets?.[0].addresses?.map((address) => address.hostname)).toEqual(['web-0', 'web-1', 'web-2']);

    // Delete a claim's set and claim: the Delete reclaim policy removes the volume and its directory.
    const claim = claims[0];
    const volumePath = registry.get<PersistentVolume>(resources.persistentVolumes, undefined, claim.spec.volumeName ?? '')?.spec.hostPath?.path ?? '';
    await registry.update(resources.statefulSets, { ...set, spec: { ...set.spec, replicas: 0 } });
    await until(() => registry.list(resources.pods, 'default').items.length === 0);
    await registry.delete(resources.persistentVolumeClaims, 'default', claim.metadata.name ?? '');
    await until(() => registry.get(resources.persistentVolumes, undefined, claim.spec.volumeName ?? '') === undefined);
    await until(() => !existsSync(volumePath));
    expect(logs.filter((line) => !/conflict|modified/i.test(line))).toEqual([]);
  });

  it('rolls an image change and an undo through ControllerRevisions the registry accepts', async () => {
    const { registry, logs } = await start();
    await registry.create(resources.statefulSets, webSet({ replicas: 2 }));
    const readyAt = async (image: string) =>
      until(() => {
        const current = registry.get<StatefulSet>(resources.statefulSets, 'default', 'web');
        const pods = registry.list<Pod>(resources.pods, 'default').items;
        const done = current?.status?.updatedReplicas === 2 && current.status.readyReplicas === 2 && current.status.currentRevision === current.status.updateRevision;
        return done && pods.length === 2 && pods.every((pod) => pod.spec.containers[0].image === image) ? current : undefined;
      });
    const first = await readyAt('visits-app:1.0');
    const setImage = async (image: string) => {
      const current = registry.get<StatefulSet>(resources.statefulSets, 'default', 'web') as StatefulSet;
      current.spec.template.spec.containers[0].image = image;
      await registry.update(resources.statefulSets, current);
    };
    await setImage('visits-app:2.0');
    const second = await readyAt('visits-app:2.0');
    expect(second.status?.updateRevision).not.toBe(first.status?.updateRevision);
    await setImage('visits-app:1.0');
    const third = await readyAt('visits-app:1.0');
    expect(third.status?.updateRevision).toBe(first.status?.updateRevision);
    const revisions = registry.list<{ apiVersion: string; kind: string; metadata: { name?: string }; revision: number }>(resources.controllerRevisions, 'default').items;
    expect(revisions.map((revision) => [revision.metadata.name, revision.revision]).sort()).toEqual(
      [
        [first.status?.updateRevision, 3],
        [second.status?.updateRevision, 2],
      ].sort(),
    );
    expect(logs.filter((line) => !/conflict|modified/i.test(line))).toEqual([]);
  });
});
