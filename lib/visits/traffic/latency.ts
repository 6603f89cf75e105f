/** Nearest-rank percentile of a list of latencies in milliseconds; null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function latencySummary(latencies: readonly number[]): { p50: number | null; p95: number | null; max: number | null } {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted.length ? sorted[sorted.length - 1] : null) };
}
