import type { KubeObject, ResourceRef, WatchEvent } from '../../store/types';
import { ObjectStore, resourceKey, TooOldResourceVersionError, type StoredObject } from '../../store/objectStore';
import type { StoredChange } from '../../store/watchHistory';
import { ApiError, alreadyExists, badRequest, conflict, failure, invalid, namespaceNotFound, notFound, pathNotFound, qualifiedResource } from '../apiError';
import type { ClusterClient, DeleteOptions, ListOptions } from './clusterClient';
import type { FieldError, ResourceStrategy } from './strategy';
import type { StrategyCatalog } from './strategyCatalog';
import { checkDecodable } from './decodeTypes';
import { deepEqual } from './deepEqual';
import { makeFilter, matchesFilter, type ListFilter } from './listFilter';
import { filterChange, type FilteredEvent } from './watchFilter';
import { generateName, newUid, nowTimestamp } from './objectNames';
import { allocateServiceAddresses } from './serviceAllocation';
import { defaultStorageClassAdmission, preserveAllocatedServiceFields } from './strategies';

/**
 * The generic registry: every write to the cluster goes through here, from HTTP handlers and from
 * in-process controllers alike (it is also the ClusterClient they get). It applies the per-kind
 * strategy (defaults, validation), the rules every kind shares (names, uid, generation, the status
 * split, resourceVersion preconditions, namespaces that must exist, finalizers, graceful pod
 * deletion) and returns only once the store has the change on disk.
 */
export interface WriteOptions {
  dryRun?: boolean;
  /** 'status' writes only status; anything else (undefined) writes everything but status. */
  subresource?: 'status';
}

export interface RegistryDeleteOptions extends DeleteOptions {
  dryRun?: boolean;
  resourceVersion?: string;
}

export interface DeleteResult {
  /** The object as deleted, or as it is now while finalizers or a grace period hold it. */
  object: KubeObject;
  /** True when the object is gone from the store. */
  deleted: boolean;
}

export type ChangeHandler = (event: FilteredEvent) => void;

const protectedNamespaces = new Set(['default', 'kube-system', 'kube-public']);

function metadataOf(object: unknown): KubeObject['metadata'] {
  const candidate = object as KubeObject;
  if (!candidate || typeof candidate !== 'object' || Array.isArray(candidate)) throw badRequest('the body of the request is not a Kubernetes object');
  if (!candidate.metadata || typeof candidate.metadata !== 'object') candidate.metadata = {};
  return candidate.metadata;
}

/** Default "spec changed": anything outside metadata and status differs. */
function specChanged(next: KubeObject, old: KubeObject): boolean {
  for (const key of new Set([...Object.keys(next), ...Object.keys(old)])) {
    if (key === 'metadata' || key === 'status' || key === 'apiVersion' || key === 'kind') continue;
    if (!deepEqual(next[key], old[key])) return true;
  }
  return false;
}

function apiVersionOf(ref: ResourceRef): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

export class Registry implements ClusterClient {
  /** Called after a namespace got its deletionTimestamp, to empty and remove it. */
  onNamespaceTerminating: ((namespace: string) => void) | undefined;

  constructor(
    readonly store: ObjectStore,
    readonly catalog: StrategyCatalog,
  ) {}

  strategy(ref: ResourceRef): ResourceStrategy {
    const strategy = this.catalog.forRef(ref);
    if (!strategy) throw pathNotFound();
    return strategy;
  }

  key(ref: ResourceRef): string {
    return resourceKey(ref.group, ref.resource);
  }

  // ---- reads ------------------------------------------------------------------------------

  getStored(ref: ResourceRef, namespace: string | undefined, name: string): StoredObject | undefined {
    const strategy = this.strategy(ref);
    return this.store.get(this.key(ref), strategy.namespaced ? namespace : undefined, name);
  }

  /** Stored objects matching the filter, sorted by namespace and name (list order of the real server). */
  listStored(ref: ResourceRef, filter: ListFilter): StoredObject[] {
    const strategy = this.strategy(ref);
    const items = this.store.list(this.key(ref), strategy.namespaced ? filter.namespace : undefined);
    const matching = filter.labels.length || filter.fields.length ? items.filter((item) => matchesFilter(filter, item.object)) : items;
    const keyed = matching.map((item) => ({ key: `${item.object.metadata.namespace ?? ''}/${item.object.metadata.name ?? ''}`, item }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return keyed.map((entry) => entry.item);
  }

  get<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, name: string): T | undefined {
    const stored = this.getStored(resource, namespace, name);
    return stored ? (structuredClone(stored.object) as T) : undefined;
  }

  list<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, options: ListOptions = {}): { items: T[]; resourceVersion: string } {
    const filter = makeFilter(this.key(resource), resource.resource, namespace, options.labelSelector, options.fieldSelector);
    const items = this.listStored(resource, filter).map((item) => structuredClone(item.object) as T);
    return { items, resourceVersion: String(this.store.currentRevision) };
  }

