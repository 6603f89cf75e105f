import { randomUUID } from 'node:crypto';
import type { ClusterClient, DeleteOptions, ListOptions } from '../../apiserver/registry/clusterClient';
import type { KubeObject, ResourceRef, WatchEvent } from '../../store/types';

/**
 * An in-memory ClusterClient for the controllers' unit tests: names, uids, resourceVersions,
 * generation on spec changes, 409 on a stale resourceVersion or an existing name, 404s, and watch
 * events. It has none of the registry's defaults or validation, and deletes at once (no grace
 * periods, no garbage collection): integration tests run the real sandbox for those.
 */
export class ApiStatusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (event: WatchEvent) => void;

export class MemoryClusterClient implements ClusterClient {
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly handlers = new Map<string, Set<{ namespace: string | undefined; handler: Handler }>>();
  private version = 1;
  /** Every write, for assertions on what a controller did. */
  readonly writes: Array<{ verb: string; resource: string; name: string }> = [];

  private table(resource: ResourceRef): Map<string, KubeObject> {
    const id = `${resource.group}/${resource.resource}`;
    let table = this.objects.get(id);
    if (!table) this.objects.set(id, (table = new Map()));
    return table;
  }

  private emit(resource: ResourceRef, type: WatchEvent['type'], object: KubeObject): void {
    for (const { namespace, handler } of this.handlers.get(`${resource.group}/${resource.resource}`) ?? []) {
      if (namespace === undefined || namespace === object.metadata.namespace) handler({ type, object: structuredClone(object) });
    }
  }

  get<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, name: string): T | undefined {
    const found = this.table(resource).get(`${namespace ?? ''}/${name}`);
    return found ? (structuredClone(found) as T) : undefined;
  }

  list<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, options: ListOptions = {}): { items: T[]; resourceVersion: string } {
    const wanted = parseEquality(options.labelSelector);
    const items = [...this.table(resource).values()]
      .filter((object) => namespace === undefined || object.metadata.namespace === namespace)
      .filter((object) => Object.entries(wanted).every(([key, value]) => object.metadata.labels?.[key] === value))
      .map((object) => structuredClone(object) as T);
    return { items, resourceVersion: String(this.version) };
  }

  async create<T extends KubeObject>(resource: ResourceRef, object: T): Promise<T> {
    const copy = structuredClone(object);
    if (!copy.metadata.name && copy.metadata.generateName) copy.metadata.name = `${copy.metadata.generateName}${randomUUID().slice(0, 5)}`;
    const key = `${copy.metadata.namespace ?? ''}/${copy.metadata.name}`;
    if (this.table(resource).has(key)) throw new ApiStatusError(409, `${resource.resource} "${copy.metadata.name}" already exists`);
    copy.metadata.uid = randomUUID();
    copy.metadata.resourceVersion = String(++this.version);
    copy.metadata.creationTimestamp = new Date().toISOString();
    copy.metadata.generation = 1;
    this.table(resource).set(key, copy);
    this.writes.push({ verb: 'create', resource: resource.resource, name: copy.metadata.name ?? '' });
    this.emit(resource, 'ADDED', copy);
    return structuredClone(copy);
  }

  private existing(resource: ResourceRef, object: KubeObject): KubeObject {
    const key = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
    const old = this.table(resource).get(key);
    if (!old) throw new ApiStatusError(404, `${resource.resource} "${object.metadata.name}" not found`);
    if (object.metadata.resourceVersion && object.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw new ApiStatusError(409, `Operation cannot be fulfilled on ${resource.resource} "${object.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`);
    }
    return old;
  }

  async update<T extends KubeObject>(resource: ResourceRef, object: T): Promise<T> {
    const old = this.existing(resource, object);
    const next = structuredClone({ ...object, status: old.status }) as KubeObject;
    if (old.status === undefined) delete next.status;
    next.metadata = { ...structuredClone(object.metadata), uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp, resourceVersion: String(++this.version) };
    const specOf = (value: KubeObject) => JSON.stringify({ ...value, metadata: undefined, status: undefined });
    next.metadata.generation = (old.metadata.generation ?? 1) + (specOf(old) !== specOf(next) ? 1 : 0);
    this.table(resource).set(`${next.metadata.namespace ?? ''}/${next.metadata.name}`, next);
    this.writes.push({ verb: 'update', resource: resource.resource, name: next.metadata.name ?? '' });
    this.emit(resource, 'MODIFIED', next);
    return structuredClone(next) as T;
  }

  async updateStatus<T extends KubeObject>(resource: ResourceRef, object: T): Promise<T> {
    const old = this.existing(resource, object);
    const next: KubeObject = { ...structuredClone(old), status: structuredClone(object.status) };
    next.metadata.resourceVersion = String(++this.version);
    this.table(resource).set(`${next.metadata.namespace ?? ''}/${next.metadata.name}`, next);
    this.writes.push({ verb: 'updateStatus', resource: resource.resource, name: next.metadata.name ?? '' });
    this.emit(resource, 'MODIFIED', next);
    return structuredClone(next) as unknown as T;
  }

  async delete(resource: ResourceRef, namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<void> {
    const key = `${namespace ?? ''}/${name}`;
    const old = this.table(resource).get(key);
    if (!old || (options.uid && options.uid !== old.metadata.uid)) throw new ApiStatusError(404, `${resource.resource} "${name}" not found`);
    this.table(resource).delete(key);
    this.writes.push({ verb: 'delete', resource: resource.resource, name });
    this.emit(resource, 'DELETED', old);
  }

  watch<T extends KubeObject>(resource: ResourceRef, namespace: string | undefined, _resourceVersion: string, handler: (event: WatchEvent<T>) => void): () => void {
    const id = `${resource.group}/${resource.resource}`;
    let set = this.handlers.get(id);
    if (!set) this.handlers.set(id, (set = new Set()));
    const entry = { namespace, handler: handler as unknown as Handler };
    set.add(entry);
    for (const object of this.list<T>(resource, namespace).items) handler({ type: 'ADDED', object });
    return () => set.delete(entry);
  }
}

function parseEquality(selector: string | undefined): Record<string, string> {
  const wanted: Record<string, string> = {};
  for (const part of (selector ?? '').split(',').filter(Boolean)) {
    const [key, value] = part.split('=');
    wanted[key.trim()] = (value ?? '').trim();
  }
  return wanted;
}
