import { describe, expect, it } from 'vitest';
import type { VisitsSample } from '@/lib/visits/types';
import { visitsRows } from './visitsTable';

const sample: VisitsSample = {
  statefulSet: 'web',
  path: 'data/visits.txt',
  sampledAt: '2026-01-01T00:00:00Z',
  pods: [
    { pod: 'web-1', ordinal: 1, count: 30, command: 'cat data/visits.txt', readAt: '', durationMs: 1 },
    { pod: 'web-0', ordinal: 0, count: 10, command: 'cat data/visits.txt', readAt: '', durationMs: 1 },
    { pod: 'web-2', ordinal: 2, count: null, error: 'pod is not running', command: 'cat data/visits.txt', readAt: '', durationMs: 1 },
  ],
  totals: { total: 40, pods: [], chiSquare: 0, degreesOfFreedom: 1, pValue: 1, coefficientOfVariation: 0, maxMinRatio: null, reading: '' },
};

describe('visitsRows', () => {
  it('orders by ordinal and computes shares over the readable pods', () => {
    const rows = visitsRows(sample, 'totals', {});
    expect(rows.map((row) => row.pod)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(rows[0].share).toBeCloseTo(0.25);
    expect(rows[1].ratioToFair).toBeCloseTo(1.5);
    expect(rows[2].count).toBeNull();
    expect(rows[2].error).toBe('pod is not running');
  });

  it('uses the counts since opening in the "since" view', () => {
    const rows = visitsRows(sample, 'since', { 'web-0': 5, 'web-1': 5 });
    expect(rows[0].count).toBe(5);
    expect(rows[0].share).toBeCloseTo(0.5);
  });
});
