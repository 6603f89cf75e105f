import type { BalanceStatistics, PodBalance, PodVisits } from './types';
import { chiSquarePValue } from './gamma';

/**
 * What the per-pod counts say about load balancing. The counts are tested against an even split
 * with Pearson's chi-square (df = pods - 1): a high p-value means the spread is what random
 * per-connection balancing produces; a low one means something pins clients to pods (usually
 * keep-alive connections, which kube-proxy balances once per connection, not per request).
 */
export interface PodCount {
  pod: string;
  count: number;
}

export const significanceLevel = 0.05;

export function balanceStatistics(counts: PodCount[], rates: Map<string, number | null> = new Map()): BalanceStatistics {
  const n = counts.length;
  const total = counts.reduce((sum, pod) => sum + pod.count, 0);
  const expectedShare = n > 0 ? 1 / n : 0;
  const pods: PodBalance[] = counts.map((pod) => {
    const share = total > 0 ? pod.count / total : 0;
    return {
      pod: pod.pod,
      count: pod.count,
      share,
      expectedShare,
      deviation: share - expectedShare,
      ratioToFair: total > 0 && expectedShare > 0 ? share / expectedShare : 0,
      ratePerSecond: rates.get(pod.pod) ?? null,
    };
  });
  const mean = n > 0 ? total / n : 0;
  const chiSquare = n > 1 && mean > 0 ? counts.reduce((sum, pod) => sum + (pod.count - mean) ** 2 / mean, 0) : 0;
  const degreesOfFreedom = Math.max(0, n - 1);
  const pValue = n > 1 && total > 0 ? chiSquarePValue(chiSquare, degreesOfFreedom) : 1;
  const variance = n > 0 ? counts.reduce((sum, pod) => sum + (pod.count - mean) ** 2, 0) / n : 0;
  const coefficientOfVariation = mean > 0 ? Math.sqrt(variance) / mean : 0;
  const min = n > 0 ? Math.min(...counts.map((pod) => pod.count)) : 0;
  const max = n > 0 ? Math.max(...counts.map((pod) => pod.count)) : 0;
  const maxMinRatio = min > 0 ? max / min : null;
  const statistics: BalanceStatistics = { total, pods, chiSquare, degreesOfFreedom, pValue, coefficientOfVariation, maxMinRatio, reading: '' };
  statistics.reading = readBalance(statistics);
  return statistics;
}

export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

/** The one-sentence reading the UI shows above the chart. */
export function readBalance(statistics: BalanceStatistics): string {
  const { pods, total, pValue } = statistics;
  if (pods.length === 0) return 'no pods to compare yet';
  if (total === 0) return 'no visits counted yet: send some traffic to the Service';
  if (pods.length === 1) return `only one pod (${pods[0].pod}) serves the traffic, so there is nothing to balance`;
  if (pValue >= significanceLevel) return `consistent with random per-connection balancing (${formatPValue(pValue)})`;
  const top = pods.reduce((best, pod) => (pod.ratioToFair > best.ratioToFair ? pod : best), pods[0]);
  return `skewed: ${top.pod} got ${top.ratioToFair.toFixed(1)}x its fair share (${formatPValue(pValue)}); clients that keep connections alive stick to one pod`;
}

/** Counts since a baseline sample (the files are cumulative). A count that went down means the file was reset: count it from zero. */
export function countsSinceBaseline(current: PodVisits[], baseline: PodVisits[]): PodCount[] {
  const before = new Map(baseline.map((pod) => [pod.pod, pod.count]));
  return current.flatMap((pod) => {
    if (pod.count === null) return [];
    const start = before.get(pod.pod) ?? 0;
    return [{ pod: pod.pod, count: start !== null && pod.count >= start ? pod.count - start : pod.count }];
  });
}

/** Visits per second per pod between two successive samples; null where either count is missing or the file was reset. */
export function ratesBetween(previous: { pods: PodVisits[]; sampledAt: string } | undefined, current: { pods: PodVisits[]; sampledAt: string }): Map<string, number | null> {
  const rates = new Map<string, number | null>();
  if (!previous) return rates;
  const seconds = (Date.parse(current.sampledAt) - Date.parse(previous.sampledAt)) / 1000;
  const before = new Map(previous.pods.map((pod) => [pod.pod, pod.count]));
  for (const pod of current.pods) {
    const start = before.get(pod.pod);
    if (pod.count === null || start === null || start === undefined || seconds <= 0 || pod.count < start) rates.set(pod.pod, null);
    else rates.set(pod.pod, (pod.count - start) / seconds);
  }
  return rates;
}

export function knownCounts(pods: PodVisits[]): PodCount[] {
  return pods.flatMap((pod) => (pod.count === null ? [] : [{ pod: pod.pod, count: pod.count }]));
}
