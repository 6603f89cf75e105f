import type { PodVisits, VisitsSample } from '@/lib/visits/types';

export interface VisitsRow {
  pod: string;
  ordinal: number;
  count: number | null;
  share: number | null;
  expectedShare: number;
  ratioToFair: number | null;
  ratePerSecond: number | null;
  error?: string;
  command: string;
}

/**
 * Rows for one view of the visits: "totals" are the files' cumulative counts (with the server's statistics),
 * "since" subtracts what each pod had when the page opened. Shares are over the pods that could be read.
 */
export function visitsRows(sample: VisitsSample, mode: 'since' | 'totals', since: Record<string, number | null>): VisitsRow[] {
  const countOf = (pod: PodVisits) => (mode === 'totals' ? pod.count : (since[pod.pod] ?? null));
  const readable = sample.pods.filter((pod) => countOf(pod) !== null);
  const total = readable.reduce((sum, pod) => sum + (countOf(pod) ?? 0), 0);
  const expectedShare = readable.length ? 1 / readable.length : 0;
  const rates = new Map(sample.totals.pods.map((balance) => [balance.pod, balance.ratePerSecond]));
  return [...sample.pods]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((pod) => {
      const count = countOf(pod);
      const share = count === null || total === 0 ? null : count / total;
      return {
        pod: pod.pod,
        ordinal: pod.ordinal,
        count,
        share,
        expectedShare,
        ratioToFair: share === null || expectedShare === 0 ? null : share / expectedShare,
        ratePerSecond: rates.get(pod.pod) ?? null,
        error: pod.error,
        command: pod.command,
      };
    });
}
