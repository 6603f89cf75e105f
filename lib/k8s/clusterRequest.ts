import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { HttpError } from '../http/httpError';
import { toHttpError } from './apiErrors';
import { redactSecrets } from '../http/redact';

/**
 * A raw streaming GET to the API server with the context's credentials (TLS and token from the
 * kubeconfig via client-node), for endpoints whose body is a stream rather than an object: pod
 * logs. A non-2xx answer is turned into the API's Status message with its code.
 */
export async function clusterStream(kc: KubeConfig, pathAndQuery: string, signal: AbortSignal): Promise<http.IncomingMessage> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new HttpError(500, 'No cluster', 'The context names no cluster.');
  const url = new URL(cluster.server);
  const options: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(options);
  const module = url.protocol === 'https:' ? https : http;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = module.request({ ...options, method: 'GET', host: url.hostname, port: url.port || (url.protocol === 'https:' ? 443 : 80), path: `${url.pathname.replace(/\/$/, '')}${pathAndQuery}`, signal }, resolve);
    request.on('error', (error) => reject(toHttpError(error)));
    request.end();
  });
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return response;
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let message = text.trim() || `The API server answered HTTP ${status}.`;
  try {
    const parsed = JSON.parse(text) as { message?: string };
    if (parsed.message) message = parsed.message;
  } catch {
    // not a Status object: keep the text
  }
  throw new HttpError(status, status === 403 ? 'Forbidden by the cluster' : status === 404 ? 'Not found in the cluster' : 'The cluster refused the request', redactSecrets(message));
}
