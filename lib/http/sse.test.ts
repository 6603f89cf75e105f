import { describe, expect, it } from 'vitest';
import { formatSse, sseResponse } from './sse';

async function readUntil(response: Response, text: string): Promise<string> {
  const reader = response.body!.getReader();
  let out = '';
  while (!out.includes(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    out += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return out;
}

describe('Server-Sent Events', () => {
  it('formats id, event and JSON data, one data line per line', () => {
    expect(formatSse({ id: 'ab.3', event: 'upsert', data: { name: 'web' } })).toBe('id: ab.3\nevent: upsert\ndata: {"name":"web"}\n\n');
    expect(formatSse({ id: 'x\ny', event: 'status', data: 1 })).toBe('id: xy\nevent: status\ndata: 1\n\n');
  });

  it('sends the retry hint, the messages and heartbeats, and cleans up once when the client goes away', async () => {
    const abort = new AbortController();
    const request = new Request('http://127.0.0.1:3000/stream?lastEventId=e.7', { signal: abort.signal });
    let cleanups = 0;
    let lastEventId: string | null = null;
    const response = sseResponse(
      request,
      (channel) => {
        lastEventId = channel.lastEventId;
        channel.send({ id: 'e.8', event: 'snapshot', data: { items: [] } });
        return () => {
          cleanups += 1;
        };
      },
      { heartbeatMs: 20 },
    );
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const text = await readUntil(response, ': heartbeat');
    expect(text.startsWith('retry: 2000\n\n')).toBe(true);
    expect(text).toContain('id: e.8\nevent: snapshot\n');
    expect(lastEventId).toBe('e.7');
    abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(cleanups).toBe(1);
  });

  it('prefers the Last-Event-ID header of a reconnecting EventSource', () => {
    let seen: string | null = null;
    const response = sseResponse(new Request('http://127.0.0.1:3000/stream?lastEventId=old.1', { headers: { 'last-event-id': 'new.2' } }), (channel) => {
      seen = channel.lastEventId;
      return () => undefined;
    });
    expect(seen).toBe('new.2');
    void response.body?.cancel();
  });
});
