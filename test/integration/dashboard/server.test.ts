import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { freePort, startTestSandbox, type TestSandbox } from '../../support/sandbox';
import { createFromYaml } from './dashboardSupport';
import { visitsAppYaml } from '../controllers/clusterSupport';

/**
 * The real dashboard process (`node --import tsx server.ts`, production build) in front of a
 * sandbox: the token gate on pages, API and upgrades, the login cookie, the cross-origin refusal
 * and a live SSE stream over real HTTP. Needs `next build` output that includes these routes.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const built = existsSync(path.join(root, '.next', 'BUILD_ID')) && existsSync(path.join(root, '.next', 'server', 'app', 'api', 'contexts', '[context]', 'namespaces', '[namespace]', 'statefulsets', 'stream', 'route.js'));
if (!built) console.log('skipping the server.ts HTTP tests: no production build with the dashboard routes (.next/BUILD_ID); `next build` makes one');

const token = 'a-long-test-token-for-the-dashboard-0123456789';
const namespace = 'dash-server';

describe.skipIf(!built)('server.ts over HTTP', () => {
  let sandbox: TestSandbox;
  let child: ChildProcess;
  let base: string;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    await sandbox.kubeConfig().makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name: namespace } } });
    await createFromYaml(sandbox, visitsAppYaml({ name: 'web', replicas: 1, namespace }));
    const port = await freePort();
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !['DASHBOARD_KUBECONFIG', 'DASHBOARD_CLUSTER_MODE', 'READ_ONLY', 'KUBERNETES_SERVICE_HOST'].includes(key)));
    child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server.ts')], {
      cwd: root,
      env: { ...env, NODE_ENV: 'production', CLUSTER: 'kubeconfig', KUBECONFIG: sandbox.kubeconfigPath, PORT: String(port), HOST: '127.0.0.1', DASHBOARD_TOKEN: token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('StatefulSet Explorer on')) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server.ts exited (${code}): ${output}`)));
    });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await sandbox?.dispose();
  });

  const auth = { Authorization: `Bearer ${token}` };

  it('needs the token for API calls, pages and upgrades', async () => {
    expect((await fetch(`${base}/api/contexts`)).status).toBe(401);
    const page = await fetch(`${base}/`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login/);
    const contexts = await fetch(`${base}/api/contexts`, { headers: auth });
    expect(contexts.status).toBe(200);
    expect(((await contexts.json()) as { current: string }).current).toBe('sandbox');
    const upgrade = await new Promise<number>((resolve) => {
      const request = http.request(`${base}/api/contexts/sandbox/namespaces/${namespace}/pods/web-0/exec`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      request.on('response', (response) => resolve(response.statusCode ?? 0));
      request.on('upgrade', () => resolve(101));
      request.on('error', () => resolve(0));
      request.end();
    });
    expect(upgrade).toBe(401);
  });

  it('logs in with the form and then serves pages with the cookie', async () => {
    const login = await fetch(`${base}/api/login`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const contexts = await fetch(`${base}/api/contexts`, { headers: { cookie } });
    expect(contexts.status).toBe(200);
  });

  it('refuses a cross-origin mutation', async () => {
    const response = await fetch(`${base}/api/contexts/sandbox/namespaces/${namespace}/statefulsets/web/scale`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', origin: 'http://evil.example' }, body: '{"replicas":3}' });
    expect(response.status).toBe(403);
  });

  it('streams the StatefulSets with SSE headers', async () => {
    const abort = new AbortController();
    const response = await fetch(`${base}/api/contexts/sandbox/namespaces/${namespace}/statefulsets/stream`, { headers: auth, signal: abort.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: snapshot')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    expect(text).toContain('"name":"web"');
  });
});
