import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import { cachedKinds, kindAccess, type CachedKind } from './kinds';
import { KindReflector, type ReflectorOptions, type ReflectorState } from './kindReflector';
import type { StoreChange } from './objectStore';
import type { NamespaceObjects } from '../views/namespaceObjects';
import type { ConnectionState } from '../streamMessages';

export interface CacheChange {
  kind: CachedKind;
  change: StoreChange<KubernetesObject>;
}

export interface CacheListener {
  onChange?(change: CacheChange): void;
  onConnection?(state: ConnectionState): void;
}

/**
 * One context+namespace: a reflector per kind, shared by every stream, route and sampler that looks
 * at that namespace, so fifty browser tabs cost the cluster one watch per kind.
 */
export class NamespaceCache {
  private readonly reflectors: Record<CachedKind, KindReflector<KubernetesObject>>;
  private readonly listeners = new Set<CacheListener>();
  private connectionState: ConnectionState = { state: 'reconnecting', error: 'connecting to the cluster', since: new Date().toISOString() };
  private started = false;
  private syncWaiters: (() => void)[] = [];

  constructor(
    readonly context: string,
    readonly namespace: string,
    kubeConfig: () => KubeConfig,
    options: ReflectorOptions = {},
  ) {
    const entries = cachedKinds.map((kind) => {
      const access = kindAccess[kind];
      const reflector = new KindReflector<KubernetesObject>(
        access.path(namespace),
        kubeConfig,
        (kc) => access.list(kc, namespace),
        (change) => this.emit({ kind, change }),
        () => this.updateConnection(),
        options,
      );
      return [kind, reflector] as const;
    });
    this.reflectors = Object.fromEntries(entries) as Record<CachedKind, KindReflector<KubernetesObject>>;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const kind of cachedKinds) this.reflectors[kind].start();
  }

  stop(): void {
    this.started = false;
    for (const kind of cachedKinds) this.reflectors[kind].stop();
    this.listeners.clear();
    for (const wake of this.syncWaiters.splice(0)) wake();
  }

  subscribe(listener: CacheListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get connection(): ConnectionState {
    return this.connectionState;
  }

  get synced(): boolean {
    return cachedKinds.every((kind) => this.reflectors[kind].hasSynced);
  }

  /** Resolves once every kind has been listed, or the cluster was found unreachable, or after timeoutMs. */
  waitForSync(timeoutMs = 10_000): Promise<void> {
    if (this.synced || this.connectionState.state === 'unreachable') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.syncWaiters.push(done);
    });
  }

  objects(): NamespaceObjects {
    const list = <T>(kind: CachedKind) => this.reflectors[kind].store.list() as unknown as T[];
    return {
      statefulsets: list('statefulsets'),
      pods: list('pods'),
      services: list('services'),
      endpoints: list('endpoints'),
      persistentvolumeclaims: list('persistentvolumeclaims'),
      controllerrevisions: list('controllerrevisions'),
      events: list('events'),
    };
  }

  get<T extends KubernetesObject>(kind: CachedKind, name: string): T | undefined {
    return this.reflectors[kind].store.get(name) as T | undefined;
  }

  /** Number of objects per kind: for the memory benchmark and the health view. */
  sizes(): Record<CachedKind, number> {
    return Object.fromEntries(cachedKinds.map((kind) => [kind, this.reflectors[kind].store.size])) as Record<CachedKind, number>;
  }

  /** How often each kind was listed so far (1 = only the first sync). */
  listCounts(): Record<CachedKind, number> {
    return Object.fromEntries(cachedKinds.map((kind) => [kind, this.reflectors[kind].lists])) as Record<CachedKind, number>;
  }

  private emit(change: CacheChange): void {
    for (const listener of this.listeners) listener.onChange?.(change);
  }

  private updateConnection(): void {
    const states: ReflectorState[] = cachedKinds.map((kind) => this.reflectors[kind].state);
    const failing = states.find((state) => state.state === 'unreachable') ?? states.find((state) => state.state === 'reconnecting');
    let next: ConnectionState;
    if (failing && 'error' in failing) next = { state: failing.state as 'unreachable' | 'reconnecting', error: failing.error, since: new Date().toISOString() };
    else if (states.every((state) => state.state === 'live')) next = { state: 'live', since: new Date().toISOString() };
    else return;
    if (next.state === 'live' || next.state === 'unreachable') for (const wake of this.syncWaiters.splice(0)) wake();
    if (next.state === this.connectionState.state && next.error === this.connectionState.error) return;
    this.connectionState = next;
    for (const listener of this.listeners) listener.onConnection?.(next);
  }
}
