import { Readable } from 'node:stream';
import { kubeConfigFor } from './connections/contextSource';
import { clusterStream } from './clusterRequest';

export interface LogOptions {
  container?: string;
  tailLines?: number;
  follow: boolean;
  previous: boolean;
}

/**
 * A pod's log as a web ReadableStream, straight from the API server's log subresource. With
 * `follow` it stays open until the browser goes away (the abort signal closes the upstream too).
 */
export async function podLogStream(context: string, namespace: string, pod: string, options: LogOptions, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const query = new URLSearchParams();
  if (options.container) query.set('container', options.container);
  if (options.tailLines !== undefined) query.set('tailLines', String(options.tailLines));
  if (options.follow) query.set('follow', 'true');
  if (options.previous) query.set('previous', 'true');
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${query.toString()}`;
  const upstream = await clusterStream(kubeConfigFor(context), path, signal);
  return Readable.toWeb(upstream) as ReadableStream<Uint8Array>;
}
