import { describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectStore, TooOldResourceVersionError } from './objectStore';
import type { KubeObject } from './types';

const configMap = (name: string, value = '1'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { value } });

describe('object store', () => {
  it('stamps one global resourceVersion and replays changes after a revision', () => {
    const store = ObjectStore.inMemory(100);
    const first = store.put('/configmaps', configMap('a')).object;
    store.put('/secrets', { ...configMap('s'), kind: 'Secret' });
    store.put('/configmaps', configMap('a', '2'));
    store.remove('/configmaps', 'default', 'a');
    const seen: string[] = [];
    const stop = store.watch('/configmaps', Number(first.metadata.resourceVersion), (change) => seen.push(`${change.type}:${change.revision}`));
    expect(seen).toEqual(['MODIFIED:3', 'DELETED:4']);
    stop();
  });

  it('refuses a resume older than its window', () => {
    const store = ObjectStore.inMemory(3);
    for (let index = 0; index < 6; index++) store.put('/configmaps', configMap(`c${index}`));
    expect(() => store.watch('/configmaps', 1, () => undefined)).toThrow(TooOldResourceVersionError);
    expect(() => store.watch('/configmaps', 3, () => undefined)).not.toThrow();
  });

  it('recovers from its log, ignores a torn last line and keeps counting', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'store-test-'));
    try {
      const store = await ObjectStore.open(dir);
      await store.put('/configmaps', configMap('a')).durable;
      await store.put('/configmaps', configMap('b')).durable;
      await store.remove('/configmaps', 'default', 'a')?.durable;
      await store.close();
      appendFileSync(path.join(dir, 'store.log'), '{"r":9,"k":"/configmaps","o":{"meta');
      const reopened = await ObjectStore.open(dir);
      expect(reopened.list('/configmaps').map((item) => item.object.metadata.name)).toEqual(['b']);
      expect(reopened.currentRevision).toBe(3);
      await reopened.put('/configmaps', configMap('c')).durable;
      await reopened.close();
      const third = await ObjectStore.open(dir, { compactAfterLines: 1 });
      expect(third.list('/configmaps').map((item) => item.object.metadata.name).sort()).toEqual(['b', 'c']);
      await third.put('/configmaps', configMap('d')).durable;
      await third.close();
      const afterCompaction = await ObjectStore.open(dir);
      expect(afterCompaction.list('/configmaps').map((item) => item.object.metadata.name).sort()).toEqual(['b', 'c', 'd']);
      expect(afterCompaction.currentRevision).toBe(5);
      await afterCompaction.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
