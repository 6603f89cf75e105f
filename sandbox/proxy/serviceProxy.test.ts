import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resources } from '../apiserver/registry/clusterClient';
import type { SandboxContext } from '../context';
import type { Endpoints, Service } from '../controllers/apiTypes';
import { MemoryClusterClient } from '../controllers/testing/memoryClusterClient';
import { startServiceProxy } from './index';

/** Real TCP through the proxy, with the API in memory: backends answer with their own name per line. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function backend(host: string, name: string): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', () => socket.write(`${name}\n`));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  cleanups.push(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as net.AddressInfo).port;
}

function randomOctet(): number {
  return 2 + Math.floor(Math.random() * 250);
}

async function ask(host: string, port: number, socket?: net.Socket): Promise<{ answer: string; socket: net.Socket }> {
  const connection = socket ?? net.connect({ host, port });
  if (!socket) connection.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    connection.once('error', reject);
    connection.once('close', () => reject(new Error('closed without an answer')));
    connection.once('data', (data) => resolve({ answer: data.toString().trim(), socket: connection }));
    connection.write('hello\n');
  });
}

async function setup(options: { affinity?: boolean; beforeProxy?: (clusterIP: string, port: number) => Promise<void> } = {}) {
  const client = new MemoryClusterClient();
  const mappings: string[] = [];
  const ctx: SandboxContext = { client, dataDir: '/nonexistent', rootDir: '/nonexistent', speed: 0.05, recordEvent: () => undefined, log: () => undefined };
  const podHost = `127.244.${randomOctet()}.${randomOctet()}`;
  const ports = { 'web-0': await backend(podHost, 'web-0'), 'web-1': await backend(podHost, 'web-1') };
  // The pods "listen" on 8080 as far as Endpoints know; the runtime maps that to the real ports.
  ctx.resolvePodPort = (_namespace, pod, port) => {
    mappings.push(`${pod}:${port}`);
    return { host: podHost, port: ports[pod as keyof typeof ports] };
  };
  const clusterIP = `127.96.${randomOctet()}.${randomOctet()}`;
  const servicePort = 20_000 + Math.floor(Math.random() * 10_000);
  const service: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { clusterIP, ports: [{ name: 'http', port: servicePort, targetPort: 'http', protocol: 'TCP' }], selector: { app: 'web' }, ...(options.affinity ? { sessionAffinity: 'ClientIP' } : {}) },
  };
  const address = (name: string) => ({ ip: podHost, targetRef: { kind: 'Pod', namespace: 'default', name } });
  await client.create<Endpoints>(resources.endpoints, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [address('web-0'), address('web-1')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }] });
  await client.create(resources.services, service);
  await options.beforeProxy?.(clusterIP, servicePort);
  const proxy = await startServiceProxy(ctx);
  cleanups.push(() => proxy.stop());
  await waitForListener(clusterIP, servicePort);
  return { client, clusterIP, servicePort, mappings, address };
}

async function waitForListener(host: string, port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`nothing listens on ${host}:${port}`);
}

describe('Service proxy', () => {
  it('spreads new connections over ready endpoints and keeps a connection on one pod', async () => {
    const { clusterIP, servicePort, mappings } = await setup();
    const seen = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const { answer, socket } = await ask(clusterIP, servicePort);
      seen.add(answer);
      socket.destroy();
    }
    expect([...seen].sort()).toEqual(['web-0', 'web-1']);
    expect(mappings[0]).toMatch(/^web-[01]:8080$/);
    const first = await ask(clusterIP, servicePort);
    for (let index = 0; index < 10; index++) expect((await ask(clusterIP, servicePort, first.socket)).answer).toBe(first.answer);
    first.socket.destroy();
  });

  it('keeps one client IP on one pod with sessionAffinity ClientIP', async () => {
    const { clusterIP, servicePort } = await setup({ affinity: true });
    const answers = new Set<string>();
    for (let index = 0; index < 20; index++) {
      const { answer, socket } = await ask(clusterIP, servicePort);
      answers.add(answer);
      socket.destroy();
    }
    expect(answers.size).toBe(1);
  });

  it('keeps an established connection to an endpoint that went away (as kube-proxy does) and sends new ones elsewhere', async () => {
    const { client, clusterIP, servicePort, address } = await setup();
    let connection = await ask(clusterIP, servicePort);
    while (connection.answer !== 'web-1') {
      connection.socket.destroy();
      connection = await ask(clusterIP, servicePort);
    }
    const endpoints = client.get<Endpoints>(resources.endpoints, 'default', 'web') as Endpoints;
    await client.update<Endpoints>(resources.endpoints, { ...endpoints, subsets: [{ addresses: [address('web-0')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }] });
    // A terminating pod finishes what it has: the proxy does not cut its connections.
    await expect.poll(async () => {
      const { answer, socket } = await ask(clusterIP, servicePort);
      socket.destroy();
      return answer;
    }).toBe('web-0');
    expect((await ask(clusterIP, servicePort, connection.socket)).answer).toBe('web-1');
    connection.socket.destroy();
    for (let index = 0; index < 10; index++) {
      const { answer, socket } = await ask(clusterIP, servicePort);
      expect(answer).toBe('web-0');
      socket.destroy();
    }
  });

  it('stops listening when the Service is deleted', async () => {
    const { client, clusterIP, servicePort } = await setup();
    await client.delete(resources.services, 'default', 'web');
    await expect
      .poll(
        () =>
          new Promise<boolean>((resolve) => {
            const socket = net.connect({ host: clusterIP, port: servicePort }, () => {
              socket.destroy();
              resolve(true);
            });
            socket.on('error', () => resolve(false));
          }),
      )
      .toBe(false);
  });

  it('takes over an address that another process held when the proxy started', async () => {
    let blocker: net.Server | undefined;
    const { clusterIP, servicePort } = await setup({
      beforeProxy: async (host, port) => {
        blocker = net.createServer((socket) => {
          socket.on('error', () => undefined);
          socket.end('blocker\n');
          cleanups.push(() => void socket.destroy());
        });
        await new Promise<void>((resolve) => blocker?.listen(port, host, resolve));
      },
    });
    const first = await ask(clusterIP, servicePort);
    first.socket.destroy();
    expect(first.answer).toBe('blocker');
    // Closing the listening socket frees the address at once (the callback would wait for every connection).
    blocker?.close();
    await expect.poll(async () => {
      try {
        const { answer, socket } = await ask(clusterIP, servicePort);
        socket.destroy();
        return answer;
      } catch {
        return 'nothing';
      }
    }, { timeout: 10_000, interval: 200 }).toMatch(/^web-[01]$/);
  });
});
