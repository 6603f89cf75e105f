import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type https from 'node:https';
import type { TrafficJob, TrafficRequest } from '../types';
import type { TrafficTarget } from './trafficRoute';
import { latencySummary } from './latency';

const requestTimeoutMs = 10_000;

/**
 * One run of the traffic generator against one Service: `concurrency` workers send `requests` GETs,
 * paced to `ratePerSecond` when given, on fresh or kept-alive connections. Progress is reported
 * (throttled) through `onProgress`; `cancel()` stops new requests and aborts those in flight.
 */
export class TrafficRun {
  readonly job: TrafficJob;
  private readonly latencies: number[] = [];
  private readonly abort = new AbortController();
  private lastReport = 0;
  readonly done: Promise<TrafficJob>;

  constructor(
    service: string,
    namespace: string,
    readonly request: TrafficRequest,
    private readonly target: TrafficTarget,
    private readonly onProgress: (job: TrafficJob) => void,
  ) {
    this.job = {
      id: randomUUID(),
      service,
      namespace,
      request,
      state: 'running',
      route: target.route,
      target: target.target,
      sent: 0,
      completed: 0,
      statusCounts: {},
      errors: {},
      latencyMs: { p50: null, p95: null, max: null },
      startedAt: new Date().toISOString(),
    };
    this.done = this.run();
  }

  cancel(): void {
    if (this.job.state !== 'running') return;
    this.job.state = 'cancelled';
    this.abort.abort();
  }

  private report(force = false): void {
    const now = Date.now();
    if (!force && now - this.lastReport < 250) return;
    this.lastReport = now;
    this.job.latencyMs = latencySummary(this.latencies);
    this.onProgress({ ...this.job, statusCounts: { ...this.job.statusCounts }, errors: { ...this.job.errors } });
  }

  private async run(): Promise<TrafficJob> {
    const { requests, concurrency, ratePerSecond, path, newConnectionPerRequest } = this.request;
    const agent = newConnectionPerRequest ? false : this.target.newAgent(true, concurrency);
    const startedAt = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < requests && this.job.state === 'running') {
        const index = next;
        next += 1;
        if (ratePerSecond) {
          const due = startedAt + (index * 1000) / ratePerSecond;
          const wait = due - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          if (this.job.state !== 'running') break;
        }
        this.job.sent += 1;
        await this.sendOne(path, agent);
        this.report();
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
      if (this.job.state === 'running') this.job.state = 'finished';
    } catch (error) {
      this.job.state = 'failed';
      this.job.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (agent) agent.destroy();
      this.job.finishedAt = new Date().toISOString();
      this.report(true);
    }
    return this.job;
  }

  private sendOne(path: string, agent: http.Agent | https.Agent | false): Promise<void> {
    const { module, options } = this.target.request(path, agent);
    const started = performance.now();
    return new Promise((resolve) => {
      let finished = false;
      const finish = (status?: number, error?: string) => {
        if (finished) return;
        finished = true;
        this.job.completed += 1;
        if (status !== undefined) {
          this.job.statusCounts[String(status)] = (this.job.statusCounts[String(status)] ?? 0) + 1;
          this.latencies.push(performance.now() - started);
        } else if (error) {
          this.job.errors[error] = (this.job.errors[error] ?? 0) + 1;
        }
        resolve();
      };
      const request = module.request({ ...options, signal: this.abort.signal, timeout: requestTimeoutMs }, (response) => {
        response.resume();
        response.on('end', () => finish(response.statusCode ?? 0));
        response.on('error', (error) => finish(undefined, errorName(error)));
      });
      request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      request.on('error', (error) => finish(undefined, this.job.state === 'cancelled' ? 'cancelled' : errorName(error)));
      request.end();
    });
  }
}

function errorName(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.message.slice(0, 80);
}
