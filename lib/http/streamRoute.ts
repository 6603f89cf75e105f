import type { SseChannel } from './sse';
import { toHttpError } from '../k8s/apiErrors';

/** Anything that can feed an SSE stream: subscribe with the last seen id, get an unsubscribe. */
export interface SubscribableFeed<M extends { type: string }> {
  subscribe(lastEventId: string | null, send: (message: M, id?: string) => void): Promise<() => void>;
}

/**
 * Connects a shared feed to one SSE channel. The subscription is asynchronous (it may wait for the
 * cache to sync), so a channel closed meanwhile unsubscribes at once, and a failure becomes a
 * final `status` message instead of an unhandled rejection.
 */
export function pipeFeed<M extends { type: string }>(channel: SseChannel, feed: SubscribableFeed<M>, release: () => void): () => void {
  let unsubscribe: (() => void) | undefined;
  let closed = false;
  feed
    .subscribe(channel.lastEventId, (message, id) => channel.send({ id, event: message.type, data: message }))
    .then((off) => {
      if (closed) off();
      else unsubscribe = off;
    })
    .catch((error: unknown) => {
      const httpError = toHttpError(error);
      channel.send({ event: 'status', data: { type: 'status', connection: { state: 'unreachable', error: `${httpError.error}: ${httpError.detail}`, since: new Date().toISOString() } } });
      channel.close();
    });
  return () => {
    closed = true;
    unsubscribe?.();
    release();
  };
}
