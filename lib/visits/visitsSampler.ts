import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import type { VisitsSample } from './types';
import { readVisits } from './readVisits';
import { buildVisitsSample } from './visitsSample';

/**
 * Samples one StatefulSet's visits files every `intervalMs` while somebody watches it. The first
 * sample is the baseline for "since you opened". The next read starts only after the previous one
 * ended, and reading may take at most a quarter of the time: a read that took 1.5 s (a thousand
 * pods, or a slow cluster) is followed by a 4.5 s pause, so the dashboard never keeps the API
 * server and the kubelets busy with execs. Rates are per second of the real time between samples.
 */
export interface VisitsSamplerSource {
  statefulSet: string;
  kubeConfig(): KubeConfig;
  pods(): readonly V1Pod[];
  path(): string;
}

/** The largest share of wall time the sampler spends reading. */
const maxReadShare = 0.25;

export class VisitsSampler {
  private timer?: NodeJS.Timeout;
  private started = false;
  private running = false;
  private previous?: VisitsSample;
  private baseline?: VisitsSample;
  latest?: VisitsSample;

  constructor(
    private readonly source: VisitsSamplerSource,
    private readonly onSample: (sample: VisitsSample) => void,
    private readonly intervalMs = Number(process.env.DASHBOARD_VISITS_INTERVAL_MS ?? 2_000),
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.tick();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(readMs: number): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), Math.max(this.intervalMs - readMs, readMs * (1 / maxReadShare - 1)));
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.running || !this.started) return;
    const pods = this.source.pods();
    if (pods.length === 0) return this.schedule(0);
    this.running = true;
    const readStarted = Date.now();
    try {
      const path = this.source.path();
      if (this.baseline && this.baseline.path !== path) this.baseline = this.previous = undefined;
      const read = await readVisits(this.source.kubeConfig(), pods, path);
      if (!this.started) return;
      const sample = buildVisitsSample(this.source.statefulSet, path, read, this.previous, this.baseline);
      this.baseline ??= sample;
      this.previous = sample;
      this.latest = sample;
      this.onSample(sample);
    } catch (error) {
      console.error('[visits]', error instanceof Error ? error.message : error);
    } finally {
      this.running = false;
      this.schedule(Date.now() - readStarted);
    }
  }
}
