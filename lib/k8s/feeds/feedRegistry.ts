/**
 * Feeds (one per namespace list, one per StatefulSet detail) shared by every open stream, kept on
 * globalThis like the caches. A feed lingers a few seconds after its last subscriber leaves so a
 * reconnecting tab can resume from its Last-Event-ID instead of reloading.
 */
export interface Feed {
  dispose(): void;
}

interface Entry<F extends Feed> {
  feed: F;
  subscribers: number;
  lingerTimer?: NodeJS.Timeout;
}

const key = Symbol.for('sts-explorer.feeds');

function entries(): Map<string, Entry<Feed>> {
  const holder = globalThis as unknown as Record<symbol, Map<string, Entry<Feed>> | undefined>;
  holder[key] ??= new Map();
  return holder[key];
}

export const feedLingerMs = Number(process.env.DASHBOARD_FEED_LINGER_MS ?? 10_000);

export function holdFeed<F extends Feed>(id: string, create: () => F): { feed: F; release(): void } {
  const map = entries();
  let entry = map.get(id) as Entry<F> | undefined;
  if (!entry) {
    entry = { feed: create(), subscribers: 0 };
    map.set(id, entry as Entry<Feed>);
  }
  const held = entry;
  clearTimeout(held.lingerTimer);
  held.subscribers += 1;
  let released = false;
  return {
    feed: held.feed,
    release() {
      if (released) return;
      released = true;
      held.subscribers -= 1;
      if (held.subscribers > 0) return;
      held.lingerTimer = setTimeout(() => {
        if (held.subscribers > 0 || map.get(id) !== held) return;
        map.delete(id);
        held.feed.dispose();
      }, feedLingerMs);
      held.lingerTimer.unref?.();
    },
  };
}

export function disposeAllFeeds(): void {
  const map = entries();
  for (const entry of map.values()) {
    clearTimeout(entry.lingerTimer);
    entry.feed.dispose();
  }
  map.clear();
}
