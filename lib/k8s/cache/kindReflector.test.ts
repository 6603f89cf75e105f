import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoreV1Api, KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KindReflector, type ReflectorState } from './kindReflector';

/**
 * A minimal API server for one empty ConfigMap list and its watch (held open), that can be taken
 * down and brought back on the same port, as when the sandbox process is killed and restarted.
 */
class FakeApiServer {
  private server?: http.Server;
  port = 0;

  async up(): Promise<void> {
    const server = http.createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (new URL(request.url ?? '/', 'http://x').searchParams.get('watch') === 'true') {
        response.flushHeaders(); // a watch with no events: stays open until the server goes away
        return;
      }
      response.end(JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  kubeConfig(): KubeConfig {
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'fake', server: `http://127.0.0.1:${this.port}`, skipTLSVerify: true }],
      users: [{ name: 'fake', token: 'fake-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
      currentContext: 'fake',
    });
    return kc;
  }
}

const running: { reflector?: KindReflector<V1ConfigMap>; server?: FakeApiServer } = {};

afterEach(async () => {
  running.reflector?.stop();
  await running.server?.down();
});

function reflectorOn(server: FakeApiServer, states: ReflectorState['state'][]): KindReflector<V1ConfigMap> {
  const reflector = new KindReflector<V1ConfigMap>(
    '/api/v1/namespaces/t/configmaps',
    () => server.kubeConfig(),
    (kc) => kc.makeApiClient(CoreV1Api).listNamespacedConfigMap({ namespace: 't' }),
    () => undefined,
    (state) => states.push(state.state),
    { backoff: { baseMs: 50, maxMs: 200 }, unreachableAfterMs: 1_500 },
  );
  running.reflector = reflector;
  return reflector;
}

const waitForState = (reflector: KindReflector<V1ConfigMap>, state: ReflectorState['state']) =>
  vi.waitFor(() => expect(reflector.state.state).toBe(state), { timeout: 10_000, interval: 20 });

describe('KindReflector: a lost API server is "reconnecting" first, "unreachable" only after a while', () => {
  it('says reconnecting (with the error) when the API server goes away, and live again when it is back', async () => {
    const server = new FakeApiServer();
    running.server = server;
    await server.up();
    const states: ReflectorState['state'][] = [];
    const reflector = reflectorOn(server, states);
    reflector.start();
    await waitForState(reflector, 'live');

    await server.down();
    await vi.waitFor(() => expect(states.at(-1)).not.toBe('live'), { timeout: 10_000, interval: 20 });
    expect(states.at(-1)).toBe('reconnecting');
    expect(reflector.state).toMatchObject({ state: 'reconnecting', error: expect.any(String) });

    await server.up();
    await waitForState(reflector, 'live');
    expect(states).not.toContain('unreachable');
  });

  it('turns unreachable after failing for the whole window, and recovers when the API server returns', async () => {
    const server = new FakeApiServer();
    running.server = server;
    await server.up();
    const states: ReflectorState['state'][] = [];
    const reflector = reflectorOn(server, states);
    reflector.start();
    await waitForState(reflector, 'live');

    await server.down();
    await waitForState(reflector, 'unreachable');
    expect(states.slice(states.indexOf('live') + 1, states.indexOf('unreachable'))).toContain('reconnecting');

    await server.up();
    await waitForState(reflector, 'live');
  });

  it('says unreachable at once for a cluster it never reached', async () => {
    const server = new FakeApiServer();
    running.server = server;
    await server.up();
    await server.down(); // the port is now closed: nothing listens there
    const states: ReflectorState['state'][] = [];
    const reflector = reflectorOn(server, states);
    reflector.start();
    await waitForState(reflector, 'unreachable');
    expect(states[0]).toBe('unreachable');
  });
});
