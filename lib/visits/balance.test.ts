import { describe, expect, it } from 'vitest';
import { balanceStatistics, countsSinceBaseline, ratesBetween } from './balance';
import { chiSquarePValue, logGamma, regularizedGammaP, regularizedGammaQ } from './gamma';
import type { PodVisits } from './types';

describe('regularized gamma and chi-square p-values', () => {
  it('matches closed forms', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    for (const x of [0.1, 1, 2.5, 7, 30]) expect(regularizedGammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 12);
    // Q(2, x) = e^-x (1 + x)
    for (const x of [0.5, 3, 12]) expect(regularizedGammaQ(2, x)).toBeCloseTo(Math.exp(-x) * (1 + x), 12);
  });

  it('gives the textbook critical values of the chi-square table', () => {
    expect(chiSquarePValue(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(11.070497693516351, 5)).toBeCloseTo(0.05, 10);
    expect(chiSquarePValue(6.634896601021214, 1)).toBeCloseTo(0.01, 10);
    expect(chiSquarePValue(1, 1)).toBeCloseTo(0.31731050786291415, 10);
    expect(chiSquarePValue(10, 3)).toBeCloseTo(0.01856613546304325, 10);
  });

  it('keeps tiny tails accurate and clamps the edges', () => {
    // df = 10, x = 100: Q(5, 50) = e^-50 (1 + 50 + 50^2/2 + 50^3/6 + 50^4/24)
    const exact = Math.exp(-50) * (1 + 50 + 50 ** 2 / 2 + 50 ** 3 / 6 + 50 ** 4 / 24);
    expect(chiSquarePValue(100, 10) / exact).toBeCloseTo(1, 8);
    expect(chiSquarePValue(0, 4)).toBe(1);
    expect(chiSquarePValue(5, 0)).toBe(1);
  });
});

describe('balanceStatistics', () => {
  it('reads an even split as consistent with random balancing', () => {
    const stats = balanceStatistics([
      { pod: 'web-0', count: 10 },
      { pod: 'web-1', count: 10 },
      { pod: 'web-2', count: 10 },
    ]);
    expect(stats.total).toBe(30);
    expect(stats.chiSquare).toBe(0);
    expect(stats.degreesOfFreedom).toBe(2);
    expect(stats.pValue).toBe(1);
    expect(stats.coefficientOfVariation).toBe(0);
    expect(stats.maxMinRatio).toBe(1);
    expect(stats.pods[1]).toMatchObject({ share: 1 / 3, expectedShare: 1 / 3, deviation: 0, ratioToFair: 1 });
    expect(stats.reading).toBe('consistent with random per-connection balancing (p = 1.00)');
  });

  it('computes chi-square, CV and the skew sentence for uneven counts', () => {
    const stats = balanceStatistics([
      { pod: 'python-python-app-0', count: 30 },
      { pod: 'python-python-app-1', count: 10 },
      { pod: 'python-python-app-2', count: 20 },
    ]);
    expect(stats.chiSquare).toBeCloseTo(10, 12);
    expect(stats.pValue).toBeCloseTo(Math.exp(-5), 12);
    expect(stats.coefficientOfVariation).toBeCloseTo(Math.sqrt(200 / 3) / 20, 12);
    expect(stats.maxMinRatio).toBe(3);
    expect(stats.pods[0].deviation).toBeCloseTo(0.5 - 1 / 3, 12);
    expect(stats.reading).toBe('skewed: python-python-app-0 got 1.5x its fair share (p = 0.007); clients that keep connections alive stick to one pod');
  });

  it('writes p < 0.001 for strong skew and null max/min with an idle pod', () => {
    const stats = balanceStatistics([
      { pod: 'a-0', count: 0 },
      { pod: 'a-1', count: 3 },
      { pod: 'a-2', count: 93 },
    ]);
    expect(stats.maxMinRatio).toBeNull();
    expect(stats.reading).toBe('skewed: a-2 got 2.9x its fair share (p < 0.001); clients that keep connections alive stick to one pod');
  });

  it('says so when there is nothing to compare', () => {
    expect(balanceStatistics([]).reading).toBe('no pods to compare yet');
    expect(balanceStatistics([{ pod: 'a-0', count: 0 }, { pod: 'a-1', count: 0 }]).reading).toMatch(/no visits counted yet/);
    expect(balanceStatistics([{ pod: 'a-0', count: 5 }]).reading).toMatch(/only one pod/);
  });
});

describe('baselines and rates', () => {
  const visit = (pod: string, count: number | null): PodVisits => ({ pod, ordinal: Number(pod.slice(-1)), count, command: 'cat data/visits.txt', readAt: '', durationMs: 1 });

  it('counts since the baseline and restarts from zero when a file was reset', () => {
    const since = countsSinceBaseline([visit('a-0', 15), visit('a-1', 2), visit('a-2', null)], [visit('a-0', 10), visit('a-1', 7)]);
    expect(since).toEqual([
      { pod: 'a-0', count: 5 },
      { pod: 'a-1', count: 2 },
    ]);
  });

  it('derives per-pod rates from successive samples', () => {
    const rates = ratesBetween({ pods: [visit('a-0', 10), visit('a-1', null)], sampledAt: '2026-01-01T00:00:00.000Z' }, { pods: [visit('a-0', 20), visit('a-1', 4)], sampledAt: '2026-01-01T00:00:02.000Z' });
    expect(rates.get('a-0')).toBe(5);
    expect(rates.get('a-1')).toBeNull();
    expect(balanceStatistics([{ pod: 'a-0', count: 20 }], rates).pods[0].ratePerSecond).toBe(5);
  });
});
