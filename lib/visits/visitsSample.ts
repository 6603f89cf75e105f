import type { PodVisits, VisitsSample } from './types';
import { balanceStatistics, countsSinceBaseline, knownCounts, ratesBetween } from './balance';

/** One reading of all pods turned into the sample the UI charts: totals, since-baseline counts and rates. */
export function buildVisitsSample(statefulSet: string, path: string, pods: PodVisits[], previous?: VisitsSample, baseline?: VisitsSample): VisitsSample {
  const sampledAt = new Date().toISOString();
  const rates = ratesBetween(previous, { pods, sampledAt });
  const sample: VisitsSample = { statefulSet, path, sampledAt, pods, totals: balanceStatistics(knownCounts(pods), rates) };
  if (baseline) {
    sample.sinceBaseline = balanceStatistics(countsSinceBaseline(pods, baseline.pods), rates);
    sample.baselineAt = baseline.sampledAt;
  }
  return sample;
}
