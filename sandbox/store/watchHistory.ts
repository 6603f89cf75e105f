import type { KubeObject, WatchEventType } from './types';

/**
 * The window of recent changes a watch can resume from, like the watch cache of kube-apiserver.
 * One ring for every resource: a resume older than its oldest entry is "too old" (410 Expired).
 */
export interface StoredChange {
  revision: number;
  resourceKey: string;
  type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  object: KubeObject;
  /** The object before the change (MODIFIED, DELETED), for selector transitions. */
  previous?: KubeObject;
  /** The JSON of `object` when the store already has it (ADDED, MODIFIED). */
  bytes?: Buffer;
}

export class WatchHistory {
  private readonly ring: Array<StoredChange | undefined>;
  private start = 0;
  private size = 0;
  /** Every change after this revision is still in the window. */
  private complete: number;

  constructor(
    private readonly capacity: number,
    startRevision: number,
  ) {
    this.ring = new Array<StoredChange | undefined>(capacity);
    this.complete = startRevision;
  }

  push(change: StoredChange): void {
    if (this.size === this.capacity) {
      const evicted = this.ring[this.start];
      if (evicted) this.complete = evicted.revision;
      this.ring[this.start] = change;
      this.start = (this.start + 1) % this.capacity;
    } else {
      this.ring[(this.start + this.size) % this.capacity] = change;
      this.size++;
    }
  }

  /** The oldest revision a watch may start from (inclusive: changes after it are all here). */
  get oldestResumable(): number {
    return this.complete;
  }

  /** Changes of one resource after `revision`, oldest first; undefined when the window no longer reaches back that far. */
  since(resourceKey: string, revision: number): StoredChange[] | undefined {
    if (revision < this.complete) return undefined;
    const result: StoredChange[] = [];
    for (let i = 0; i < this.size; i++) {
      const change = this.ring[(this.start + i) % this.capacity];
      if (change && change.revision > revision && change.resourceKey === resourceKey) result.push(change);
    }
    return result;
  }
}
