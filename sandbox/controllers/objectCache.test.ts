import { describe, expect, it } from 'vitest';
import { resources } from '../apiserver/registry/clusterClient';
import type { Pod } from './apiTypes';
import { ObjectCache } from './objectCache';
import { MemoryClusterClient } from './testing/memoryClusterClient';

const pod = (name: string, namespace = 'default'): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { containers: [{ name: 'app', image: 'visits-app:1.0' }] } });

describe('ObjectCache', () => {
  it('holds what exists and follows creates, updates and deletes, per namespace', async () => {
    const client = new MemoryClusterClient();
    await client.create(resources.pods, pod('before'));
    const cache = new ObjectCache<Pod>(client, resources.pods);
    await client.create(resources.pods, pod('a'));
    await client.create(resources.pods, pod('b', 'other'));
    const a = client.get<Pod>(resources.pods, 'default', 'a') as Pod;
    await client.updateStatus(resources.pods, { ...a, status: { phase: 'Running' } });
    expect(cache.list('default').map((item) => item.metadata.name).sort()).toEqual(['a', 'before']);
    expect(cache.list('other').map((item) => item.metadata.name)).toEqual(['b']);
    expect(cache.get('default', 'a')?.status?.phase).toBe('Running');
    await client.delete(resources.pods, 'default', 'before');
    expect(cache.get('default', 'before')).toBeUndefined();
    expect(cache.all().map((item) => item.metadata.name).sort()).toEqual(['a', 'b']);
    cache.stop();
  });

  it('keeps the newest object when a watcher writes from inside its handler (the older event arrives last)', async () => {
    const client = new MemoryClusterClient();
    // A watcher registered before the cache that answers every new pod with a status write, synchronously.
    client.watch<Pod>(resources.pods, undefined, '', (event) => {
      if (event.type === 'ADDED' && !event.object.status) void client.updateStatus(resources.pods, { ...event.object, status: { phase: 'Running' } });
    });
    const cache = new ObjectCache<Pod>(client, resources.pods);
    const seen: string[] = [];
    cache.onChange((event) => seen.push(`${event.type} ${event.object.status?.phase ?? '-'}`));
    await client.create(resources.pods, pod('web-0'));
    expect(cache.get('default', 'web-0')?.status?.phase).toBe('Running');
    // The stale ADDED is not passed on either: listeners never see the object go back in time.
    expect(seen).toEqual(['MODIFIED Running']);
  });

  it('does not bring back an object whose deletion overtook its creation', async () => {
    const client = new MemoryClusterClient();
    client.watch<Pod>(resources.pods, undefined, '', (event) => {
      if (event.type === 'ADDED' && event.object.metadata.name === 'doomed') void client.delete(resources.pods, 'default', 'doomed');
    });
    const cache = new ObjectCache<Pod>(client, resources.pods);
    await client.create(resources.pods, pod('doomed')).catch(() => undefined);
    expect(cache.get('default', 'doomed')).toBeUndefined();
    expect(client.get(resources.pods, 'default', 'doomed')).toBeUndefined();
  });
});
