import type { Registry } from '../../apiserver/registry/genericRegistry';
import type { ResourceStrategy } from '../../apiserver/registry/strategy';
import { isApiError } from '../../apiserver/apiError';
import type { KubeObject } from '../../store/types';
import type { StoredChange } from '../../store/watchHistory';
import type { RunningComponent } from '../../context';

/**
 * The garbage collector of kube-controller-manager, for one process: it keeps a graph of
 * ownerReferences and
 * - deletes dependents whose owners are all gone (Background propagation),
 * - deletes dependents of an owner being deleted with `foregroundDeletion`, and removes that
 *   finalizer once none is left, which lets the owner go,
 * - removes the ownerReference from dependents of an owner with the `orphan` finalizer, then the
 *   finalizer itself.
 * Work is queued and done one item at a time, so it never competes with itself.
 */
interface ObjectId {
  key: string;
  namespace?: string;
  name: string;
}

function idString(id: ObjectId): string {
  return `${id.key}|${id.namespace ?? ''}|${id.name}`;
}

function idOf(key: string, object: KubeObject): ObjectId {
  return { key, namespace: object.metadata.namespace, name: object.metadata.name ?? '' };
}

type Work = { kind: 'dependent'; id: ObjectId } | { kind: 'owner'; uid: string };

export class GarbageCollector implements RunningComponent {
  private readonly byUid = new Map<string, ObjectId>();
  private readonly dependents = new Map<string, Map<string, ObjectId>>();
  private readonly queue: Work[] = [];
  private readonly queued = new Set<string>();
  private running = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly registry: Registry) {}

  start(): void {
    const store = this.registry.store;
    for (const key of store.resourceKeys()) for (const item of store.list(key)) this.index(key, item.object, undefined);
    for (const key of store.resourceKeys())
      for (const item of store.list(key)) {
        if ((item.object.metadata.ownerReferences ?? []).length) this.enqueue({ kind: 'dependent', id: idOf(key, item.object) });
        if (item.object.metadata.deletionTimestamp) this.enqueue({ kind: 'owner', uid: item.object.metadata.uid ?? '' });
      }
    this.unsubscribe = store.onAnyChange((change) => this.observe(change));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
  }

  private index(key: string, object: KubeObject, previous: KubeObject | undefined): void {
    const id = idOf(key, object);
    const text = idString(id);
    for (const reference of previous?.metadata.ownerReferences ?? []) this.dependents.get(reference.uid)?.delete(text);
    if (object.metadata.uid) this.byUid.set(object.metadata.uid, id);
    for (const reference of object.metadata.ownerReferences ?? []) {
      let set = this.dependents.get(reference.uid);
      if (!set) {
        set = new Map();
        this.dependents.set(reference.uid, set);
      }
      set.set(text, id);
    }
  }

  private observe(change: StoredChange): void {
    const object = change.object;
    const uid = object.metadata.uid ?? '';
    if (change.type === 'DELETED') {
      this.byUid.delete(uid);
      for (const reference of object.metadata.ownerReferences ?? []) {
        this.dependents.get(reference.uid)?.delete(idString(idOf(change.resourceKey, object)));
        // An owner in foreground deletion may be waiting for this dependent.
        if (this.byUid.has(reference.uid)) this.enqueue({ kind: 'owner', uid: reference.uid });
      }
      for (const dependent of this.dependents.get(uid)?.values() ?? []) this.enqueue({ kind: 'dependent', id: dependent });
      return;
    }
    this.index(change.resourceKey, object, change.previous);
    if ((object.metadata.ownerReferences ?? []).length && change.type === 'ADDED') this.enqueue({ kind: 'dependent', id: idOf(change.resourceKey, object) });
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && (finalizers.includes('orphan') || finalizers.includes('foregroundDeletion'))) this.enqueue({ kind: 'owner', uid });
  }

  private enqueue(work: Work): void {
    const text = work.kind === 'owner' ? `owner:${work.uid}` : `dependent:${idString(work.id)}`;
    if (this.queued.has(text)) return;
    this.queued.add(text);
    this.queue.push(work);
    if (!this.running) void this.drain();
  }

  private async drain(): Promise<void> {
    this.running = true;
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length && !this.stopped) {
      const work = this.queue.shift() as Work;
      this.queued.delete(work.kind === 'owner' ? `owner:${work.uid}` : `dependent:${idString(work.id)}`);
      try {
        if (work.kind === 'owner') await this.processOwner(work.uid);
        else await this.processDependent(work.id);
      } catch (error) {
        if (!isApiError(error)) console.error('garbage collector:', error);
      }
    }
    this.running = false;
  }

  private strategyOf(key: string): ResourceStrategy | undefined {
    return this.registry.catalog.all.find((strategy) => `${strategy.resource.group}/${strategy.resource.resource}` === key);
  }

  private current(id: ObjectId): KubeObject | undefined {
    return this.registry.store.get(id.key, id.namespace, id.name)?.object;
  }

  /** A dependent whose owners are all gone is deleted; references to gone owners are dropped otherwise. */
  private async processDependent(id: ObjectId): Promise<void> {
    const object = this.current(id);
    const strategy = this.strategyOf(id.key);
    if (!object || !strategy) return;
    const references = object.metadata.ownerReferences ?? [];
    if (!references.length) return;
    const alive = references.filter((reference) => this.byUid.has(reference.uid));
    if (alive.length === references.length) {
      // An owner in foreground deletion takes its dependents with it.
      const deletingOwner = alive.some((reference) => {
        const owner = this.current(this.byUid.get(reference.uid) as ObjectId);
        return owner?.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes('foregroundDeletion');
      });
      if (deletingOwner && !object.metadata.deletionTimestamp) await this.registry.remove(strategy.resource, id.namespace, id.name, { propagationPolicy: 'Foreground' });
      return;
    }
    if (alive.length === 0) {
      if (!object.metadata.deletionTimestamp || strategy.kind === 'Pod') await this.registry.remove(strategy.resource, id.namespace, id.name, { propagationPolicy: 'Background' });
      return;
    }
    const updated = structuredClone(object);
    updated.metadata.ownerReferences = alive;
    await this.registry.update(strategy.resource, updated);
  }

  private async processOwner(uid: string): Promise<void> {
    const id = this.byUid.get(uid);
    if (!id) return;
    const owner = this.current(id);
    const strategy = this.strategyOf(id.key);
    if (!owner || !strategy || !owner.metadata.deletionTimestamp) return;
    const finalizers = owner.metadata.finalizers ?? [];
    const dependents = [...(this.dependents.get(uid)?.values() ?? [])];
    if (finalizers.includes('orphan')) {
      for (const dependentId of dependents) {
        const dependent = this.current(dependentId);
        const dependentStrategy = this.strategyOf(dependentId.key);
        if (!dependent || !dependentStrategy) continue;
        const updated = structuredClone(dependent);
        updated.metadata.ownerReferences = (updated.metadata.ownerReferences ?? []).filter((reference) => reference.uid !== uid);
        if (!updated.metadata.ownerReferences.length) delete updated.metadata.ownerReferences;
        await this.registry.update(dependentStrategy.resource, updated);
      }
      await this.dropFinalizer(strategy, id, 'orphan');
      return;
    }
    if (finalizers.includes('foregroundDeletion')) {
      const remaining = dependents.filter((dependentId) => this.current(dependentId));
      for (const dependentId of remaining) this.enqueue({ kind: 'dependent', id: dependentId });
      if (remaining.length === 0) await this.dropFinalizer(strategy, id, 'foregroundDeletion');
    }
  }

  private async dropFinalizer(strategy: ResourceStrategy, id: ObjectId, finalizer: string): Promise<void> {
    const owner = this.current(id);
    if (!owner) return;
    const updated = structuredClone(owner);
    updated.metadata.finalizers = (updated.metadata.finalizers ?? []).filter((item) => item !== finalizer);
    await this.registry.update(strategy.resource, updated);
  }
}
