/** Visits read from every pod's file, and what they say about balance. Contract between server and UI. */

export interface PodVisits {
  pod: string;
  ordinal: number;
  /** The count in the file, or null when it could not be read. */
  count: number | null;
  /** Why the count is missing: "pod is not running", "file not found: data/visits.txt", "timed out after 3 s". */
  error?: string;
  /** The command that produced the number, for the "where it came from" line. */
  command: string;
  readAt: string;
  durationMs: number;
}

export interface PodBalance {
  pod: string;
  count: number;
  share: number; // 0..1
  expectedShare: number; // 1/n
  deviation: number; // share - expectedShare
  ratioToFair: number; // share / expectedShare
  ratePerSecond: number | null; // from successive samples
}

export interface BalanceStatistics {
  total: number;
  pods: PodBalance[];
  chiSquare: number;
  degreesOfFreedom: number;
  pValue: number;
  coefficientOfVariation: number;
  maxMinRatio: number | null; // null when min is 0
  /** One sentence: "consistent with random per-connection balancing (p = 0.42)". */
  reading: string;
}

export interface VisitsSample {
  statefulSet: string;
  path: string;
  sampledAt: string;
  pods: PodVisits[];
  /** Over the cumulative counts in the files. */
  totals: BalanceStatistics;
  /** Over the counts since the baseline (the first sample of this sampler, "since you opened"). Added by issue 5; optional. */
  sinceBaseline?: BalanceStatistics;
  /** When the baseline was read. */
  baselineAt?: string;
}

export interface TrafficRequest {
  requests: number;
  concurrency: number;
  ratePerSecond?: number;
  path: string;
  newConnectionPerRequest: boolean;
}

export interface TrafficJob {
  id: string;
  service: string;
  namespace: string;
  request: TrafficRequest;
  state: 'running' | 'finished' | 'cancelled' | 'failed';
  /** 'direct' (ClusterIP:port reachable from the dashboard) or 'apiserver-proxy' (through services/proxy). */
  route: 'direct' | 'apiserver-proxy';
  target: string;
  sent: number;
  completed: number;
  statusCounts: Record<string, number>;
  errors: Record<string, number>;
  latencyMs: { p50: number | null; p95: number | null; max: number | null };
  startedAt: string;
  finishedAt?: string;
  error?: string;
}
