import type { V1StatefulSet } from '@kubernetes/client-node';
import type { StatefulSetListMessage } from '../streamMessages';
import { acquireCache, type CacheLease } from '../cache/cacheRegistry';
import { statefulSetSummary } from '../views/statefulSetSummary';
import { MessageRing } from './messageRing';
import type { Feed } from './feedRegistry';

export type Send<M> = (message: M, id?: string) => void;

/** The namespace's StatefulSets as a snapshot and then upserts/deletes, shared by every open list stream. */
export class StatefulSetListFeed implements Feed {
  private readonly ring = new MessageRing<StatefulSetListMessage>();
  private readonly subscribers = new Set<Send<StatefulSetListMessage>>();
  private readonly lease: CacheLease;
  private readonly unsubscribe: () => void;

  constructor(context: string, namespace: string) {
    this.lease = acquireCache(context, namespace);
    this.unsubscribe = this.lease.cache.subscribe({
      onChange: ({ kind, change }) => {
        if (kind !== 'statefulsets') return;
        const message: StatefulSetListMessage =
          change.type === 'delete' ? { type: 'delete', name: change.object.metadata?.name ?? '' } : { type: 'upsert', item: statefulSetSummary(change.object as V1StatefulSet) };
        const id = this.ring.push(message);
        for (const send of this.subscribers) send(message, id);
      },
      onConnection: (connection) => {
        for (const send of this.subscribers) send({ type: 'status', connection });
      },
    });
  }

  snapshot(): StatefulSetListMessage & { type: 'snapshot' } {
    const items = (this.lease.cache.objects().statefulsets as V1StatefulSet[]).map(statefulSetSummary).sort((a, b) => a.name.localeCompare(b.name));
    return { type: 'snapshot', items };
  }

  /** Replays after lastEventId when possible, else sends a snapshot once the cache has synced; then live messages. */
  async subscribe(lastEventId: string | null, send: Send<StatefulSetListMessage>): Promise<() => void> {
    const replay = this.ring.since(lastEventId);
    if (!replay) await this.lease.cache.waitForSync();
    // From here on everything runs in one tick: nothing can slip between the snapshot and the subscription.
    if (replay) for (const entry of replay) send(entry.message, entry.id);
    else send(this.snapshot(), this.ring.currentId);
    send({ type: 'status', connection: this.lease.cache.connection });
    this.subscribers.add(send);
    return () => this.subscribers.delete(send);
  }

  get cache() {
    return this.lease.cache;
  }

  dispose(): void {
    this.subscribers.clear();
    this.unsubscribe();
    this.lease.release();
  }
}
