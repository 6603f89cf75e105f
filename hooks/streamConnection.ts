import type { ConnectionState } from '@/lib/k8s/streamMessages';

/** What the browser knows about one stream before and besides what the server says in `status` messages. */
export function connecting(): ConnectionState {
  return { state: 'reconnecting', error: 'Connecting to the dashboard server…', since: new Date().toISOString() };
}

export function browserLost(error: string): ConnectionState {
  return { state: 'reconnecting', error, since: new Date().toISOString() };
}

export function unreachable(error: string): ConnectionState {
  return { state: 'unreachable', error, since: new Date().toISOString() };
}
