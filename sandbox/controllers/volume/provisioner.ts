import { mkdir, rm } from 'node:fs/promises';
import { resources } from '../../apiserver/registry/clusterClient';
import type { SandboxContext } from '../../context';
import type { PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from '../apiTypes';
import { errorMessage, isAlreadyExists, isConflict, isNotFound } from '../apiErrors';
import { objectKey, runWorkers, splitKey, WorkQueue } from '../workqueue';
import { ensureDefaultStorageClass, findDefaultClass, isOurProvisioner } from './storageClass';
import { isRemovableVolumeDirectory, volumeDirectory, volumeNameFor } from './volumeNaming';

/**
 * The sandbox's storage: a dynamic hostPath provisioner and the binder around it (what minikube's
 * storage-provisioner and kube-controller-manager's PV controller do together). Every claim of a class
 * it serves gets a PV `pvc-<claim uid>` backed by a directory under SANDBOX_DIR/volumes; claim and PV
 * are bound both ways. When the claim goes, the reclaim policy decides: Delete removes the PV and its
 * directory, Retain keeps both and marks the PV Released. Also lifts the pvc-protection finalizer of a
 * deleted claim once no running pod uses it.
 */
const pvcProtectionFinalizer = 'kubernetes.io/pvc-protection';
const pvProtectionFinalizer = 'kubernetes.io/pv-protection';
const provisionedByAnnotation = 'pv.kubernetes.io/provisioned-by';
const component = 'persistentvolume-controller';

export interface VolumeProvisioner {
  stop(): Promise<void>;
  pending(): number;
}

const claimKey = (namespace: string | undefined, name: string | undefined) => `claim:${objectKey(namespace, name)}`;
const volumeKey = (name: string | undefined) => `volume:${name ?? ''}`;

export async function startVolumeProvisioner(ctx: SandboxContext): Promise<VolumeProvisioner> {
  const { client } = ctx;
  await ensureDefaultStorageClass(client);
  const queue = new WorkQueue({ baseDelayMs: 10, maxDelayMs: 10_000 });

  const stops = [
    client.watch<PersistentVolumeClaim>(resources.persistentVolumeClaims, undefined, '', (event) => {
      if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
      queue.add(claimKey(event.object.metadata.namespace, event.object.metadata.name));
      if (event.object.spec.volumeName) queue.add(volumeKey(event.object.spec.volumeName));
    }),
    client.watch<PersistentVolume>(resources.persistentVolumes, undefined, '', (event) => {
      if (event.type === 'BOOKMARK' || event.type === 'ERROR') return;
      queue.add(volumeKey(event.object.metadata.name));
      const claimRef = event.object.spec.claimRef;
      if (claimRef) queue.add(claimKey(claimRef.namespace, claimRef.name));
    }),
    client.watch<StorageClass>(resources.storageClasses, undefined, '', (event) => {
      if (event.type !== 'ADDED' && event.type !== 'MODIFIED') return;
      for (const claim of client.list<PersistentVolumeClaim>(resources.persistentVolumeClaims, undefined).items) {
        if (!claim.spec.volumeName) queue.add(claimKey(claim.metadata.namespace, claim.metadata.name));
      }
    }),
    // A pod that stops using a claim may let a deleted claim go (pvc-protection).
    client.watch<Pod>(resources.pods, undefined, '', (event) => {
      if (event.type !== 'DELETED' && event.type !== 'MODIFIED') return;
      // A pod uses its claims until it is gone or finished (volumes cannot change): other status updates say nothing new.
      const phase = event.object.status?.phase;
      if (event.type === 'MODIFIED' && phase !== 'Succeeded' && phase !== 'Failed') return;
      for (const volume of event.object.spec.volumes ?? []) {
        if (volume.persistentVolumeClaim) queue.add(claimKey(event.object.metadata.namespace, volume.persistentVolumeClaim.claimName));
      }
    }),
  ];

  function event(involved: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string, from = component) {
    ctx.recordEvent({ involved, type, reason, message, component: from });
  }

  async function syncClaim(namespace: string | undefined, name: string): Promise<void> {
    const claim = client.get<PersistentVolumeClaim>(resources.persistentVolumeClaims, namespace, name);
    if (!claim) return;
    if (claim.metadata.deletionTimestamp) return releaseDeletedClaim(claim);
    if (claim.spec.volumeName) return markClaimBound(claim);
    const className = claim.spec.storageClassName;
    if (className === '') return; // Explicitly no class: only a pre-created PV could bind it.
    const storageClass = className === undefined ? findDefaultClass(client) : client.get<StorageClass>(resources.storageClasses, undefined, className);
    if (!storageClass) {
      if (className !== undefined) event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    if (className === undefined) {
      // Retroactive default class assignment (Kubernetes 1.28+): the claim gets the default class's name.
      await client.update<PersistentVolumeClaim>(resources.persistentVolumeClaims, { ...claim, spec: { ...claim.spec, storageClassName: storageClass.metadata.name } });
      return;
    }
    if (!isOurProvisioner(storageClass.provisioner)) return;
    await provision(claim, storageClass);
  }

  async function provision(claim: PersistentVolumeClaim, storageClass: StorageClass): Promise<void> {
    const pvName = volumeNameFor(claim.metadata.uid ?? '');
    const directory = volumeDirectory(ctx.dataDir, pvName);
    const storage = claim.spec.resources?.requests?.storage ?? '1Gi';
    const accessModes = claim.spec.accessModes ?? ['ReadWriteOnce'];
    let volume = client.get<PersistentVolume>(resources.persistentVolumes, undefined, pvName);
    if (!volume) {
      event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${claim.metadata.namespace}/${claim.metadata.name}"`, storageClass.provisioner);
      await mkdir(directory, { recursive: true });
      try {
        volume = await client.create<PersistentVolume>(resources.persistentVolumes, {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: pvName, annotations: { [provisionedByAnnotation]: storageClass.provisioner, hostPathProvisionerIdentity: 'sandbox' } },
          spec: {
            capacity: { storage },
            accessModes,
            hostPath: { path: directory, type: '' },
            claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: claim.metadata.namespace, name: claim.metadata.name ?? '', uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion },
            persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
            storageClassName: storageClass.metadata.name,
            volumeMode: claim.spec.volumeMode ?? 'Filesystem',
          },
        });
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        volume = client.get<PersistentVolume>(resources.persistentVolumes, undefined, pvName);
        if (!volume) throw error;
      }
      event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, storageClass.provisioner);
    }
    if (volume.status?.phase !== 'Bound') volume = await client.updateStatus<PersistentVolume>(resources.persistentVolumes, { ...volume, status: { phase: 'Bound' } });
    const provisioner = storageClass.provisioner;
    const bound = await client.update<PersistentVolumeClaim>(resources.persistentVolumeClaims, {
      ...claim,
      metadata: {
        ...claim.metadata,
        annotations: {
          ...(claim.metadata.annotations ?? {}),
          'pv.kubernetes.io/bind-completed': 'yes',
          'pv.kubernetes.io/bound-by-controller': 'yes',
          'volume.beta.kubernetes.io/storage-provisioner': provisioner,
          'volume.kubernetes.io/storage-provisioner': provisioner,
        },
      },
      spec: { ...claim.spec, volumeName: pvName },
    });
    await markClaimBound(bound);
  }

  async function markClaimBound(claim: PersistentVolumeClaim): Promise<void> {
    const volume = client.get<PersistentVolume>(resources.persistentVolumes, undefined, claim.spec.volumeName ?? '');
    if (!volume || volume.spec.claimRef?.uid !== claim.metadata.uid) {
      if (claim.status?.phase === 'Bound' && !volume) {
        await client.updateStatus<PersistentVolumeClaim>(resources.persistentVolumeClaims, { ...claim, status: { ...claim.status, phase: 'Lost' } });
        event(claim, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      }
      return;
    }
    const status = { phase: 'Bound' as const, accessModes: volume.spec.accessModes ?? [], capacity: volume.spec.capacity ?? {} };
    if (JSON.stringify(claim.status ?? {}) === JSON.stringify(status)) return;
    await client.updateStatus<PersistentVolumeClaim>(resources.persistentVolumeClaims, { ...claim, status });
  }

  /** pvc-protection: a deleted claim stays until no pod that is still running uses it. */
  async function releaseDeletedClaim(claim: PersistentVolumeClaim): Promise<void> {
    if (!claim.metadata.finalizers?.includes(pvcProtectionFinalizer)) return;
    const inUse = client
      .list<Pod>(resources.pods, claim.metadata.namespace)
      .items.some((pod) => pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && (pod.spec.volumes ?? []).some((volume) => volume.persistentVolumeClaim?.claimName === claim.metadata.name));
    if (inUse) return;
    await client.update<PersistentVolumeClaim>(resources.persistentVolumeClaims, { ...claim, metadata: { ...claim.metadata, finalizers: claim.metadata.finalizers.filter((finalizer) => finalizer !== pvcProtectionFinalizer) } });
  }

  async function syncVolume(name: string): Promise<void> {
    const volume = client.get<PersistentVolume>(resources.persistentVolumes, undefined, name);
    if (!volume) return;
    const claimRef = volume.spec.claimRef;
    const claim = claimRef ? client.get<PersistentVolumeClaim>(resources.persistentVolumeClaims, claimRef.namespace, claimRef.name) : undefined;
    const claimed = claim !== undefined && claim.metadata.uid === claimRef?.uid;
    if (volume.metadata.deletionTimestamp) {
      if (!claimed && volume.metadata.finalizers?.includes(pvProtectionFinalizer)) {
        await client.update<PersistentVolume>(resources.persistentVolumes, { ...volume, metadata: { ...volume.metadata, finalizers: volume.metadata.finalizers.filter((finalizer) => finalizer !== pvProtectionFinalizer) } });
      }
      return;
    }
    if (claimed) {
      if (volume.status?.phase !== 'Bound') await client.updateStatus<PersistentVolume>(resources.persistentVolumes, { ...volume, status: { phase: 'Bound' } });
      return;
    }
    if (!claimRef) {
      if (volume.status?.phase !== 'Available') await client.updateStatus<PersistentVolume>(resources.persistentVolumes, { ...volume, status: { phase: 'Available' } });
      return;
    }
    // The claim is gone (or was re-created with another uid): reclaim.
    const ours = isOurProvisioner(volume.metadata.annotations?.[provisionedByAnnotation] ?? '');
    if (volume.spec.persistentVolumeReclaimPolicy === 'Delete' && ours) {
      const directory = volume.spec.hostPath?.path ?? '';
      if (isRemovableVolumeDirectory(ctx.dataDir, directory)) await rm(directory, { recursive: true, force: true });
      try {
        await client.delete(resources.persistentVolumes, undefined, name);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      return;
    }
    if (volume.status?.phase !== 'Released') await client.updateStatus<PersistentVolume>(resources.persistentVolumes, { ...volume, status: { phase: 'Released' } });
  }

  // Claims are independent (the queue never hands one key to two workers), and each costs a few durable
  // writes: many workers overlap them, as the external provisioner's worker threads do (default 100).
  const workers = runWorkers(
    queue,
    16,
    async (key) => {
      if (key.startsWith('claim:')) {
        const { namespace, name } = splitKey(key.slice('claim:'.length));
        return syncClaim(namespace, name);
      }
      return syncVolume(key.slice('volume:'.length));
    },
    (key, error) => {
      if (!isConflict(error)) ctx.log('volume-provisioner', `error syncing ${key}: ${errorMessage(error)}`);
    },
  );

  return {
    pending: () => queue.length,
    async stop() {
      for (const stop of stops) stop();
      queue.shutDown();
      await workers;
    },
  };
}
