import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../store/types';
import { humanDuration, printTable } from './index';

const now = Date.parse('2026-01-01T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
const wide = { wide: true, includeObject: 'None' as const, now };

function pod(status: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'default', creationTimestamp: ago(235), ...(extra.metadata ?? {}) },
    spec: { nodeName: 'sandbox', containers: [{ name: 'app', image: 'visits-app:1.0' }], ...((extra.spec as object) ?? {}) },
    status,
  };
}

function podCells(object: KubeObject) {
  return printTable({ group: '', version: 'v1', resource: 'pods' }, [object], wide).rows[0].cells;
}

describe('humanDuration', () => {
  it('matches apimachinery duration.HumanDuration', () => {
    const cases: Array<[number, string]> = [
      [0, '0s'],
      [-1500, '0s'],
      [-5000, '<invalid>'],
      [59_000, '59s'],
      [119_000, '119s'],
      [235_000, '3m55s'],
      [504_000, '8m24s'],
      [600_000, '10m'],
      [47 * 60_000, '47m'],
      [3 * 3600_000, '3h'],
      [3 * 3600_000 + 20 * 60_000, '3h20m'],
      [30 * 3600_000, '30h'],
      [48 * 3600_000, '2d'],
      [50 * 3600_000, '2d2h'],
      [30 * 86400_000, '30d'],
      [800 * 86400_000, '2y70d'],
    ];
    for (const [milliseconds, text] of cases) expect(humanDuration(milliseconds), String(milliseconds)).toBe(text);
  });
});

describe('pod rows', () => {
  it('prints a running pod with its wide columns', () => {
    const running = pod({
      phase: 'Running',
      podIP: '127.244.0.5',
      podIPs: [{ ip: '127.244.0.5' }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: ago(230) } } }],
    });
    expect(podCells(running)).toEqual(['web-0', '1/1', 'Running', '0', '3m55s', '127.244.0.5', 'sandbox', '<none>', '<none>']);
    const table = printTable({ group: '', version: 'v1', resource: 'pods' }, [running], { wide: false, includeObject: 'Metadata', now });
    expect(table.columnDefinitions.map((column) => [column.name, column.priority])).toEqual([
      ['Name', 0],
      ['Ready', 0],
      ['Status', 0],
      ['Restarts', 0],
      ['Age', 0],
      ['IP', 1],
      ['Node', 1],
      ['Nominated Node', 1],
      ['Readiness Gates', 1],
    ]);
    expect(table.rows[0].cells).toHaveLength(5);
    expect(table.rows[0].object).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: running.metadata });
  });

  it('shows the waiting reason, restarts with their age, init progress, termination and completion', () => {
    const crashing = pod({
      phase: 'Running',
      containerStatuses: [{ name: 'app', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } }],
    });
    expect(podCells(crashing).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '4 (90s ago)']);
    const creating = pod({ phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] });
    expect(podCells(creating)[2]).toBe('ContainerCreating');
    const initializing = pod(
      { phase: 'Pending', initContainerStatuses: [{ name: 'init', ready: false, restartCount: 0, state: { running: {} } }] },
      { spec: { initContainers: [{ name: 'init', image: 'busybox' }], containers: [{ name: 'app', image: 'x' }] } },
    );
    expect(podCells(initializing)[2]).toBe('Init:0/1');
    const terminating = pod({ phase: 'Running' }, { metadata: { name: 'web-0', deletionTimestamp: ago(1), creationTimestamp: ago(60) } });
    expect(podCells(terminating)[2]).toBe('Terminating');
    const completed = pod({ phase: 'Succeeded', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] });
    const row = printTable({ group: '', version: 'v1', resource: 'pods' }, [completed], wide).rows[0];
    expect(row.cells[2]).toBe('Completed');
    expect(row.conditions).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
    const pulling = pod({ phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff' } } }] });
    expect(podCells(pulling)[2]).toBe('ImagePullBackOff');
  });
});

