import { Writable } from 'node:stream';
import type { KubeConfig, V1Status } from '@kubernetes/client-node';
import { pooledExec } from './pooledExecSockets';

/**
 * Runs one command (argv, never a shell string) in a container through the API server's exec
 * subresource over WebSocket, as `kubectl exec` does, and collects its output with a size cap and
 * a deadline. On the deadline the socket is closed and the promise rejects with ExecTimeout.
 */
export class ExecTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs / 1000} s`);
  }
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  status?: V1Status;
}

class Collector extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.size < this.maxBytes) {
      const room = this.maxBytes - this.size;
      this.chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      this.size += Math.min(chunk.length, room);
    }
    callback();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export function execCollect(kc: KubeConfig, namespace: string, pod: string, container: string, argv: string[], options: { timeoutMs: number; maxBytes?: number }): Promise<ExecResult> {
  const stdout = new Collector(options.maxBytes ?? 64 * 1024);
  const stderr = new Collector(options.maxBytes ?? 64 * 1024);
  return new Promise<ExecResult>((resolve, reject) => {
    let status: V1Status | undefined;
    let settled = false;
    let socket: { close(): void; terminate?(): void } | undefined;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ stdout: stdout.text(), stderr: stderr.text(), status });
    };
    const timer = setTimeout(() => {
      try {
        socket?.terminate?.();
        socket?.close();
      } catch {
        // closing a half-open socket may throw; the deadline result stands
      }
      finish(new ExecTimeout(options.timeoutMs));
    }, options.timeoutMs);
    pooledExec(kc)
      .exec(namespace, pod, container, argv, stdout, stderr, null, false, (s) => {
        // The status frame comes after all output: the command is done, no need to wait for the close handshake.
        status = s;
        setImmediate(() => {
          finish();
          socket?.close();
        });
      })
      .then((ws) => {
        socket = ws;
        if (settled) {
          ws.close();
          return;
        }
        ws.on('close', () => setImmediate(() => finish()));
        ws.on('error', (error: Error) => finish(error));
      })
      .catch((error: unknown) => finish(error));
  });
}
