import type { KubeObject, ResourceRef, WatchEvent } from '../../store/types';

/**
 * What in-process components (controllers, kubelet, proxy) use to read and write the cluster.
 * It has the API server's semantics: defaults, validation, generation, resourceVersion conflicts,
 * status written only through `updateStatus`, deletes with grace periods and propagation, and events
 * delivered to watchers. Failures throw `ApiError` carrying a Kubernetes `Status`.
 */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  /** Precondition: only delete this exact object. */
  uid?: string;
}

export interface ClusterClient {
  get<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, options?: ListOptions): { items: T[]; resourceVersion: string };
  create<T extends KubeObject>(resource: ResourceRef, object: T): Promise<T>;
  /** Replaces spec/metadata; status is ignored. A stale metadata.resourceVersion is a 409. */
  update<T extends KubeObject>(resource: ResourceRef, object: T): Promise<T>;
  /** Replaces status only. */
  updateStatus<T extends KubeObject>(resource: ResourceRef, object: T): Promise<T>;
  delete(resource: ResourceRef, namespace: string | undefined, name: string, options?: DeleteOptions): Promise<void>;
  /**
   * Calls `handler` for every change of the resource (in one namespace or all when undefined)
   * after `resourceVersion` ('' or '0' = from now, after first delivering ADDED for what exists).
   * Returns a function that stops the watch.
   */
  watch<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, resourceVersion: string, handler: (event: WatchEvent<T>) => void): () => void;
}

/** Well-known resources, so callers do not spell groups and versions by hand. */
export const resources = {
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  pods: { group: '', version: 'v1', resource: 'pods' },
  services: { group: '', version: 'v1', resource: 'services' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints' },
  persistentVolumeClaims: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  persistentVolumes: { group: '', version: 'v1', resource: 'persistentvolumes' },
  configMaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  serviceAccounts: { group: '', version: 'v1', resource: 'serviceaccounts' },
  events: { group: '', version: 'v1', resource: 'events' },
  statefulSets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  controllerRevisions: { group: 'apps', version: 'v1', resource: 'controllerrevisions' },
  storageClasses: { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' },
  endpointSlices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  roles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles' },
  roleBindings: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings' },
  clusterRoles: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' },
  clusterRoleBindings: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
} as const satisfies Record<string, ResourceRef>;
