import { NamespaceCache } from './namespaceCache';
import { kubeConfigFor } from '../connections/contextSource';
import type { ReflectorOptions } from './kindReflector';

/**
 * The process-wide set of namespace caches. It lives on globalThis because Next.js bundles each
 * route separately and server.ts is yet another module graph: they must all share one cache per
 * context+namespace. A cache starts on first acquire and stops after `idleMs` without holders.
 */
interface Entry {
  cache: NamespaceCache;
  holders: number;
  idleTimer?: NodeJS.Timeout;
}

interface Registry {
  entries: Map<string, Entry>;
  idleMs: number;
  reflectorOptions: ReflectorOptions;
}

const key = Symbol.for('sts-explorer.cacheRegistry');

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>;
  holder[key] ??= { entries: new Map(), idleMs: Number(process.env.DASHBOARD_CACHE_IDLE_MS ?? 60_000), reflectorOptions: {} };
  return holder[key];
}

export function configureCaches(options: { idleMs?: number; reflector?: ReflectorOptions }): void {
  const r = registry();
  if (options.idleMs !== undefined) r.idleMs = options.idleMs;
  if (options.reflector) r.reflectorOptions = options.reflector;
}

export interface CacheLease {
  cache: NamespaceCache;
  release(): void;
}

export function acquireCache(context: string, namespace: string): CacheLease {
  kubeConfigFor(context); // 404 for an unknown context before anything starts
  const r = registry();
  const id = `${context}\u0000${namespace}`;
  let entry = r.entries.get(id);
  if (!entry) {
    entry = { cache: new NamespaceCache(context, namespace, () => kubeConfigFor(context), r.reflectorOptions), holders: 0 };
    r.entries.set(id, entry);
    entry.cache.start();
  }
  const held = entry;
  clearTimeout(held.idleTimer);
  held.holders += 1;
  let released = false;
  return {
    cache: held.cache,
    release() {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0) return;
      clearTimeout(held.idleTimer);
      held.idleTimer = setTimeout(() => {
        if (held.holders > 0 || r.entries.get(id) !== held) return;
        r.entries.delete(id);
        held.cache.stop();
      }, r.idleMs);
      held.idleTimer.unref?.();
    },
  };
}

/** Runs fn with a cache that is synced (or known unreachable), holding it for the duration. */
export async function withSyncedCache<T>(context: string, namespace: string, fn: (cache: NamespaceCache) => T | Promise<T>): Promise<T> {
  const lease = acquireCache(context, namespace);
  try {
    await lease.cache.waitForSync();
    return await fn(lease.cache);
  } finally {
    lease.release();
  }
}

export function activeCaches(): { context: string; namespace: string; holders: number }[] {
  return [...registry().entries.values()].map((entry) => ({ context: entry.cache.context, namespace: entry.cache.namespace, holders: entry.holders }));
}

/** Stops every cache: for tests and shutdown. */
export function stopAllCaches(): void {
  const r = registry();
  for (const entry of r.entries.values()) {
    clearTimeout(entry.idleTimer);
    entry.cache.stop();
  }
  r.entries.clear();
}