describe('other kinds', () => {
  it('prints the seed\'s StatefulSet, Service and claim rows', () => {
    const statefulSet: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'python-python-app', creationTimestamp: ago(236) },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'python-app', image: 'quiner/app-python:latest' }] } } },
      status: { readyReplicas: 3 },
    };
    expect(printTable({ group: 'apps', version: 'v1', resource: 'statefulsets' }, [statefulSet], wide).rows[0].cells).toEqual(['python-python-app', '3/3', '3m56s', 'python-app', 'quiner/app-python:latest']);

    const service: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'python-python-app', creationTimestamp: ago(236) },
      spec: { type: 'LoadBalancer', clusterIP: '10.101.60.78', clusterIPs: ['10.101.60.78'], ports: [{ port: 8080, nodePort: 31110, protocol: 'TCP' }], selector: { app: 'python' } },
      status: { loadBalancer: {} },
    };
    const kubernetes: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', creationTimestamp: ago(600) },
      spec: { type: 'ClusterIP', clusterIPs: ['10.96.0.1'], ports: [{ port: 443, protocol: 'TCP' }] },
    };
    expect(printTable({ group: '', version: 'v1', resource: 'services' }, [kubernetes, service], wide).rows.map((row) => row.cells)).toEqual([
      ['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '10m', '<none>'],
      ['python-python-app', 'LoadBalancer', '10.101.60.78', '<pending>', '8080:31110/TCP', '3m56s', 'app=python'],
    ]);

    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'visits-data-python-python-app-0', creationTimestamp: ago(504) },
      spec: { volumeName: 'pvc-1cf6be0f', storageClassName: 'standard', volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
    };
    const claimTable = printTable({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }, [claim], wide);
    expect(claimTable.columnDefinitions.filter((column) => column.priority === 0).map((column) => column.name)).toEqual([
      'Name',
      'Status',
      'Volume',
      'Capacity',
      'Access Modes',
      'StorageClass',
      'VolumeAttributesClass',
      'Age',
    ]);
    expect(claimTable.rows[0].cells).toEqual(['visits-data-python-python-app-0', 'Bound', 'pvc-1cf6be0f', '1Gi', 'RWO', 'standard', '<unset>', '8m24s', 'Filesystem']);
  });

  it('prints events, controller revisions, default storage classes and kinds without a printer', () => {
    const event: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-0.1', creationTimestamp: ago(200) },
      involvedObject: { kind: 'Pod', name: 'web-0' },
      reason: 'Scheduled',
      type: 'Normal',
      message: 'Successfully assigned default/web-0 to sandbox ',
      firstTimestamp: ago(200),
      lastTimestamp: ago(50),
      count: 2,
      source: { component: 'default-scheduler' },
    };
    expect(printTable({ group: '', version: 'v1', resource: 'events' }, [event], { wide: false, includeObject: 'None', now }).rows[0].cells).toEqual([
      '50s',
      'Normal',
      'Scheduled',
      'pod/web-0',
      'Successfully assigned default/web-0 to sandbox',
    ]);
    const revision: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'web-5d4f', creationTimestamp: ago(30), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true }] },
      revision: 2,
      data: {},
    };
    expect(printTable({ group: 'apps', version: 'v1', resource: 'controllerrevisions' }, [revision], wide).rows[0].cells).toEqual(['web-5d4f', 'statefulset.apps/web', 2, '30s']);
    const storageClass: KubeObject = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', creationTimestamp: ago(3600 * 49), annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'sandbox.local/hostpath',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    };
    expect(printTable({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' }, [storageClass], wide).rows[0].cells).toEqual([
      'standard (default)',
      'sandbox.local/hostpath',
      'Delete',
      'Immediate',
      false,
      '2d1h',
    ]);
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view', creationTimestamp: '2026-01-01T10:00:00Z' } };
    const roles = printTable({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' }, [role], wide);
    expect(roles.columnDefinitions.map((column) => column.name)).toEqual(['Name', 'Created At']);
    expect(roles.rows[0].cells).toEqual(['view', '2026-01-01T10:00:00Z']);
  });
});
