import type http from 'node:http';
import { failure } from '../apiError';
import { makeFilter } from '../registry/listFilter';
import type { FilteredEvent } from '../registry/watchFilter';
import { TooOldResourceVersionError } from '../../store/objectStore';
import type { KubeObject } from '../../store/types';
import type { ApiContext, ResolvedRequest } from './apiContext';
import { negotiateOutput, partialMetadata, toTable } from './outputFormat';

/**
 * A watch over HTTP: one JSON object per line ({"type":..., "object":...}), written as each change
 * happens. Honors resourceVersion (resume from the change window, or 410 Expired as an ERROR event
 * when it is too old), label/field selectors, allowWatchBookmarks, sendInitialEvents and
 * timeoutSeconds, and Table output for `kubectl get -w`.
 */
const objectJson = new WeakMap<KubeObject, string>();

function jsonOf(object: KubeObject): string {
  let text = objectJson.get(object);
  if (text === undefined) {
    text = JSON.stringify(object);
    objectJson.set(object, text);
  }
  return text;
}

/** The whole event line for a stored object's JSON, built once and shared by every watcher that sees it. */
const eventLines = new WeakMap<Buffer, { type: string; line: Buffer }>();

function eventLine(type: FilteredEvent['type'], bytes: Buffer): Buffer {
  const cached = eventLines.get(bytes);
  if (cached && cached.type === type) return cached.line;
  const line = Buffer.concat([Buffer.from(`{"type":"${type}","object":`), bytes, Buffer.from('}\n')]);
  eventLines.set(bytes, { type, line });
  return line;
}

/** How long a busy watch gathers changes into one write: small beside a client's reaction time. */
const coalesceMs = 5;

/** Slow readers whose backlog grows past this are disconnected, as kube-apiserver drops them. */
const maxBacklogBytes = 32 * 1024 * 1024;

export function serveWatch(ctx: ApiContext, request: ResolvedRequest, res: http.ServerResponse, req: http.IncomingMessage): void {
  const { strategy, url } = request;
  const format = negotiateOutput(req, url);
  const registry = ctx.registry;
  const filter = makeFilter(registry.key(strategy.resource), strategy.resource.resource, request.namespace || undefined, url.searchParams.get('labelSelector'), url.searchParams.get('fieldSelector'));
  const resourceVersion = url.searchParams.get('resourceVersion') ?? '';
  const bookmarks = url.searchParams.get('allowWatchBookmarks') === 'true';
  const initialEvents = url.searchParams.get('sendInitialEvents') === 'true';
  const timeoutSeconds = Number(url.searchParams.get('timeoutSeconds') ?? 0);
  const apiVersion = strategy.resource.group ? `${strategy.resource.group}/${strategy.resource.version}` : strategy.resource.version;

  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.socket?.setNoDelay(true);
  // Send the headers now, as kube-apiserver does: clients (client-node's Watch) wait for them before a first event.
  res.flushHeaders();
  let closed = false;
  let stop: () => void = () => undefined;
  const timers: NodeJS.Timeout[] = [];
  const finish = () => {
    if (closed) return;
    // What was already queued (a 410 ERROR event, the last changes before a timeout) still goes out.
    if (batch.length > 0 && !res.destroyed) res.write(batch.length === 1 ? batch[0] : Buffer.concat(batch));
    batch = [];
    closed = true;
    stop();
    for (const timer of timers) clearTimeout(timer);
    res.end();
  };
  req.on('close', finish);
  res.on('close', finish);

  // Events that arrive in one turn of the event loop leave as one chunk: a group commit wakes many
  // writes at once, and one TLS record per watcher instead of one per event is most of the cost of
  // fanning out to many watchers.
  // Under a steady stream of changes, lines also wait up to `coalesceMs` after the previous write,
  // so a busy watch costs a few socket writes per coalescing window rather than one per change; a
  // change after a quiet spell still goes out at once.
  let batch: Buffer[] = [];
  let flushScheduled = false;
  let lastFlushAt = 0;
  const flush = () => {
    flushScheduled = false;
    lastFlushAt = performance.now();
    if (closed || batch.length === 0) return;
    const lines = batch.length === 1 ? batch[0] : Buffer.concat(batch);
    batch = [];
    res.write(lines);
    if (res.writableLength > maxBacklogBytes) finish();
  };
  const write = (line: string | Buffer) => {
    if (closed) return;
    batch.push(typeof line === 'string' ? Buffer.from(line) : line);
    if (!flushScheduled) {
      flushScheduled = true;
      const wait = lastFlushAt + coalesceMs - performance.now();
      if (wait > 0) setTimeout(flush, wait);
      else setImmediate(flush);
    }
  };
  const objectText = (event: FilteredEvent): string => {
    if (format.kind === 'table') return JSON.stringify(toTable(strategy.resource, [event.object], format.includeObject));
    if (format.kind === 'partial') return JSON.stringify(partialMetadata(event.object));
    return jsonOf(event.object);
  };
  const send = (event: FilteredEvent) => {
    if (format.kind === 'json' && event.bytes) write(eventLine(event.type, event.bytes));
    else write(`{"type":"${event.type}","object":${objectText(event)}}\n`);
  };
  const bookmark = (annotations?: Record<string, string>) => {
    const metadata = { resourceVersion: String(registry.store.currentRevision), ...(annotations ? { annotations } : {}) };
    write(`{"type":"BOOKMARK","object":${JSON.stringify({ kind: strategy.kind, apiVersion, metadata })}}\n`);
  };

  try {
    // resourceVersion "" or "0": synthetic ADDED events for what exists, then changes (as the real server).
    const start = resourceVersion;
    // The replayed backlog goes out in as few TLS records as possible.
    res.cork();
    try {
      stop = registry.watchFiltered(strategy.resource, filter, start, send);
    } finally {
      res.uncork();
    }
    if (initialEvents && bookmarks) bookmark({ 'k8s.io/initial-events-end': 'true' });
  } catch (error) {
    if (error instanceof TooOldResourceVersionError) {
      write(`{"type":"ERROR","object":${JSON.stringify(failure(410, 'Expired', error.message))}}\n`);
      return finish();
    }
    throw error;
  }
  if (bookmarks) {
    const interval = setInterval(() => bookmark(), ctx.bookmarkIntervalMs);
    timers.push(interval as unknown as NodeJS.Timeout);
    res.on('close', () => clearInterval(interval));
  }
  // Like kube-apiserver's --min-request-timeout, a watch ends after a while and the client re-watches.
  const seconds = timeoutSeconds > 0 ? timeoutSeconds : 1800 + Math.floor(Math.random() * 1800);
  timers.push(setTimeout(finish, seconds * 1000));
}
