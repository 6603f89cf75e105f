import { ListWatch, Watch, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { ObjectStore, type StoreChange } from './objectStore';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff';
import { apiStatusCode, toHttpError } from '../apiErrors';

/**
 * How long the cluster must fail every attempt (watch, relist) before the cache says "unreachable"
 * instead of "reconnecting": a dropped watch or an API server restart is a blip, not an outage.
 */
export const UNREACHABLE_AFTER_MS = 15_000;

/**
 * While the cluster is down, retries are at most this far apart at first (and at most a quarter of
 * the outage's length later on), so the cache is live again within seconds of the cluster's return.
 */
export const RECONNECT_RETRY_CAP_MS = 2_000;

export type ReflectorState = { state: 'starting' | 'live' } | { state: 'reconnecting' | 'unreachable'; error: string };

export interface ReflectorOptions {
  backoff?: BackoffOptions;
  /** Restart (relist, diffed) when no event arrived for this long: client-node's watch can stall silently. */
  quietMs?: number;
  /** Consecutive failures for this long turn "reconnecting" into "unreachable" (default UNREACHABLE_AFTER_MS). */
  unreachableAfterMs?: number;
}

/**
 * Keeps one kind of one namespace in an ObjectStore using client-node's ListWatch, and keeps it
 * alive: client-node 1.4's ListWatch stops for good on any error other than 410, so each failure
 * starts a fresh ListWatch after an exponential backoff; a watchdog does the same when the watch
 * has been quiet too long. Every restart relists, and the store reports only real differences.
 */
export class KindReflector<T extends KubernetesObject> {
  readonly store = new ObjectStore<T>();
  private epoch = 0;
  private current?: ListWatch<T>;
  private attempt = 0;
  private retryTimer?: NodeJS.Timeout;
  private watchdog?: NodeJS.Timeout;
  /** When the current run of consecutive failures began (undefined while healthy). */
  private failingSince?: number;
  private lastError = '';
  private unreachableTimer?: NodeJS.Timeout;
  private lastActivity = Date.now();
  /** The epoch whose list call is in flight, if any. */
  private listingEpoch?: number;
  private stopped = true;
  private synced = false;
  state: ReflectorState = { state: 'starting' };
  private readonly backoff: BackoffOptions;
  private readonly quietMs: number;
  private readonly unreachableAfterMs: number;

  constructor(
    private readonly path: string,
    private readonly kubeConfig: () => KubeConfig,
    private readonly list: (kc: KubeConfig) => Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>,
    private readonly onChange: (change: StoreChange<T>) => void,
    private readonly onState: (state: ReflectorState) => void,
    options: ReflectorOptions = {},
  ) {
    this.backoff = options.backoff ?? defaultBackoff;
    this.quietMs = options.quietMs ?? 5 * 60_000;
    this.unreachableAfterMs = options.unreachableAfterMs ?? UNREACHABLE_AFTER_MS;
  }

  /** How many times the kind was listed (first sync, restarts after errors, watchdog, 410): for tests and diagnostics. */
  lists = 0;

  get hasSynced(): boolean {
    return this.synced;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.watchdog = setInterval(() => this.checkQuiet(), Math.max(250, Math.min(30_000, this.quietMs / 4)));
    this.watchdog.unref?.();
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.epoch += 1;
    clearTimeout(this.retryTimer);
    clearInterval(this.watchdog);
    this.endOutage();
    this.retire();
  }

  private retire(): void {
    const old = this.current;
    this.current = undefined;
    if (old) void old.stop();
  }

  private setState(state: ReflectorState): void {
    const same = state.state === this.state.state && ('error' in state ? state.error : '') === ('error' in this.state ? this.state.error : '');
    this.state = state;
    if (!same) this.onState(state);
  }

  private checkQuiet(): void {
    // Never while a (re)list is in flight: on a slow cluster that would restart it before it ends, forever.
    if (this.stopped || !this.synced || this.listingEpoch !== undefined) return;
    if (Date.now() - this.lastActivity > this.quietMs) this.restart(undefined);
  }

  private restart(error: unknown): void {
    if (this.stopped) return;
    this.epoch += 1;
    this.retire();
    clearTimeout(this.retryTimer);
    if (error === undefined) {
      // Watchdog: reconnect at once; the relist is diffed so nothing flashes.
      this.lastActivity = Date.now();
      void this.run();
      return;
    }
    const httpError = toHttpError(error);
    const status = apiStatusCode(error);
    this.lastError = `${httpError.error}: ${httpError.detail}`;
    const now = Date.now();
    if (this.failingSince === undefined) {
      this.failingSince = now;
      // Flip to "unreachable" on time even if a retry hangs instead of failing.
      this.unreachableTimer = setTimeout(() => {
        if (!this.stopped && this.failingSince !== undefined) this.setState({ state: 'unreachable', error: this.lastError });
      }, this.unreachableAfterMs);
      this.unreachableTimer.unref?.();
    }
    const outage = now - this.failingSince;
    // Rejected credentials do not fix themselves, and a cluster never reached has no connection to
    // resume: say so at once. A connection that worked and broke is "reconnecting" for a while.
    const credentials = status === 401 || status === 403;
    const neverReached = !this.synced && status === undefined;
    const unreachable = credentials || neverReached || outage >= this.unreachableAfterMs;
    this.setState({ state: unreachable ? 'unreachable' : 'reconnecting', error: this.lastError });
    const cap = Math.min(this.backoff.maxMs, Math.max(RECONNECT_RETRY_CAP_MS, outage / 4));
    const delay = backoffDelay(this.attempt, { baseMs: Math.min(this.backoff.baseMs, cap), maxMs: cap });
    this.attempt += 1;
    this.retryTimer = setTimeout(() => void this.run(), delay);
    this.retryTimer.unref?.();
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    const epoch = ++this.epoch;
    const live = () => epoch === this.epoch && !this.stopped;
    let kc: KubeConfig;
    try {
      kc = this.kubeConfig();
    } catch (error) {
      this.restart(error);
      return;
    }
    // The list completes before ListWatch opens its watch (and some servers send no headers on a
    // watch until the first event), so the cache counts as synced once the listed items are applied.
    const listed = async () => {
      this.listingEpoch = epoch;
      let list;
      try {
        list = await this.list(kc);
      } finally {
        if (this.listingEpoch === epoch) this.listingEpoch = undefined;
      }
      const names = new Set(list.items.map((object) => object.metadata?.name ?? ''));
      setImmediate(() => {
        if (live()) this.afterList(names);
      });
      return list;
    };
    const informer = new ListWatch<T>(this.path, new Watch(kc), listed, false);
    this.current = informer;
    const touch = () => {
      this.lastActivity = Date.now();
    };
    informer.on('add', (object) => {
      if (!live()) return;
      touch();
      const change = this.store.apply(object);
      if (change) this.onChange(change);
    });
    informer.on('update', (object) => {
      if (!live()) return;
      touch();
      const change = this.store.apply(object);
      if (change) this.onChange(change);
    });
    informer.on('delete', (object) => {
      if (!live()) return;
      touch();
      const change = this.store.remove(object);
      if (change) this.onChange(change);
    });
    informer.on('connect', () => {
      if (live()) touch();
    });
    informer.on('error', (error) => {
      if (live()) this.restart(error ?? new Error('the watch ended with an error'));
    });
    try {
      await informer.start();
    } catch (error) {
      if (live()) this.restart(error);
    }
    if (!live()) {
      // stop() while start() was listing leaves a watch open in client-node 1.4: close it now.
      void informer.stop();
      return;
    }
  }

  /** After each (re)list: drop what vanished meanwhile, and count as live. */
  private afterList(names: Set<string>): void {
    this.lists += 1;
    for (const change of this.store.retainOnly(names)) this.onChange(change);
    this.synced = true;
    this.attempt = 0;
    this.endOutage();
    this.lastActivity = Date.now();
    this.setState({ state: 'live' });
  }

  private endOutage(): void {
    this.failingSince = undefined;
    clearTimeout(this.unreachableTimer);
    this.unreachableTimer = undefined;
  }
}
