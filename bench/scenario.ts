/** The shape every benchmark in bench/scenarios/ exports as `scenario`. */
export interface BenchFigure {
  metric: string;
  value: number;
  unit: string;
  /** The target in words, e.g. "< 100 ms" or ">= 20x". */
  target?: string;
  /** Whether the figure meets the target; undefined when there is no target. */
  pass?: boolean;
}

export interface BenchScenario {
  name: string;
  run(options: { quick: boolean; progress?: (message: string) => void }): Promise<BenchFigure[]>;
}

/** The median of several repetitions, as the runner reports them. */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `p` (0..1) of the values fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank];
}
