import type http from 'node:http';
import { ApiError, badRequest, failure, notFound } from '../apiError';
import { RuntimeError, type LogRequest, type LogStream } from '../../kubelet/runtimeInterface';
import type { ApiContext, ResolvedRequest } from './apiContext';

/**
 * pods/log: the container's output as text/plain, line by line, kept open with `follow=true` until
 * the container ends or the client goes. The lines come from the kubelet's runtime.
 */
function optionalNumber(url: URL, name: string): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw badRequest(`${name}: Invalid value: ${JSON.stringify(text)}: must be a non-negative integer`);
  return value;
}

export function serveLog(ctx: ApiContext, request: ResolvedRequest, req: http.IncomingMessage, res: http.ServerResponse): void {
  const { url } = request;
  const pod = ctx.registry.getStored(request.strategy.resource, request.namespace, request.info.name);
  if (!pod) throw notFound(request.strategy.resource, request.info.name);
  const runtime = ctx.runtime();
  if (!runtime) throw new ApiError(failure(503, 'ServiceUnavailable', 'the sandbox kubelet is not running, so there are no container logs'));
  const flag = (name: string) => ['1', 'true'].includes(url.searchParams.get(name) ?? '');
  const logRequest: LogRequest = {
    namespace: request.namespace ?? 'default',
    pod: request.info.name,
    container: url.searchParams.get('container') ?? '',
    follow: flag('follow'),
    previous: flag('previous'),
    timestamps: flag('timestamps'),
    tailLines: optionalNumber(url, 'tailLines'),
    sinceSeconds: optionalNumber(url, 'sinceSeconds'),
    limitBytes: optionalNumber(url, 'limitBytes'),
  };
  let stream: LogStream;
  try {
    stream = runtime.logs(logRequest);
  } catch (error) {
    if (error instanceof RuntimeError) throw new ApiError(failure(error.code, error.reason, error.message));
    throw error;
  }
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.socket?.setNoDelay(true);
  let written = 0;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    stream.close();
    res.end();
  };
  stream.onLine((line) => {
    if (ended) return;
    if (logRequest.limitBytes !== undefined && written + Buffer.byteLength(line) > logRequest.limitBytes) {
      res.write(Buffer.from(line).subarray(0, logRequest.limitBytes - written));
      return end();
    }
    written += Buffer.byteLength(line);
    res.write(line);
  });
  stream.onEnd(end);
  req.on('close', end);
}
