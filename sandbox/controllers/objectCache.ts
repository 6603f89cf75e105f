import type { ClusterClient } from '../apiserver/registry/clusterClient';
import type { KubeObject, ResourceRef, WatchEvent } from '../store/types';

const maxRememberedDeletions = 10_000;

/** The store's resourceVersions are increasing integers; anything else compares as unknown (0). */
function revisionOf(object: KubeObject): number {
  const revision = Number(object.metadata.resourceVersion);
  return Number.isSafeInteger(revision) ? revision : 0;
}

/**
 * An informer's store for one resource: the objects as the watch last delivered them, indexed by
 * namespace. Controllers read it instead of listing through the client, which copies every object on
 * every call: with a thousand pods a sync then costs a walk over references, not a thousand deep copies.
 *
 * The in-process watch delivers each change synchronously with the write, so the cache is as fresh
 * as `client.get` right after a write returns (no expectations bookkeeping needed, unlike client-go).
 * Objects handed out are shared: callers must not mutate them (spread, then write).
 */
export class ObjectCache<T extends KubeObject> {
  private readonly byNamespace = new Map<string, Map<string, T>>();
  private readonly listeners = new Set<(event: WatchEvent<T>) => void>();
  private readonly stopWatch: () => void;
  /** UIDs of recently deleted objects (insertion order = age). */
  private readonly deleted = new Set<string>();

  constructor(client: ClusterClient, resource: ResourceRef) {
    this.stopWatch = client.watch<T>(resource, undefined, '', (event) => this.apply(event));
  }

  private apply(event: WatchEvent<T>): void {
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const object = event.object;
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    const uid = object.metadata.uid ?? '';
    let bucket = this.byNamespace.get(namespace);
    const cached = bucket?.get(name);
    if (event.type === 'DELETED') {
      // Only the object that went: a DELETED of an older incarnation must not drop its successor.
      if (cached && (!uid || cached.metadata.uid === uid)) bucket?.delete(name);
      if (bucket?.size === 0) this.byNamespace.delete(namespace);
      if (uid) this.rememberDeleted(uid);
    } else {
      // A watcher that writes from inside its handler makes the store deliver the newer change before
      // the older one reaches the watchers after it: keep the newest, and never revive a deleted object.
      if (uid && this.deleted.has(uid)) return;
      if (cached && cached.metadata.uid === uid && revisionOf(cached) > revisionOf(object)) return;
      if (!bucket) this.byNamespace.set(namespace, (bucket = new Map()));
      bucket.set(name, object);
    }
    for (const listener of this.listeners) listener(event);
  }

  private rememberDeleted(uid: string): void {
    this.deleted.add(uid);
    // Bounded: late deliveries only happen within one synchronous cascade of writes.
    if (this.deleted.size > maxRememberedDeletions) {
      const oldest = this.deleted.values().next().value;
      if (oldest !== undefined) this.deleted.delete(oldest);
    }
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.byNamespace.get(namespace ?? '')?.get(name);
  }

  /** The objects of one namespace, in no particular order. */
  list(namespace: string | undefined): T[] {
    const bucket = this.byNamespace.get(namespace ?? '');
    return bucket ? [...bucket.values()] : [];
  }

  /** Every cached object, all namespaces. */
  all(): T[] {
    const objects: T[] = [];
    for (const bucket of this.byNamespace.values()) for (const object of bucket.values()) objects.push(object);
    return objects;
  }

  /** Calls `listener` after the cache applied each change (so the listener's reads see it). */
  onChange(listener: (event: WatchEvent<T>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopWatch();
    this.listeners.clear();
  }
}
