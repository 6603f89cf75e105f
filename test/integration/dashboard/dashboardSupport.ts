import { startTestSandbox, fetchRaw, type TestSandbox } from '../../support/sandbox';
import { configureCaches, stopAllCaches } from '../../../lib/k8s/cache/cacheRegistry';
import { disposeAllFeeds } from '../../../lib/k8s/feeds/feedRegistry';
import { cancelAllTraffic } from '../../../lib/visits/traffic/trafficJobs';

/**
 * Runs the dashboard's route handlers in this process against a real sandbox process: the same
 * code Next.js serves, called with real Request objects, talking to the cluster over HTTPS with
 * client-node. (HTTP-level tests through server.ts need a production build; see server.test.ts.)
 */
export const origin = 'http://127.0.0.1:3999';
export const sameOrigin = { host: '127.0.0.1:3999', origin, 'content-type': 'application/json' };

export async function startDashboardOnSandbox(): Promise<TestSandbox> {
  const sandbox = await startTestSandbox();
  process.env.DASHBOARD_KUBECONFIG = sandbox.kubeconfigPath;
  process.env.DASHBOARD_CLUSTER_MODE = 'kubeconfig';
  delete process.env.READ_ONLY;
  configureCaches({ idleMs: 200, reflector: { backoff: { baseMs: 100, maxMs: 1_000 } } });
  return sandbox;
}

export async function stopDashboard(sandbox: TestSandbox | undefined): Promise<void> {
  cancelAllTraffic();
  disposeAllFeeds();
  stopAllCaches();
  await sandbox?.dispose();
}

/** Why a test cannot run yet: the sandbox does not serve what it needs (it is being built alongside). */
export async function sandboxLacks(sandbox: TestSandbox, groupVersionPath: string, resource: string): Promise<string | undefined> {
  const token = sandbox.kubeConfig().getCurrentUser()?.token ?? '';
  const response = await fetchRaw(sandbox, groupVersionPath, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) return `the sandbox does not serve ${groupVersionPath} yet (HTTP ${response.status})`;
  const list = JSON.parse(response.text) as { resources?: { name: string }[] };
  return list.resources?.some((entry) => entry.name === resource) ? undefined : `the sandbox does not serve ${resource} in ${groupVersionPath} yet`;
}

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

export async function call<P>(handler: Handler<P>, params: P, init: { path?: string; method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
  const request = new Request(`${origin}${init.path ?? '/api/test'}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers: init.headers, body, signal: init.signal });
  return handler(request, { params: Promise.resolve(params) });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface SseFrame {
  id?: string;
  event: string;
  data: unknown;
}

/** Reads SSE frames from a streaming Response, step by step; `close()` ends it like a closed tab. */
export class SseReader {
  readonly frames: SseFrame[] = [];
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private pending?: Promise<ReadableStreamReadResult<Uint8Array>>;

  constructor(
    response: Response,
    private readonly abort?: AbortController,
  ) {
    const reader = response.body?.getReader();
    if (!reader) throw new Error('the response has no body');
    this.reader = reader;
  }

  /** Resolves with the first frame (from `from` on) matching the predicate. */
  async waitFor(predicate: (frame: SseFrame) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<SseFrame> {
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      const found = this.frames.slice(options.from ?? 0).find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${this.frames.map((frame) => frame.event).join(', ')}`);
      this.pending ??= this.reader.read();
      const result = await Promise.race([this.pending, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), left).unref())]);
      if (result === 'timeout') continue;
      this.pending = undefined;
      if (result.done) throw new Error('the stream ended');
      this.buffer += this.decoder.decode(result.value, { stream: true });
      this.parse();
    }
  }

  private parse(): void {
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let id: string | undefined;
      let event: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (event) this.frames.push({ id, event, data: JSON.parse(data.join('\n')) });
    }
  }

  get lastId(): string | undefined {
    return [...this.frames].reverse().find((frame) => frame.id)?.id;
  }

  async close(): Promise<void> {
    this.abort?.abort();
    await this.reader.cancel().catch(() => undefined);
  }
}

/** Opens a stream route like an EventSource would (optionally resuming from Last-Event-ID). */
export async function openStream<P>(handler: Handler<P>, params: P, lastEventId?: string): Promise<{ response: Response; reader: SseReader }> {
  const abort = new AbortController();
  const response = await call(handler, params, { headers: lastEventId ? { 'last-event-id': lastEventId } : {}, signal: abort.signal });
  return { response, reader: new SseReader(response, abort) };
}

/** Creates the Services and StatefulSets of a multi-document YAML with client-node (setup that does not depend on kubectl's OpenAPI download). */
export async function createFromYaml(sandbox: TestSandbox, text: string): Promise<void> {
  const { parseAllDocuments } = await import('yaml');
  const { AppsV1Api, CoreV1Api } = await import('@kubernetes/client-node');
  const kc = sandbox.kubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  for (const document of parseAllDocuments(text)) {
    const object = document.toJSON() as { kind?: string; metadata?: { namespace?: string } };
    const namespace = object.metadata?.namespace ?? 'default';
    if (object.kind === 'Service') await core.createNamespacedService({ namespace, body: object as never });
    else if (object.kind === 'StatefulSet') await apps.createNamespacedStatefulSet({ namespace, body: object as never });
    else if (object.kind === 'Namespace') await core.createNamespace({ body: object as never });
    else throw new Error(`createFromYaml does not handle ${object.kind ?? 'unknown kind'}`);
  }
}
