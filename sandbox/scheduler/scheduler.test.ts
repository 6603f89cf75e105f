import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resources } from '../apiserver/registry/clusterClient';
import type { RecordedEvent, RunningComponent } from '../context';
import { MemoryClusterClient } from '../controllers/testing/memoryClusterClient';
import type { KubeObject } from '../store/types';
import { startScheduler } from './index';

interface PodLike extends KubeObject {
  spec: { nodeName?: string; schedulerName?: string; nodeSelector?: Record<string, string>; volumes?: Array<{ name: string; persistentVolumeClaim: { claimName: string } }> };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string }> };
}

let client: MemoryClusterClient;
let events: RecordedEvent[];
let scheduler: RunningComponent;

beforeEach(async () => {
  client = new MemoryClusterClient();
  events = [];
  await client.create(resources.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'sandbox' } });
  scheduler = await startScheduler({ client, dataDir: '/nonexistent', rootDir: process.cwd(), speed: 0.02, recordEvent: (event) => events.push(event), log: () => undefined });
});

afterEach(async () => {
  await scheduler.stop();
});

async function until<T>(read: () => T | undefined | false, what: string): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const value = read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const pod = (name: string, spec: PodLike['spec'] = {}): PodLike => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });
const read = (name: string) => client.get<PodLike>(resources.pods, 'default', name);

describe('scheduler', () => {
  it('binds a pending pod to sandbox with PodScheduled and the Scheduled event', async () => {
    await client.create(resources.pods, pod('web-0'));
    const bound = await until(() => read('web-0')?.status?.conditions?.some((condition) => condition.type === 'PodScheduled' && condition.status === 'True') && read('web-0'), 'binding');
    expect(bound.spec.nodeName).toBe('sandbox');
    expect(events.map((event) => [event.reason, event.message, event.component])).toEqual([['Scheduled', 'Successfully assigned default/web-0 to sandbox', 'default-scheduler']]);
  });

  it('keeps a pod whose nodeSelector the node does not match Pending', async () => {
    await client.create(resources.pods, pod('gpu-0', { nodeSelector: { accelerator: 'gpu' } }));
    const failed = await until(() => events.find((event) => event.reason === 'FailedScheduling'), 'FailedScheduling');
    expect(failed.message).toContain("didn't match Pod's node affinity/selector");
    expect(read('gpu-0')?.spec.nodeName).toBeUndefined();
  });

  it('leaves pods of another scheduler alone', async () => {
    await client.create(resources.pods, pod('other-0', { schedulerName: 'my-scheduler' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(read('other-0')?.spec.nodeName).toBeUndefined();
  });

  it('waits for the claim to be bound, reporting FailedScheduling, then binds', async () => {
    await client.create(resources.pods, pod('db-0', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] }));
    const failed = await until(() => events.find((event) => event.reason === 'FailedScheduling'), 'FailedScheduling');
    expect(failed.message).toContain('persistentvolumeclaim "data-db-0" not found');
    expect(read('db-0')?.spec.nodeName).toBeUndefined();
    const claim = await client.create(resources.persistentVolumeClaims, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-db-0', namespace: 'default' }, spec: {} });
    await client.updateStatus(resources.persistentVolumeClaims, { ...claim, status: { phase: 'Bound' } });
    await until(() => read('db-0')?.spec.nodeName === 'sandbox', 'binding after the claim is bound');
  });
});
