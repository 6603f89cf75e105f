import { mkdirSync } from 'node:fs';
import type { KubeObject } from './types';
import { recover, WriteAheadLog, type LogRecord, type LogRecordPut } from './writeAheadLog';
import { WatchHistory, type StoredChange } from './watchHistory';

/**
 * The sandbox's etcd: every object by resource, namespace and name, one global revision counter
 * (resourceVersion), a window of recent changes for watches, and a durable log on disk.
 *
 * The store knows no kinds and no API rules: the registry (sandbox/apiserver/registry) decides what
 * to write. Objects handed to the store belong to it from then on and are never mutated again, so
 * readers get them without copying; their JSON is kept beside them, which makes a list of thousands
 * of objects a string join.
 */

export interface StoredObject {
  object: KubeObject;
  /** The object's JSON as UTF-8, made once when it was stored. */
  bytes: Buffer;
  json(): string;
}

/** `apps/statefulsets`, `/pods` (core group is empty). */
export function resourceKey(group: string, resource: string): string {
  return `${group}/${resource}`;
}

function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

class Entry implements StoredObject {
  readonly bytes: Buffer;
  constructor(
    readonly object: KubeObject,
    bytes?: Buffer,
  ) {
    this.bytes = bytes ?? Buffer.from(JSON.stringify(object));
  }
  json(): string {
    return this.bytes.toString('utf8');
  }
}

export type ChangeListener = (change: StoredChange) => void;

export class TooOldResourceVersionError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

export interface WriteResult {
  object: KubeObject;
  /** Resolves when the change is fsynced. */
  durable: Promise<void>;
}

export class ObjectStore {
  private readonly resources = new Map<string, Map<string, Entry>>();
  private readonly listeners = new Map<string, Set<ChangeListener>>();
  private readonly anyListeners = new Set<ChangeListener>();
  private revision = 0;
  private history!: WatchHistory;
  private log: WriteAheadLog | undefined;

  /** Opens (or creates) the store in `dir`, replaying what the last run acknowledged. */
  static async open(dir: string, options: { historySize?: number; compactAfterLines?: number } = {}): Promise<ObjectStore> {
    mkdirSync(dir, { recursive: true });
    const store = new ObjectStore();
    const recovered = recover(dir);
    store.revision = recovered.snapshotRevision;
    for (const item of recovered.snapshot) {
      const object = item.o as KubeObject;
      store.bucket(item.k).set(objectKey(object.metadata.namespace, object.metadata.name ?? ''), new Entry(object));
    }
    for (const record of recovered.records) store.replay(record);
    store.history = new WatchHistory(options.historySize ?? 10_000, store.revision);
    store.log = await WriteAheadLog.open(dir, () => store.snapshotSource(), {
      compactAfterLines: options.compactAfterLines,
      linesInLog: recovered.records.length,
    });
    if (recovered.records.length > 5_000) await store.log.compact();
    return store;
  }

  /** An in-memory store with no disk, for unit tests. */
  static inMemory(historySize = 10_000): ObjectStore {
    const store = new ObjectStore();
    store.history = new WatchHistory(historySize, 0);
    return store;
  }

  private replay(record: LogRecord): void {
    this.revision = Math.max(this.revision, record.r);
    if ('o' in record) {
      const object = (record as LogRecordPut).o as KubeObject;
      this.bucket(record.k).set(objectKey(object.metadata.namespace, object.metadata.name ?? ''), new Entry(object));
    } else {
      this.bucket(record.k).delete(objectKey(record.d[0] || undefined, record.d[1]));
    }
  }

  private bucket(key: string): Map<string, Entry> {
    let bucket = this.resources.get(key);
    if (!bucket) {
      bucket = new Map();
      this.resources.set(key, bucket);
    }
    return bucket;
  }

  private *snapshotLines(): Iterable<Buffer> {
    for (const [key, bucket] of this.resources) for (const entry of bucket.values()) yield Buffer.concat([Buffer.from(`{"k":${JSON.stringify(key)},"o":`), entry.bytes, Buffer.from('}')]);
  }

