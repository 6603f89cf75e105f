import { describe, expect, it } from 'vitest';
import type { PodView, StatefulSetDetail } from '@/lib/k8s/viewModels';
import type { VisitsSample } from '@/lib/visits/types';
import { initialDetailState, reduceDetail, reusePods, visitsSinceOpened } from './statefulSetDetailState';

function sample(counts: Record<string, number | null>, at = '2026-01-01T00:00:00Z'): VisitsSample {
  return {
    statefulSet: 'web',
    path: 'data/visits.txt',
    sampledAt: at,
    pods: Object.entries(counts).map(([pod, count], ordinal) => ({ pod, ordinal, count, command: 'cat data/visits.txt', readAt: at, durationMs: 1 })),
    totals: { total: 0, pods: [], chiSquare: 0, degreesOfFreedom: 0, pValue: 1, coefficientOfVariation: 0, maxMinRatio: null, reading: '' },
  };
}

function pod(name: string, resourceVersion: string, uid = name): PodView {
  return { name, uid, resourceVersion, ordinal: Number(name.split('-').at(-1)) } as PodView;
}

describe('visits since the page opened', () => {
  it('counts from the first sample, and from zero for a pod created later', () => {
    let state = reduceDetail(initialDetailState(), { type: 'visits', sample: sample({ 'web-0': 10, 'web-1': 4 }) });
    state = reduceDetail(state, { type: 'visits', sample: sample({ 'web-0': 15, 'web-1': 4, 'web-2': 3 }) });
    expect(visitsSinceOpened(state)).toEqual({ 'web-0': 5, 'web-1': 0, 'web-2': 3 });
  });

  it('keeps the baseline of a pod that could not be read at first', () => {
    let state = reduceDetail(initialDetailState(), { type: 'visits', sample: sample({ 'web-0': 10, 'web-1': null }) });
    state = reduceDetail(state, { type: 'visits', sample: sample({ 'web-0': 10, 'web-1': 7 }) });
    state = reduceDetail(state, { type: 'visits', sample: sample({ 'web-0': 10, 'web-1': 9 }) });
    expect(visitsSinceOpened(state)).toEqual({ 'web-0': 0, 'web-1': 2 });
  });

  it('starts again from zero when a file was reset', () => {
    let state = reduceDetail(initialDetailState(), { type: 'visits', sample: sample({ 'web-0': 10 }) });
    state = reduceDetail(state, { type: 'visits', sample: sample({ 'web-0': 2 }) });
    expect(visitsSinceOpened(state)).toEqual({ 'web-0': 2 });
  });
});

describe('pod identity across messages', () => {
  it('keeps unchanged pod objects so memoised cards do not render again', () => {
    const a = pod('web-0', '1');
    const b = pod('web-1', '1');
    const merged = reusePods([a, b], [pod('web-0', '1'), pod('web-1', '2')]);
    expect(merged[0]).toBe(a);
    expect(merged[1]).not.toBe(b);
    const same = [a, b];
    expect(reusePods(same, [pod('web-0', '1'), pod('web-1', '1')])).toBe(same);
  });

  it('applies a patch over the snapshot', () => {
    const detail = { pods: [pod('web-0', '1')], events: [] } as unknown as StatefulSetDetail;
    let state = reduceDetail(initialDetailState(), { type: 'snapshot', detail });
    state = reduceDetail(state, { type: 'patch', detail: { events: [] } });
    expect(state.detail?.pods[0]).toBe(detail.pods[0]);
  });

  it('applies pod changes: replaces by uid, adds in ordinal order, removes, keeps the others', () => {
    const zero = pod('web-0', '1');
    const one = pod('web-1', '1');
    const two = pod('web-2', '1');
    const detail = { pods: [zero, one, two], events: [] } as unknown as StatefulSetDetail;
    let state = reduceDetail(initialDetailState(), { type: 'snapshot', detail });
    const newOne = pod('web-1', '2');
    const three = pod('web-3', '1');
    state = reduceDetail(state, { type: 'pods', upsert: [three, newOne], remove: [two.uid] });
    expect(state.detail?.pods).toEqual([zero, newOne, three]);
    expect(state.detail?.pods[0]).toBe(zero);
    expect(state.detail?.pods[1]).toBe(newOne);
    // A pod recreated under the same name has a new uid: the old one leaves, the new one takes its place.
    const reborn = pod('web-1', '3', 'web-1-again');
    state = reduceDetail(state, { type: 'pods', upsert: [reborn], remove: [newOne.uid] });
    expect(state.detail?.pods.map((each) => each.uid)).toEqual(['web-0', 'web-1-again', 'web-3']);
    // Applying the same message twice (a resumed stream) changes nothing more.
    const again = reduceDetail(state, { type: 'pods', upsert: [reborn], remove: [newOne.uid] });
    expect(again.detail?.pods).toEqual(state.detail?.pods);
  });
});
