import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { podStatus } from './podStatus';
import { podView } from './podView';

function pod(status: V1Pod['status'], extra: Partial<V1Pod> = {}): V1Pod {
  return { metadata: { name: 'web-1', namespace: 'default', labels: { 'controller-revision-hash': 'web-abc' } }, spec: { containers: [{ name: 'app', image: 'visits-app:1.0' }] }, status, ...extra };
}

const running = { running: { startedAt: new Date() } };

describe('podStatus follows kubectl get pods', () => {
  it('prints Running for a ready pod and the waiting reason otherwise', () => {
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: running }] }))).toBe('Running');
    expect(podStatus(pod({ phase: 'Pending', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }))).toBe('ContainerCreating');
    expect(podStatus(pod({ phase: 'Pending', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } } }] }))).toBe('ImagePullBackOff');
    expect(podStatus(pod({ phase: 'Running', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }] }))).toBe('CrashLoopBackOff');
  });

  it('prints Pending with no container statuses, and the exit code of a terminated container without a reason', () => {
    expect(podStatus(pod({ phase: 'Pending' }))).toBe('Pending');
    expect(podStatus(pod({ phase: 'Failed', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } }] }))).toBe('ExitCode:3');
    expect(podStatus(pod({ phase: 'Failed', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, signal: 9 } } }] }))).toBe('Signal:9');
  });

  it('prints init container progress', () => {
    const init = pod(
      { phase: 'Pending', initContainerStatuses: [{ name: 'init', image: '', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }] },
      { spec: { initContainers: [{ name: 'init' }, { name: 'init2' }], containers: [{ name: 'app' }] } },
    );
    expect(podStatus(init)).toBe('Init:0/2');
    const failing = pod({ phase: 'Pending', initContainerStatuses: [{ name: 'init', image: '', imageID: '', ready: false, restartCount: 1, state: { terminated: { exitCode: 1, reason: 'Error' } } }] }, { spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'app' }] } });
    expect(podStatus(failing)).toBe('Init:Error');
  });

  it('prints Terminating once the pod has a deletionTimestamp', () => {
    const terminating = pod({ phase: 'Running', containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 0, state: running }] });
    terminating.metadata = { ...terminating.metadata, deletionTimestamp: new Date('2026-01-01T00:00:00Z') };
    expect(podStatus(terminating)).toBe('Terminating');
    expect(podView(terminating).deletionTimestamp).toBe('2026-01-01T00:00:00.000Z');
  });

  it('builds the pod view with ordinal, restarts, readiness and claims', () => {
    const view = podView(
      pod(
        {
          phase: 'Running',
          podIP: '127.244.0.3',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ name: 'app', image: '', imageID: '', ready: true, restartCount: 2, state: running }],
        },
        { spec: { nodeName: 'sandbox', containers: [{ name: 'app', image: 'visits-app:1.0' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }] } },
      ),
    );
    expect(view).toMatchObject({ ordinal: 1, status: 'Running', ready: true, readyContainers: 1, totalContainers: 1, restarts: 2, revision: 'web-abc', podIP: '127.244.0.3', node: 'sandbox', claims: ['data-web-1'] });
  });
});