  private snapshotSource() {
    return { revision: this.revision, lines: this.snapshotLines() };
  }

  get currentRevision(): number {
    return this.revision;
  }

  get oldestResumableRevision(): number {
    return this.history.oldestResumable;
  }

  get(key: string, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.resources.get(key)?.get(objectKey(namespace, name));
  }

  /** Objects of a resource, all namespaces or one, in no particular order. */
  list(key: string, namespace?: string): StoredObject[] {
    const bucket = this.resources.get(key);
    if (!bucket) return [];
    const result: StoredObject[] = [];
    for (const entry of bucket.values()) if (!namespace || entry.object.metadata.namespace === namespace) result.push(entry);
    return result;
  }

  /** Every resource key that has held objects. */
  resourceKeys(): string[] {
    return [...this.resources.keys()];
  }

  count(): number {
    let total = 0;
    for (const bucket of this.resources.values()) total += bucket.size;
    return total;
  }

  /** Stores a new or changed object, stamping the next resourceVersion. The store owns `object` afterwards. */
  put(key: string, object: KubeObject): WriteResult {
    const id = objectKey(object.metadata.namespace, object.metadata.name ?? '');
    const bucket = this.bucket(key);
    const previous = bucket.get(id)?.object;
    const revision = ++this.revision;
    object.metadata.resourceVersion = String(revision);
    const entry = new Entry(object);
    bucket.set(id, entry);
    // The log line reuses the object's JSON instead of serializing it a second time.
    const durable = this.log ? this.log.appendRaw(Buffer.concat([Buffer.from(`{"r":${revision},"k":${JSON.stringify(key)},"o":`), entry.bytes, Buffer.from('}\n')])) : Promise.resolve();
    this.emit({ revision, resourceKey: key, type: previous ? 'MODIFIED' : 'ADDED', object, previous, bytes: entry.bytes });
    return { object, durable };
  }

  /** Removes an object; the DELETED event carries it with a fresh resourceVersion, as etcd's delete revision. */
  remove(key: string, namespace: string | undefined, name: string): WriteResult | undefined {
    const id = objectKey(namespace, name);
    const bucket = this.bucket(key);
    const previous = bucket.get(id)?.object;
    if (!previous) return undefined;
    bucket.delete(id);
    const revision = ++this.revision;
    const object: KubeObject = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(revision) } };
    const durable = this.log ? this.log.append({ r: revision, k: key, d: [namespace ?? '', name] }) : Promise.resolve();
    this.emit({ revision, resourceKey: key, type: 'DELETED', object, previous });
    return { object, durable };
  }

  private emit(change: StoredChange): void {
    this.history.push(change);
    const listeners = this.listeners.get(change.resourceKey);
    if (listeners) for (const listener of listeners) safely(listener, change);
    for (const listener of this.anyListeners) safely(listener, change);
  }

  /**
   * Delivers the changes of one resource after `fromRevision` (replayed from the window), then live
   * ones. Throws TooOldResourceVersionError when the window no longer reaches back that far.
   */
  watch(key: string, fromRevision: number, listener: ChangeListener): () => void {
    const backlog = this.history.since(key, fromRevision);
    if (!backlog) throw new TooOldResourceVersionError(fromRevision, this.history.oldestResumable);
    for (const change of backlog) safely(listener, change);
    let listeners = this.listeners.get(key);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(key, listeners);
    }
    const set = listeners;
    const own: ChangeListener = (change) => listener(change);
    set.add(own);
    return () => set.delete(own);
  }

  /** Every change of every resource, from now on (the garbage collector's view). */
  onAnyChange(listener: ChangeListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.log?.close();
  }
}

function safely(listener: ChangeListener, change: StoredChange): void {
  try {
    listener(change);
  } catch (error) {
    // A broken watcher must not stop the others or the write that triggered it.
    console.error('watch listener failed:', error);
  }
}
