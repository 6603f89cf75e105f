import type { Probe } from '../podTypes';
import type { ProbeOutcome } from './probeActions';

export type ProbeKind = 'Liveness' | 'Readiness' | 'Startup';

export interface ProbeTransition {
  kind: ProbeKind;
  /** The probe's verdict after thresholds: true = passing. */
  passing: boolean;
}

/**
 * One probe of one container, run on its own timer like the kubelet's probe workers: the first
 * run after initialDelaySeconds, then every periodSeconds; a result changes only after
 * successThreshold / failureThreshold consecutive outcomes. Delays are multiplied by the sandbox
 * speed; the timeout is not, so a slow answer is judged as on a real node.
 */
export class ProbeWorker {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private successes = 0;
  private failures = 0;
  private passing: boolean | undefined;

  constructor(
    readonly kind: ProbeKind,
    private readonly probe: Probe,
    private readonly speed: number,
    private readonly act: (timeoutMs: number) => Promise<ProbeOutcome>,
    private readonly report: (event: { kind: ProbeKind; outcome: ProbeOutcome; transition?: ProbeTransition }) => void,
  ) {}

  start(): void {
    const initialDelay = (this.probe.initialDelaySeconds ?? 0) * 1000 * this.speed;
    this.schedule(initialDelay);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.runOnce(), Math.max(0, delayMs));
    this.timer.unref?.();
  }

  private async runOnce(): Promise<void> {
    if (this.stopped) return;
    const timeoutMs = Math.max(1, this.probe.timeoutSeconds ?? 1) * 1000;
    let outcome: ProbeOutcome;
    try {
      outcome = await this.act(timeoutMs);
    } catch (error) {
      outcome = { success: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (this.stopped) return;
    let transition: ProbeTransition | undefined;
    if (outcome.success) {
      this.successes += 1;
      this.failures = 0;
      const threshold = this.kind === 'Readiness' ? Math.max(1, this.probe.successThreshold ?? 1) : 1;
      if (this.passing !== true && this.successes >= threshold) {
        this.passing = true;
        transition = { kind: this.kind, passing: true };
      }
    } else {
      this.failures += 1;
      this.successes = 0;
      if (this.passing !== false && this.failures >= Math.max(1, this.probe.failureThreshold ?? 3)) {
        this.passing = false;
        transition = { kind: this.kind, passing: false };
      }
    }
    this.report({ kind: this.kind, outcome, transition });
    // A startup probe stops once it succeeded; the others run for the container's life.
    if (this.kind === 'Startup' && this.passing === true) return;
    const period = Math.max(1, this.probe.periodSeconds ?? 10) * 1000 * this.speed;
    this.schedule(period);
  }
}
