import https from 'node:https';
import type { TestSandbox } from '../../test/support/sandbox';

/**
 * A plain keep-alive HTTPS client for the API server benchmarks: it measures the server, not a
 * client library, and reuses connections the way kubectl and informers do.
 */
export interface RawClient {
  request(method: string, path: string, body?: unknown, contentType?: string): Promise<{ status: number; text: string }>;
  /** Opens a watch and calls `onLine` per event line; resolves once the response headers arrived. */
  watch(path: string, onLine: (line: string) => void): Promise<() => void>;
  close(): void;
}

export function rawClient(sandbox: TestSandbox): RawClient {
  const kubeConfig = sandbox.kubeConfig();
  const ca = Buffer.from(kubeConfig.getCurrentCluster()?.caData ?? '', 'base64');
  const token = kubeConfig.getCurrentUser()?.token ?? '';
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca });
  const url = new URL(sandbox.server);
  const options = (method: string, path: string, headers: Record<string, string> = {}) => ({
    host: url.hostname,
    port: url.port,
    method,
    path,
    agent,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...headers },
  });
  return {
    request(method, path, body, contentType = 'application/json') {
      return new Promise((resolve, reject) => {
        const text = body === undefined ? undefined : JSON.stringify(body);
        const request = https.request(options(method, path, text ? { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)) } : {}), (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', reject);
        });
        request.on('error', reject);
        request.end(text);
      });
    },
    watch(path, onLine) {
      return new Promise((resolve, reject) => {
        const watchAgent = new https.Agent({ keepAlive: false, ca });
        const request = https.request({ ...options('GET', path), agent: watchAgent }, (response) => {
          let pending = '';
          response.on('data', (chunk: Buffer) => {
            pending += chunk.toString('utf8');
            let newline = pending.indexOf('\n');
            while (newline >= 0) {
              onLine(pending.slice(0, newline));
              pending = pending.slice(newline + 1);
              newline = pending.indexOf('\n');
            }
          });
          response.on('error', () => undefined);
          resolve(() => request.destroy());
        });
        request.on('error', (error) => reject(error));
        request.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}

/** Runs `work(0..count-1)` with at most `concurrency` in flight. */
export async function inParallel(count: number, concurrency: number, work: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** A pod nobody schedules (its scheduler does not exist), so the kubelet stays idle and only the API works. */
export function idlePod(name: string, namespace: string): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { bench: 'apiserver', app: 'web' } },
    spec: {
      schedulerName: 'bench-nobody',
      containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ containerPort: 8080 }], env: [{ name: 'MODE', value: 'bench' }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
    },
  };
}
