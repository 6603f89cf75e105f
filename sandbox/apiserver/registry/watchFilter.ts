import type { StoredChange } from '../../store/watchHistory';
import type { KubeObject, WatchEventType } from '../../store/types';
import { matchesFilter, type ListFilter } from './listFilter';

/**
 * Turns a stored change into what a filtered watch sees, like the watch cache's cacheWatcher: an
 * object that starts matching arrives as ADDED, one that stops matching leaves as DELETED (its last
 * matching state, at the new resourceVersion), and changes outside the filter are not seen at all.
 */
export interface FilteredEvent {
  type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  object: KubeObject;
  /** True when `object` is the stored object itself (so its cached JSON can be reused). */
  stored: boolean;
  /** The stored JSON of `object`, when there is one. */
  bytes?: Buffer;
}

export function filterChange(change: StoredChange, filter: ListFilter): FilteredEvent | undefined {
  const now = change.type === 'DELETED' ? false : matchesFilter(filter, change.object);
  const before = change.previous ? matchesFilter(filter, change.previous) : false;
  if (change.type === 'DELETED') return before ? { type: 'DELETED', object: change.object, stored: false } : undefined;
  if (now && before) return { type: 'MODIFIED', object: change.object, stored: true, bytes: change.bytes };
  if (now) return { type: 'ADDED', object: change.object, stored: true, bytes: change.bytes };
  if (before && change.previous) {
    const object = { ...change.previous, metadata: { ...change.previous.metadata, resourceVersion: change.object.metadata.resourceVersion } };
    return { type: 'DELETED', object, stored: false };
  }
  return undefined;
}
