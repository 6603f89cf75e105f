import type { LogRequest, LogStream } from '../runtimeInterface';
import type { ContainerLog, LogLine } from './containerLog';

/**
 * `kubectl logs` over one container log: tailLines, sinceSeconds, timestamps, limitBytes, follow.
 * Lines produced before the API server registers its listener are queued, so none is lost.
 */
export function openLogStream(log: ContainerLog, request: Pick<LogRequest, 'follow' | 'timestamps' | 'tailLines' | 'sinceSeconds' | 'limitBytes'>): LogStream {
  const lineListeners: Array<(line: string) => void> = [];
  const endListeners: Array<() => void> = [];
  const queue: string[] = [];
  let ended = false;
  let endDelivered = false;
  let sentBytes = 0;
  let unsubscribe: () => void = () => undefined;

  const deliverEnd = () => {
    if (endDelivered || lineListeners.length === 0 && queue.length > 0) return;
    if (!ended || endListeners.length === 0) return;
    endDelivered = true;
    for (const listener of endListeners) listener();
  };

  const finish = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    deliverEnd();
  };

  const emit = (line: LogLine) => {
    if (ended) return;
    let text = `${request.timestamps ? `${line.timestamp} ` : ''}${line.text}\n`;
    if (request.limitBytes !== undefined) {
      const room = request.limitBytes - sentBytes;
      if (room <= 0) return finish();
      if (Buffer.byteLength(text) > room) text = Buffer.from(text).subarray(0, room).toString('utf8');
    }
    sentBytes += Buffer.byteLength(text);
    if (lineListeners.length) for (const listener of lineListeners) listener(text);
    else queue.push(text);
    if (request.limitBytes !== undefined && sentBytes >= request.limitBytes) finish();
  };

  const since = request.sinceSeconds !== undefined ? Date.now() - request.sinceSeconds * 1000 : undefined;
  let lines = log.snapshot();
  if (since !== undefined) lines = lines.filter((line) => line.time >= since);
  if (request.tailLines !== undefined && request.tailLines >= 0) lines = request.tailLines === 0 ? [] : lines.slice(-request.tailLines);
  for (const line of lines) emit(line);

  if (request.follow && !ended) {
    unsubscribe = log.follow((line) => (line ? emit(line) : finish()));
  } else finish();

  return {
    onLine(listener) {
      lineListeners.push(listener);
      for (const text of queue.splice(0)) listener(text);
      deliverEnd();
    },
    onEnd(listener) {
      endListeners.push(listener);
      deliverEnd();
    },
    close() {
      finish();
    },
  };
}
