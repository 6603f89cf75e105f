import type { KubeObject } from '../../sandbox/store/types';
import { printTable } from '../../sandbox/apiserver/printers';
import { strategyFor } from '../../sandbox/apiserver/registry/strategies';
import { median, type BenchScenario } from '../scenario';

/**
 * In-process cost of what the API schema adds to a `kubectl get pods` of 2,000 pods: turning them
 * into a meta.k8s.io/v1 Table (wide cells, PartialObjectMetadata rows). It is part of the issue's
 * "list of 2,000 pods < 100 ms" budget, so its own target is a fifth of that. Also the cost of
 * defaulting and validating one StatefulSet create.
 */

function pods(count: number): KubeObject[] {
  const created = new Date(Date.now() - 3_600_000).toISOString();
  return Array.from({ length: count }, (_, index) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${index}`, namespace: 'default', uid: `uid-${index}`, creationTimestamp: created, labels: { app: 'web' } },
    spec: { nodeName: 'sandbox', containers: [{ name: 'app', image: 'visits-app:1.0' }] },
    status: {
      phase: 'Running',
      podIPs: [{ ip: `127.244.${index >> 8}.${index & 255}` }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: index % 3, state: { running: { startedAt: created } }, lastState: index % 3 ? { terminated: { exitCode: 1, finishedAt: created } } : {} }],
    },
  }));
}

function statefulSet(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ containerPort: 8080 }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

export const scenario: BenchScenario = {
  name: 'table-printing',
  async run({ quick }) {
    const items = pods(2000);
    const repetitions = quick ? 5 : 30;
    const tableTimes: number[] = [];
    for (let run = 0; run < repetitions; run++) {
      const started = performance.now();
      printTable({ group: '', version: 'v1', resource: 'pods' }, items, { wide: true, includeObject: 'Metadata' });
      tableTimes.push(performance.now() - started);
    }
    const strategy = strategyFor({ group: 'apps', version: 'v1', resource: 'statefulsets' });
    if (!strategy) throw new Error('no StatefulSet strategy');
    const createTimes: number[] = [];
    for (let run = 0; run < repetitions * 20; run++) {
      const object = statefulSet();
      const started = performance.now();
      strategy.applyDefaults(object);
      strategy.validate(object);
      createTimes.push(performance.now() - started);
    }
    const table = median(tableTimes);
    const create = median(createTimes);
    return [
      { metric: 'Table of 2,000 pods (median)', value: Number(table.toFixed(2)), unit: 'ms', target: '< 20 ms', pass: table < 20 },
      { metric: 'StatefulSet defaults + validation (median)', value: Number((create * 1000).toFixed(1)), unit: 'µs', target: '< 1000 µs', pass: create < 1 },
    ];
  },
};
