import { describe, expect, it } from 'vitest';
import type { PodView, StatefulSetSummary } from '@/lib/k8s/viewModels';
import { planRollout } from './rolloutPlan';

function sts(overrides: Partial<StatefulSetSummary> = {}): StatefulSetSummary {
  return {
    name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1', replicas: 3, readyReplicas: 3, availableReplicas: 3,
    currentReplicas: 3, updatedReplicas: 3, statusReplicas: 3, currentRevision: 'web-old', updateRevision: 'web-old',
    observedGeneration: 1, generation: 1, podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', partition: 0 },
    serviceName: 'web', selector: {}, images: [], minReadySeconds: 0, ordinalsStart: 0,
    retentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, creationTimestamp: '', labels: {}, annotations: {},
    ...overrides,
  };
}

function pod(ordinal: number, overrides: Partial<PodView> = {}): PodView {
  return {
    name: `web-${ordinal}`, namespace: 'default', uid: `p${ordinal}`, resourceVersion: '1', ordinal, phase: 'Running', status: 'Running',
    ready: true, readyContainers: 1, totalContainers: 1, restarts: 0, revision: 'web-old', podIP: '', hostIP: '', node: 'n',
    creationTimestamp: '', images: [], claims: [], conditions: [], containerStates: [], ...overrides,
  };
}

describe('planRollout', () => {
  it('settles every pod when nothing is in flight', () => {
    const slots = planRollout(sts(), [pod(0), pod(1), pod(2)]);
    expect(slots.map((slot) => slot.role)).toEqual(['settled', 'settled', 'settled']);
  });

  it('OrderedReady scale-up: the lowest missing ordinal waits for the not-ready pod below it', () => {
    const slots = planRollout(sts({ replicas: 5 }), [pod(0), pod(1), pod(2), pod(3, { ready: false })]);
    expect(slots[3].role).toBe('next');
    expect(slots[4].role).toBe('waiting');
    expect(slots[4].pod).toBeUndefined();
    expect(slots[4].note).toContain('web-3');
  });

  it('Parallel scale-up creates every missing pod at once', () => {
    const slots = planRollout(sts({ replicas: 5, podManagementPolicy: 'Parallel' }), [pod(0), pod(1), pod(2)]);
    expect(slots.slice(3).map((slot) => slot.role)).toEqual(['next', 'next']);
  });

  it('scale-down removes the highest ordinal first and the others wait for it', () => {
    const slots = planRollout(sts({ replicas: 2 }), [pod(0), pod(1), pod(2), pod(3), pod(4)]);
    expect(slots[4].role).toBe('next');
    expect(slots[3].role).toBe('waiting');
    expect(slots[3].note).toContain('web-4');
    expect(slots[2].condemned).toBe(true);
  });

  it('rolling update goes from the highest ordinal down and holds pods below the partition', () => {
    const slots = planRollout(sts({ updateRevision: 'web-new', updateStrategy: { type: 'RollingUpdate', partition: 1 } }), [pod(0), pod(1), pod(2)]);
    expect(slots[2].role).toBe('next');
    expect(slots[1].role).toBe('waiting');
    expect(slots[0].role).toBe('held');
    expect(slots[0].note).toContain('partition is 1');
  });

  it('rolling update waits for a replaced pod to become Ready', () => {
    const slots = planRollout(sts({ updateRevision: 'web-new' }), [pod(0), pod(1), pod(2, { revision: 'web-new', ready: false })]);
    expect(slots[2].role).toBe('next');
    expect(slots[1].role).toBe('waiting');
    expect(slots[1].note).toContain('web-2 to be Ready');
  });
});
