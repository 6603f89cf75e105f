import { describe, expect, it } from 'vitest';
import type { PodView } from '../viewModels';
import { podChanges } from './statefulSetDetailFeed';

const view = (uid: string): PodView => ({ uid, name: uid }) as PodView;

describe('pod changes between two detail computations', () => {
  it('lists new and changed views by uid and the uids that are gone', () => {
    const a = view('a');
    const b = view('b');
    const c = view('c');
    const newB = view('b');
    const d = view('d');
    expect(podChanges([a, b, c], [a, newB, d])).toEqual({ upsert: [newB, d], remove: ['c'] });
    expect(podChanges([a, b, c], [a, newB, d])?.upsert[0]).toBe(newB);
  });

  it('is null when every view is the same object', () => {
    const a = view('a');
    expect(podChanges([a], [a])).toBeNull();
  });
});
