import { HttpError } from '../../http/httpError';
import type { NamespaceCache } from '../cache/namespaceCache';

/** A plain GET cannot wait for an unreachable cluster: answer 502 with the cluster's own error. */
export function requireReachable(cache: NamespaceCache): void {
  const connection = cache.connection;
  if (!cache.synced && connection.state !== 'live') {
    const status = /Forbidden by the cluster/.test(connection.error ?? '') ? 403 : /rejected the credentials/.test(connection.error ?? '') ? 401 : 502;
    throw new HttpError(status, status === 403 ? 'Forbidden by the cluster' : 'The cluster cannot be reached', connection.error ?? 'The cluster did not answer.');
  }
}
