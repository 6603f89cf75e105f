/**
 * Server-Sent Events responses: `id`/`event`/`data` frames, a comment heartbeat so proxies and the
 * browser keep the connection open, headers that stop buffering (`no-transform`,
 * `X-Accel-Buffering: no`), and cleanup when the browser goes away.
 */
export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

export interface SseChannel {
  send(event: SseEvent): void;
  close(): void;
  /** Last-Event-ID from the reconnecting EventSource, or `?lastEventId=` for a fresh page. */
  lastEventId: string | null;
}

export const sseHeaders: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

export function formatSse(event: SseEvent): string {
  const lines: string[] = [];
  if (event.id !== undefined) lines.push(`id: ${event.id.replace(/[\r\n]/g, '')}`);
  lines.push(`event: ${event.event}`);
  for (const line of JSON.stringify(event.data).split('\n')) lines.push(`data: ${line}`);
  return `${lines.join('\n')}\n\n`;
}

export function lastEventIdOf(request: Request): string | null {
  const header = request.headers.get('last-event-id');
  if (header) return header;
  return new URL(request.url).searchParams.get('lastEventId');
}

/**
 * `start` subscribes to whatever feeds the stream and returns its unsubscribe; it runs once the
 * stream is open, and the unsubscribe runs exactly once when the client disconnects or the
 * server closes the channel.
 */
export function sseResponse(request: Request, start: (channel: SseChannel) => () => void, options: { heartbeatMs?: number; retryMs?: number } = {}): Response {
  const encoder = new TextEncoder();
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  let cleanup: (() => void) | undefined;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const finish = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        request.signal.removeEventListener('abort', finish);
        try {
          cleanup?.();
        } finally {
          try {
            controller.close();
          } catch {
            // already closed by the client going away
          }
        }
      };
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      write(`retry: ${options.retryMs ?? 2000}\n\n`);
      heartbeat = setInterval(() => write(`: heartbeat ${new Date().toISOString()}\n\n`), heartbeatMs);
      heartbeat.unref?.();
      request.signal.addEventListener('abort', finish);
      const channel: SseChannel = { send: (event) => write(formatSse(event)), close: finish, lastEventId: lastEventIdOf(request) };
      cleanup = start(channel);
      if (closed) cleanup();
      if (request.signal.aborted) finish();
    },
    cancel() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      cleanup?.();
    },
  });
  return new Response(stream, { status: 200, headers: sseHeaders });
}
