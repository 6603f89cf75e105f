import type { KubeConfig, V1Pod } from '@kubernetes/client-node';
import type { VisitsSample } from './types';
import { readVisits } from './readVisits';
import { buildVisitsSample } from './visitsSample';

/**
 * Samples one StatefulSet's visits files every `intervalMs` while somebody watches it. The first
 * sample is the baseline for "since you opened". A tick is skipped while the previous read still
 * runs, so a slow cluster is never asked twice at once.
 */
export interface VisitsSamplerSource {
  statefulSet: string;
  kubeConfig(): KubeConfig;
  pods(): readonly V1Pod[];
  path(): string;
}

export class VisitsSampler {
  private timer?: NodeJS.Timeout;
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
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref?.();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    const pods = this.source.pods();
    if (pods.length === 0) return;
    this.running = true;
    try {
      const path = this.source.path();
      if (this.baseline && this.baseline.path !== path) this.baseline = this.previous = undefined;
      const read = await readVisits(this.source.kubeConfig(), pods, path);
      if (!this.timer) return;
      const sample = buildVisitsSample(this.source.statefulSet, path, read, this.previous, this.baseline);
      this.baseline ??= sample;
      this.previous = sample;
      this.latest = sample;
      this.onSample(sample);
    } catch (error) {
      console.error('[visits]', error instanceof Error ? error.message : error);
    } finally {
      this.running = false;
    }
  }
}
