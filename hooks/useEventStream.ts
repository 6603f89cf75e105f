'use client';

import useSWRSubscription from 'swr/subscription';
import type { ConnectionState } from '@/lib/k8s/streamMessages';
import { describeError } from './apiError';
import { fetchJson } from './fetchJson';
import { browserLost, connecting, unreachable } from './streamConnection';

export interface StreamState<Value> {
  value: Value;
  connection: ConnectionState;
  /** True once the first message (the snapshot) arrived. */
  loaded: boolean;
}

export interface StreamReducer<Value, Message> {
  initial: () => Value;
  reduce: (value: Value, message: Message) => Value;
  /** SSE event names to listen for besides the default `message`. */
  eventTypes: readonly string[];
}

/**
 * Messages are applied in batches at most every BATCH_MS (two frames): a busy namespace (50 pod events
 * a second) then costs the page at most 30 renders a second, and a quiet one sees a change at once
 * (the first message after a pause is applied on the next turn of the event loop).
 */
const BATCH_MS = 32;
const RETRY_MS = 3000;

function isStatusMessage(message: unknown): message is { type: 'status'; connection: ConnectionState } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'status';
}

/**
 * One Server-Sent Events stream kept in SWR's cache: components that use the same URL share one
 * EventSource. `errorUrl` is fetched when the stream fails to open, to show the server's own words.
 */
export function useEventStream<Value, Message>(
  url: string | null,
  reducer: StreamReducer<Value, Message>,
  errorUrl?: string,
): StreamState<Value> | undefined {
  const { data } = useSWRSubscription<StreamState<Value>, Error, string | null>(
    url,
    (key, { next }) => {
      let source: EventSource | null = null;
      let retry: ReturnType<typeof setTimeout> | undefined;
      let flushTimer: ReturnType<typeof setTimeout> | undefined;
      let lastFlush = 0;
      let closed = false;
      const queue: Message[] = [];
      let pendingConnection: ConnectionState | null = null;

      const flush = () => {
        flushTimer = undefined;
        lastFlush = Date.now();
        const messages = queue.splice(0);
        const connection = pendingConnection;
        pendingConnection = null;
        next(null, (current?: StreamState<Value>) => {
          let state: StreamState<Value> = current ?? { value: reducer.initial(), connection: connecting(), loaded: false };
          if (messages.length > 0) {
            let value = state.value;
            for (const message of messages) value = reducer.reduce(value, message);
            state = { ...state, value, loaded: true };
          }
          if (connection) state = { ...state, connection };
          return state;
        });
      };
      const schedule = () => {
        if (flushTimer !== undefined || closed) return;
        flushTimer = setTimeout(flush, Math.max(0, lastFlush + BATCH_MS - Date.now()));
      };
      const setConnection = (connection: ConnectionState) => {
        pendingConnection = connection;
        schedule();
      };

      const onMessage = (event: MessageEvent<string>) => {
        let message: unknown;
        try {
          message = JSON.parse(event.data);
        } catch {
          return; // a heartbeat or comment, nothing to apply
        }
        if (isStatusMessage(message)) setConnection(message.connection);
        queue.push(message as Message);
        schedule();
      };

      const open = () => {
        if (closed) return;
        const current = new EventSource(key);
        source = current;
        current.onopen = () => setConnection({ state: 'live', since: new Date().toISOString() });
        current.onmessage = onMessage;
        for (const type of reducer.eventTypes) current.addEventListener(type, onMessage as EventListener);
        current.onerror = () => {
          if (current.readyState === EventSource.CONNECTING) {
            // The browser retries by itself and resumes with Last-Event-ID.
            setConnection(browserLost('Lost the connection to the dashboard server; reconnecting…'));
            return;
          }
          // Closed for good (an HTTP error answer): find out why, then try again ourselves.
          current.close();
          void explainFailure().then((reason) => {
            if (closed) return;
            setConnection(unreachable(reason));
            retry = setTimeout(open, RETRY_MS);
          });
        };
      };

      const explainFailure = async (): Promise<string> => {
        if (!errorUrl) return 'The live stream could not be opened.';
        try {
          await fetchJson<unknown>(errorUrl);
          return 'The live stream could not be opened; retrying.';
        } catch (error) {
          return describeError(error);
        }
      };

      setConnection(connecting());
      open();
      return () => {
        closed = true;
        clearTimeout(retry);
        clearTimeout(flushTimer);
        source?.close();
      };
    },
    // Identity comparison: the reducer returns new objects only for what changed, and SWR's default
    // deep hash of a 1,000-pod detail on every message would cost more than the render it saves.
    { compare: (a, b) => a === b },
  );
  return data;
}
