import type { KubernetesObject } from '@kubernetes/client-node';

export type StoreChange<T> = { type: 'upsert'; object: T; previous?: T } | { type: 'delete'; object: T };

/**
 * The cache's own copy of one kind in one namespace, independent of any single informer. Every
 * informer restart relists from scratch; feeding the relist through `apply` and then `retainOnly`
 * reports only what really changed (a new resourceVersion, an object that appeared or vanished),
 * so a relist after a 410 or a reconnect does not make the UI flash.
 */
export class ObjectStore<T extends KubernetesObject> {
  private readonly objects = new Map<string, T>();

  apply(object: T): StoreChange<T> | undefined {
    const name = object.metadata?.name ?? '';
    const previous = this.objects.get(name);
    if (previous && previous.metadata?.resourceVersion && previous.metadata.resourceVersion === object.metadata?.resourceVersion) return undefined;
    this.objects.set(name, object);
    return previous ? { type: 'upsert', object, previous } : { type: 'upsert', object };
  }

  remove(object: T): StoreChange<T> | undefined {
    const name = object.metadata?.name ?? '';
    const previous = this.objects.get(name);
    if (!previous) return undefined;
    this.objects.delete(name);
    return { type: 'delete', object: previous };
  }

  /** After a relist: drop what the new list no longer has. */
  retainOnly(names: Set<string>): StoreChange<T>[] {
    const changes: StoreChange<T>[] = [];
    for (const [name, object] of this.objects) {
      if (names.has(name)) continue;
      this.objects.delete(name);
      changes.push({ type: 'delete', object });
    }
    return changes;
  }

  get(name: string): T | undefined {
    return this.objects.get(name);
  }

  list(): T[] {
    return [...this.objects.values()];
  }

  get size(): number {
    return this.objects.size;
  }
}
