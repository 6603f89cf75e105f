import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim, Pod } from '../apiTypes';
import { claimOwnerRefsFor } from './retention';
import { webSet } from './testHarness';

const claim = (): PersistentVolumeClaim => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data-web-2', namespace: 'default', uid: 'c' }, spec: {} });
const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-2', namespace: 'default', uid: 'p' }, spec: { containers: [] } };

describe('persistentVolumeClaimRetentionPolicy', () => {
  it('leaves claims unowned under Retain/Retain', () => {
    expect(claimOwnerRefsFor(claim(), { ...webSet(), metadata: { name: 'web', uid: 's' } }, pod, true)).toBeUndefined();
  });

  it('whenDeleted Delete owns the claim by the set', () => {
    const set = { ...webSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }), metadata: { name: 'web', uid: 's' } };
    expect(claimOwnerRefsFor(claim(), set, pod, false)).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 's' }]);
  });

  it('whenScaled Delete owns a scaled-down claim by its pod, and lets go when it is back in range', () => {
    const set = { ...webSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Delete' } }), metadata: { name: 'web', uid: 's' } };
    const scaled = claimOwnerRefsFor(claim(), set, pod, true);
    expect(scaled).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: 'p' }]);
    const back = claimOwnerRefsFor({ ...claim(), metadata: { ...claim().metadata, ownerReferences: scaled } }, set, pod, false);
    expect(back).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 's' }]);
  });
});
