import type { ClusterClient } from '../../apiserver/registry/clusterClient';
import { resources } from '../../apiserver/registry/clusterClient';
import type { StorageClass } from '../apiTypes';
import { isAlreadyExists } from '../apiErrors';

/** minikube's provisioner name, so manifests and habits from minikube carry over. */
export const provisionerName = 'k8s.io/minikube-hostpath';
export const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
export const defaultClassName = 'standard';

export function defaultStorageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: defaultClassName, annotations: { [defaultClassAnnotation]: 'true' }, labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' } },
    provisioner: provisionerName,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
  };
}

/** Creates `standard` when it is missing (as minikube's storage-provisioner addon does); an edited one is left alone. */
export async function ensureDefaultStorageClass(client: ClusterClient): Promise<void> {
  if (client.get(resources.storageClasses, undefined, defaultClassName)) return;
  try {
    await client.create(resources.storageClasses, defaultStorageClass());
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
}

/** The class a claim without storageClassName gets: the newest one marked default (as the DefaultStorageClass admission plugin picks). */
export function findDefaultClass(client: ClusterClient): StorageClass | undefined {
  return client
    .list<StorageClass>(resources.storageClasses, undefined)
    .items.filter((storageClass) => storageClass.metadata.annotations?.[defaultClassAnnotation] === 'true')
    .sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
}

/** Provisioners this sandbox serves. */
export function isOurProvisioner(provisioner: string): boolean {
  return provisioner === provisionerName || provisioner === 'sandbox.local/hostpath';
}
