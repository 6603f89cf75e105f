/**
 * The contract between the sandbox's store, its API server and its controllers.
 *
 * Objects are plain JSON as they travel on the wire. The store knows nothing of kinds beyond the
 * resource they are stored under; semantics (defaults, validation, generation, status split) live in
 * the API server's registry (`sandbox/apiserver/registry/`), which every writer goes through, the
 * HTTP handlers and the in-process controllers alike, just as kube-controller-manager writes through
 * kube-apiserver.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
}

/** Any Kubernetes object as JSON. Kind-specific code narrows it with its own interfaces. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** A resource as the API names it: `{group: 'apps', version: 'v1', resource: 'statefulsets'}`. Core group is ''. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  object: T;
}
