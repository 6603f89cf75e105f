import http from 'node:http';
import net from 'node:net';

export interface RawAnswer {
  status: number;
  body: string;
  /** A transport failure (the server closed or reset the connection) instead of an answer. */
  error?: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Bytes written as they are on a fresh TCP connection (for malformed HTTP the client library refuses to send). */
  raw?: string;
}

const maxKeptBody = 256 * 1024;

/** One request to host:port; the body of the answer is kept (up to 256 KiB) so tests can search it. */
export function send(port: number, request: RawRequest, timeoutMs = 30_000): Promise<RawAnswer> {
  if (request.raw !== undefined) return sendRaw(port, request.raw, timeoutMs);
  return new Promise((resolve) => {
    const outgoing = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers, agent: false, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= maxKeptBody) chunks.push(chunk);
        else response.destroy();
      });
      const done = () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      response.on('end', done);
      response.on('close', done);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('timeout')));
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, body: '', error: error.code ?? error.message }));
    outgoing.end(request.body);
  });
}

/** Writes bytes as given and reads the status line of whatever comes back. */
function sendRaw(port: number, bytes: string, timeoutMs: number): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let text = '';
    const finish = (error?: string) => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(0, maxKeptBody), error: status ? undefined : (error ?? 'no answer') });
    };
    socket.setTimeout(timeoutMs, () => finish('timeout'));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.length > maxKeptBody) finish();
    });
    socket.on('end', () => finish());
    socket.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? error.message));
    void writeUntilAnswered(socket, Buffer.from(bytes, 'latin1'), () => text.length > 0);
  });
}

/**
 * Writes in 64 KiB pieces and stops once the server has answered: a server refusing a huge body
 * answers early and hangs up, and the reset that follows would otherwise swallow its answer.
 */
async function writeUntilAnswered(socket: net.Socket, bytes: Buffer, answered: () => boolean): Promise<void> {
  const piece = 64 * 1024;
  for (let offset = 0; offset < bytes.length && !answered() && !socket.destroyed; offset += piece) {
    const flushed = socket.write(bytes.subarray(offset, offset + piece));
    if (!flushed) await new Promise<void>((resolve) => socket.once('drain', resolve).once('close', resolve));
    // Give an early answer the time to arrive before the next piece.
    if (offset + piece < bytes.length) await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** GETs a streaming response (SSE, followed logs) and keeps what arrived within `ms`, then hangs up like a closed tab. */
export function readFor(port: number, path: string, headers: Record<string, string>, ms: number): Promise<RawAnswer> {
  return new Promise((resolve) => {
    let text = '';
    let status = 0;
    const outgoing = http.get({ host: '127.0.0.1', port, path, headers, agent: false }, (response) => {
      status = response.statusCode ?? 0;
      response.on('data', (chunk: Buffer) => {
        if (text.length < 4 * maxKeptBody) text += chunk.toString('utf8');
      });
      response.on('end', () => finish());
    });
    const timer = setTimeout(() => finish(), ms);
    function finish() {
      clearTimeout(timer);
      outgoing.destroy();
      resolve({ status, body: text });
    }
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ status, body: text, error: error.code ?? error.message });
    });
  });
}
