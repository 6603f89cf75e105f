import type { ConnectionState } from '@/lib/k8s/streamMessages';

/** What the browser knows about one stream before and besides what the server says in `status` messages. */
export const CONNECTING_MESSAGE = 'Connecting to the dashboard server…';

/** Before the first answer: not an outage yet, so the header says "Connecting", not "Reconnecting". */
export function connecting(): ConnectionState {
  return { state: 'reconnecting', error: CONNECTING_MESSAGE, since: new Date().toISOString() };
}

export function browserLost(error: string): ConnectionState {
  return { state: 'reconnecting', error, since: new Date().toISOString() };
}

export function unreachable(error: string): ConnectionState {
  return { state: 'unreachable', error, since: new Date().toISOString() };
}
