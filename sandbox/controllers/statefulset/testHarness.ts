import { resources } from '../../apiserver/registry/clusterClient';
import type { RecordedEvent, SandboxContext } from '../../context';
import type { Pod, StatefulSet } from '../apiTypes';
import { MemoryClusterClient } from '../testing/memoryClusterClient';
import { startStatefulSetController } from './statefulSetController';

/** A StatefulSet controller on an in-memory API, with a hand-driven "kubelet" for unit tests. */
export function startHarness() {
  const client = new MemoryClusterClient();
  const events: RecordedEvent[] = [];
  const ctx: SandboxContext = { client, dataDir: '/nonexistent', rootDir: '/nonexistent', speed: 0.05, recordEvent: (event) => events.push(event), log: () => undefined };
  const controller = startStatefulSetController(ctx, { workers: 1 });

  /** Lets watch events, queue and workers run until nothing is left to do. */
  async function settle(): Promise<void> {
    for (let quietRounds = 0; quietRounds < 5; ) {
      const before = client.writes.length;
      await new Promise((resolve) => setTimeout(resolve, 5));
      quietRounds = controller.pending() === 0 && client.writes.length === before ? quietRounds + 1 : 0;
    }
  }

  const podNames = () => client.list<Pod>(resources.pods, 'default').items.map((pod) => pod.metadata.name ?? '').sort();
  const pod = (name: string) => client.get<Pod>(resources.pods, 'default', name);
  const set = (name = 'web') => client.get<StatefulSet>(resources.statefulSets, 'default', name);

  async function markReady(name: string): Promise<void> {
    const current = pod(name);
    if (!current) throw new Error(`no pod ${name}`);
    await client.updateStatus(resources.pods, {
      ...current,
      status: { phase: 'Running', podIP: '127.244.0.1', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date().toISOString() }] },
    });
    await settle();
  }

  async function markAllReady(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const waiting = podNames().filter((name) => pod(name)?.status?.phase !== 'Running');
      if (waiting.length === 0) return;
      for (const name of waiting) await markReady(name);
    }
  }

  async function updateSet(change: (set: StatefulSet) => void, name = 'web'): Promise<void> {
    const current = set(name);
    if (!current) throw new Error(`no set ${name}`);
    change(current);
    await client.update(resources.statefulSets, current);
    await settle();
  }

  return { client, events, controller, settle, podNames, pod, set, markReady, markAllReady, updateSet, stop: () => controller.stop() };
}

export function webSet(overrides: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      ...overrides,
    },
  };
}
