import { describe, expect, it } from 'vitest';
import { ObjectStore } from './objectStore';
import { backoffDelay } from './backoff';

const obj = (name: string, resourceVersion: string) => ({ metadata: { name, resourceVersion } });

describe('ObjectStore: a relist reports only real changes', () => {
  it('ignores an object with the same resourceVersion and reports new versions', () => {
    const store = new ObjectStore();
    expect(store.apply(obj('a', '1'))?.type).toBe('upsert');
    expect(store.apply(obj('a', '1'))).toBeUndefined();
    expect(store.apply(obj('a', '2'))).toMatchObject({ type: 'upsert', previous: { metadata: { resourceVersion: '1' } } });
  });

  it('deletes what a relist no longer contains, and nothing else', () => {
    const store = new ObjectStore();
    store.apply(obj('a', '1'));
    store.apply(obj('b', '1'));
    store.apply(obj('c', '1'));
    // relist: a unchanged, b changed, c gone
    const changes = [store.apply(obj('a', '1')), store.apply(obj('b', '5'))].filter(Boolean);
    const deletions = store.retainOnly(new Set(['a', 'b']));
    expect(changes.map((change) => change?.object.metadata?.name)).toEqual(['b']);
    expect(deletions.map((change) => change.object.metadata?.name)).toEqual(['c']);
    expect(store.list().map((o) => o.metadata?.name)).toEqual(['a', 'b']);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap and stays within [ceiling/2, ceiling]', () => {
    const options = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(800);
    expect(backoffDelay(10, options, () => 1)).toBe(1000);
    expect(backoffDelay(10, options, () => 0)).toBe(500);
  });
});