  // ---- create -----------------------------------------------------------------------------

  private requireNamespace(strategy: ResourceStrategy, namespace: string | undefined): void {
    if (!strategy.namespaced) return;
    if (!namespace) throw badRequest('the namespace of the object is required');
    const stored = this.store.get('/namespaces', undefined, namespace);
    if (!stored) throw namespaceNotFound(namespace);
    if (stored.object.metadata.deletionTimestamp)
      throw new ApiError(
        failure(403, 'Forbidden', `${qualifiedResource(strategy.resource)} "${''}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
          kind: strategy.resource.resource,
        }),
      );
  }

  private checkValid(strategy: ResourceStrategy, object: KubeObject, old: KubeObject | undefined, extra: FieldError[] = []): void {
    const errors = [...extra, ...strategy.validate(object, old)];
    if (errors.length) throw invalid(strategy.kind, strategy.resource.group, object.metadata.name ?? '', errors);
  }

  /** Validates and stores a new object. `namespace` is the request's (URL) namespace when it has one. */
  async create<T extends KubeObject>(ref: ResourceRef, input: T, options: WriteOptions & { namespace?: string } = {}): Promise<T> {
    const strategy = this.strategy(ref);
    const object = structuredClone(input) as KubeObject;
    const metadata = metadataOf(object);
    checkDecodable(strategy.kind, object);
    object.apiVersion = apiVersionOf(strategy.resource);
    object.kind = strategy.kind;
    if (strategy.namespaced) {
      if (options.namespace && metadata.namespace && metadata.namespace !== options.namespace)
        throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      metadata.namespace = metadata.namespace || options.namespace || 'default';
    } else delete metadata.namespace;
    if (!metadata.name && metadata.generateName) metadata.name = generateName(metadata.generateName);
    if (!metadata.name)
      throw invalid(strategy.kind, strategy.resource.group, '', [{ reason: 'FieldValueRequired', field: 'metadata.name', message: 'name or generateName is required' }]);
    this.requireNamespace(strategy, metadata.namespace);
    if (this.store.get(this.key(ref), metadata.namespace, metadata.name)) throw alreadyExists(strategy.resource, metadata.name);

    delete metadata.resourceVersion;
    delete metadata.deletionTimestamp;
    delete metadata.deletionGracePeriodSeconds;
    delete metadata.managedFields;
    if (strategy.subresources.includes('status')) delete object.status;
    if (strategy.kind === 'Namespace') object.status = { phase: 'Active' };
    if (strategy.kind === 'Pod') object.status = { phase: 'Pending' };
    strategy.applyDefaults(object);
    if (strategy.kind === 'PersistentVolumeClaim') defaultStorageClassAdmission(object, this.store.list('storage.k8s.io/storageclasses').map((item) => item.object));
    const allocation = strategy.kind === 'Service' ? allocateServiceAddresses(object, undefined, this.store.list(this.key(ref)).map((item) => item.object)) : [];
    this.checkValid(strategy, object, undefined, allocation);
    metadata.uid = newUid();
    metadata.creationTimestamp = nowTimestamp();
    if ('spec' in object) metadata.generation = 1;
    else delete metadata.generation;
    if (options.dryRun) return object as T;
    const { durable } = this.store.put(this.key(ref), object);
    await durable;
    return structuredClone(object) as T;
  }

  // ---- update -----------------------------------------------------------------------------

  /** Replaces an object (or its status). A stale metadata.resourceVersion is a 409 Conflict. */
  async update<T extends KubeObject>(ref: ResourceRef, input: T, options: WriteOptions & { namespace?: string; name?: string } = {}): Promise<T> {
    const strategy = this.strategy(ref);
    const metadata = metadataOf(input);
    const name = options.name ?? metadata.name ?? '';
    if (options.name && metadata.name && metadata.name !== options.name)
      throw badRequest(`the name of the object (${metadata.name}) does not match the name on the URL (${options.name})`);
    if (strategy.namespaced && options.namespace && metadata.namespace && metadata.namespace !== options.namespace)
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    const namespace = strategy.namespaced ? (options.namespace ?? metadata.namespace ?? 'default') : undefined;
    const stored = this.store.get(this.key(ref), namespace, name);
    if (!stored) throw notFound(strategy.resource, name);
    const old = stored.object;
    if (metadata.resourceVersion && metadata.resourceVersion !== old.metadata.resourceVersion) throw conflict(strategy.resource, name);
    return (await this.replace(strategy, old, structuredClone(input) as KubeObject, options)) as T;
  }

  async updateStatus<T extends KubeObject>(ref: ResourceRef, object: T): Promise<T> {
    return this.update(ref, object, { subresource: 'status' });
  }

  /** The shared second half of update and patch: `next` is the desired object, `old` the stored one. */
  private async replace(strategy: ResourceStrategy, old: KubeObject, next: KubeObject, options: WriteOptions): Promise<KubeObject> {
    checkDecodable(strategy.kind, next);
    let object: KubeObject;
    if (options.subresource === 'status') {
      object = { ...structuredClone(old), status: next.status };
      if (next.status === undefined) delete object.status;
    } else {
      object = next;
      metadataOf(object);
      object.apiVersion = old.apiVersion;
      object.kind = old.kind;
      if (strategy.kind === 'Service') preserveAllocatedServiceFields(object, old);
      strategy.applyDefaults(object);
      if (strategy.subresources.includes('status')) {
        if (old.status === undefined) delete object.status;
        else object.status = structuredClone(old.status);
      }
    }
    const metadata = object.metadata;
    for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'name', 'namespace'] as const) {
      const value = old.metadata[field];
      if (value === undefined) delete metadata[field];
      else (metadata as Record<string, unknown>)[field] = value;
    }
    metadata.resourceVersion = old.metadata.resourceVersion;
    delete metadata.managedFields;
    if (metadata.deletionTimestamp && (metadata.finalizers?.length ?? 0) > (old.metadata.finalizers?.length ?? 0)) {
      const added = (metadata.finalizers ?? []).filter((finalizer) => !(old.metadata.finalizers ?? []).includes(finalizer));
      if (added.length)
        throw invalid(strategy.kind, strategy.resource.group, metadata.name ?? '', [
          { reason: 'FieldValueForbidden', field: 'metadata.finalizers', message: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => JSON.stringify(f)).join(', ')}}` },
        ]);
    }
    const allocation =
      strategy.kind === 'Service' && options.subresource !== 'status'
        ? allocateServiceAddresses(object, old, this.store.list(this.key(strategy.resource)).map((item) => item.object))
        : [];
    this.checkValid(strategy, object, old, allocation);
    if (options.subresource !== 'status' && old.metadata.generation !== undefined) {
      const changed = strategy.specChanged ? strategy.specChanged(object, old) : specChanged(object, old);
      if (changed) metadata.generation = old.metadata.generation + 1;
    }
    if (deepEqual(object, old)) return structuredClone(old);
    if (options.dryRun) return object;
    const key = this.key(strategy.resource);
    if (metadata.deletionTimestamp && !(metadata.finalizers?.length) && this.removableWhenFinalized(strategy, object)) {
      delete metadata.resourceVersion;
      const removed = this.store.remove(key, metadata.namespace, metadata.name ?? '');
      await removed?.durable;
      return structuredClone(removed?.object ?? object);
    }
    const { durable } = this.store.put(key, object);
    await durable;
    return structuredClone(object);
  }

  /** A pod in its grace period stays until the kubelet removes it; anything else goes when its last finalizer does. */
  private removableWhenFinalized(strategy: ResourceStrategy, object: KubeObject): boolean {
    if (strategy.kind === 'Namespace') return false;
    if (strategy.kind === 'Pod') return (object.metadata.deletionGracePeriodSeconds ?? 0) === 0;
    return true;
  }

  // ---- patch ------------------------------------------------------------------------------

  /**
   * Applies `apply(current)` to the stored object and writes the result like an update. A
   * metadata.resourceVersion in the patched object is a precondition; otherwise the patch applies to
   * whatever is current.
   */
  async patch(ref: ResourceRef, namespace: string | undefined, name: string, apply: (current: KubeObject) => unknown, options: WriteOptions = {}): Promise<KubeObject> {
    const strategy = this.strategy(ref);
    const stored = this.store.get(this.key(ref), strategy.namespaced ? namespace : undefined, name);
    if (!stored) throw notFound(strategy.resource, name);
    const old = stored.object;
    const patched = apply(structuredClone(old));
    if (!patched || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('the patch did not produce an object');
    const next = patched as KubeObject;
    const metadata = metadataOf(next);
    if (metadata.name !== undefined && metadata.name !== name) throw badRequest(`the name of the object (${String(metadata.name)}) does not match the name on the URL (${name})`);
    if (metadata.resourceVersion && metadata.resourceVersion !== old.metadata.resourceVersion) throw conflict(strategy.resource, name);
    metadata.name = name;
    return this.replace(strategy, old, next, options);
  }

  // ---- delete -----------------------------------------------------------------------------

  async delete(resource: ResourceRef, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<void> {
    await this.remove(resource, namespace, name, options);
  }

  /** Deletes with the real rules: preconditions, graceful pods, finalizers, propagation policy. */
  async remove(ref: ResourceRef, namespace: string | undefined, name: string, options: RegistryDeleteOptions = {}): Promise<DeleteResult> {
    const strategy = this.strategy(ref);
    const key = this.key(ref);
    const ns = strategy.namespaced ? namespace : undefined;
    const stored = this.store.get(key, ns, name);
    if (!stored) throw notFound(strategy.resource, name);
    const old = stored.object;
    if (options.uid && options.uid !== old.metadata.uid)
      throw conflict(strategy.resource, name, `Precondition failed: UID in precondition: ${options.uid}, UID in object meta: ${old.metadata.uid ?? ''}`);
    if (options.resourceVersion && options.resourceVersion !== old.metadata.resourceVersion)
      throw conflict(strategy.resource, name, `Precondition failed: ResourceVersion in precondition: ${options.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion ?? ''}`);
    if (strategy.kind === 'Namespace' && protectedNamespaces.has(name))
      throw new ApiError(failure(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' }));

    const object = structuredClone(old);
    const metadata = object.metadata;
    let pending = false;

    if (strategy.kind === 'Pod') {
      const spec = (object.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
      const phase = (object.status as { phase?: string } | undefined)?.phase;
      let grace = options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
      if (!spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
      if (grace < 0) grace = 0;
      if (metadata.deletionTimestamp && (metadata.deletionGracePeriodSeconds ?? 0) <= grace && grace > 0) return { object: structuredClone(old), deleted: false };
      if (grace > 0) {
        metadata.deletionTimestamp = nowTimestamp(grace);
        metadata.deletionGracePeriodSeconds = grace;
        pending = true;
      } else if (metadata.deletionTimestamp) metadata.deletionGracePeriodSeconds = 0;
    }

    const policy = options.propagationPolicy ?? 'Background';
    const finalizers = [...(metadata.finalizers ?? [])];
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (finalizers.length) {
      metadata.finalizers = finalizers;
      if (!metadata.deletionTimestamp) {
        metadata.deletionTimestamp = nowTimestamp();
        metadata.deletionGracePeriodSeconds = 0;
      }
      pending = true;
    }
    if (strategy.kind === 'Namespace') {
      metadata.deletionTimestamp ??= nowTimestamp();
      object.status = { ...((object.status as object) ?? {}), phase: 'Terminating' };
      pending = true;
    }

    if (options.dryRun) return { object, deleted: !pending };
    if (pending) {
      if (deepEqual(object, old)) return { object: structuredClone(old), deleted: false };
      const { durable } = this.store.put(key, object);
      await durable;
      if (strategy.kind === 'Namespace') this.onNamespaceTerminating?.(name);
      return { object: structuredClone(object), deleted: false };
    }
    const removed = this.store.remove(key, ns, name);
    if (!removed) throw notFound(strategy.resource, name);
    await removed.durable;
    return { object: structuredClone(removed.object), deleted: true };
  }

  /** Removes a namespace once it is empty (the namespace controller's last step). */
  async finalizeNamespace(name: string): Promise<void> {
    const removed = this.store.remove('/namespaces', undefined, name);
    await removed?.durable;
  }

  // ---- watch ------------------------------------------------------------------------------

  /**
   * Delivers filtered changes after `resourceVersion` ('' or '0': ADDED for what exists, then live).
   * Throws TooOldResourceVersionError when the window does not reach back to it.
   */
  watchFiltered(ref: ResourceRef, filter: ListFilter, resourceVersion: string | undefined, handler: ChangeHandler): () => void {
    const key = this.key(ref);
    const relay = (change: StoredChange) => {
      const event = filterChange(change, filter);
      if (event) handler(event);
    };
    if (!resourceVersion || resourceVersion === '0') {
      for (const item of this.listStored(ref, filter)) handler({ type: 'ADDED', object: item.object, stored: true, bytes: item.bytes });
      return this.store.watch(key, this.store.currentRevision, relay);
    }
    const revision = Number(resourceVersion);
    if (!Number.isInteger(revision) || revision < 0) throw badRequest(`invalid resource version: ${resourceVersion}`);
    return this.store.watch(key, revision, relay);
  }

  watch<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, resourceVersion: string, handler: (event: WatchEvent<T>) => void): () => void {
    const strategy = this.strategy(resource);
    const filter = makeFilter(this.key(resource), resource.resource, strategy.namespaced ? namespace : undefined);
    try {
      return this.watchFiltered(resource, filter, resourceVersion, (event) => handler({ type: event.type, object: structuredClone(event.object) as T }));
    } catch (error) {
      if (!(error instanceof TooOldResourceVersionError)) throw error;
      const status = failure(410, 'Expired', error.message);
      queueMicrotask(() => handler({ type: 'ERROR', object: status as unknown as T }));
      return () => undefined;
    }
  }
}
