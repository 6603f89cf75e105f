import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreV1Api } from '@kubernetes/client-node';
import WebSocket from 'ws';
import type { TestSandbox } from '../../support/sandbox';
import { createFromYaml, sandboxLacks, startDashboardOnSandbox, stopDashboard } from './dashboardSupport';
import { visitsAppYaml, waitForSetReady } from '../controllers/clusterSupport';
import { execUpgradeRoute } from '@/lib/k8s/exec/execBridge';
import type { ExecServerMessage } from '@/lib/k8s/exec/execProtocol';

/**
 * The pod terminal's WebSocket, served by the same upgrade route server.ts registers, bridged to
 * the sandbox's exec subresource: argv in, output and exit status out, cross-origin refused.
 */
const namespace = 'dash-exec';

describe('pod terminal over WebSocket', () => {
  let sandbox: TestSandbox;
  let missing: string | undefined;
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    sandbox = await startDashboardOnSandbox();
    const route = execUpgradeRoute();
    server = http.createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (req, socket, head) => {
      if (!route(req, socket, head)) socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    missing = await sandboxLacks(sandbox, '/apis/apps/v1', 'statefulsets');
    if (missing) return void console.log(`skipping the exec tests: ${missing}`);
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    await createFromYaml(sandbox, visitsAppYaml({ name: 'web', replicas: 1, namespace }));
    await waitForSetReady(sandbox, 'web', 1, namespace);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await stopDashboard(sandbox);
  });

  function open(path: string, origin = `http://${base}`): Promise<{ messages: ExecServerMessage[]; closed: Promise<void>; status?: number; socket: WebSocket }> {
    return new Promise((resolve) => {
      const socket = new WebSocket(`ws://${base}${path}`, { origin });
      const messages: ExecServerMessage[] = [];
      const closed = new Promise<void>((done) => socket.on('close', () => done()));
      socket.on('message', (raw) => messages.push(JSON.parse(raw.toString()) as ExecServerMessage));
      socket.on('open', () => resolve({ messages, closed, socket }));
      socket.on('unexpected-response', (_request, response) => resolve({ messages, closed: Promise.resolve(), status: response.statusCode, socket }));
      socket.on('error', () => undefined);
    });
  }

  it('runs the requested argv in the container and reports the exit', async (ctx) => {
    if (missing) return ctx.skip();
    const { messages, closed } = await open(`/api/contexts/sandbox/namespaces/${namespace}/pods/web-0/exec?container=app&command=echo&command=hello%20from%20the%20pod&tty=false`);
    await closed;
    expect(messages.filter((message) => message.type === 'stdout').map((message) => (message as { data: string }).data).join('')).toContain('hello from the pod');
    expect(messages.find((message) => message.type === 'exit')).toEqual({ type: 'exit', code: 0 });
  });

  it('reports a failing command\'s exit code', async (ctx) => {
    if (missing) return ctx.skip();
    const { messages, closed } = await open(`/api/contexts/sandbox/namespaces/${namespace}/pods/web-0/exec?command=cat&command=no-such-file&tty=false`);
    await closed;
    expect(messages.find((message) => message.type === 'exit')).toMatchObject({ type: 'exit', code: 1 });
  });

  it('refuses a cross-origin upgrade and a bad pod name before any handshake', async () => {
    const cross = await open(`/api/contexts/sandbox/namespaces/${namespace}/pods/web-0/exec`, 'http://evil.example');
    expect(cross.status).toBe(403);
    const bad = await open(`/api/contexts/sandbox/namespaces/${namespace}/pods/Web_0/exec`);
    expect(bad.status).toBe(400);
  });

  it('refuses the terminal in read-only mode', async () => {
    process.env.READ_ONLY = 'true';
    try {
      const refused = await open(`/api/contexts/sandbox/namespaces/${namespace}/pods/web-0/exec`);
      expect(refused.status).toBe(403);
    } finally {
      delete process.env.READ_ONLY;
    }
  });
});
