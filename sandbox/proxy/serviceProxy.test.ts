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

/** A pod's "app": answers every line with the pod's name. */
function serve(socket: net.Socket, name: string, sockets: Set<net.Socket>): void {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('data', () => socket.write(`${name}\n`));
  // Done when the client is (a handed-over socket is half-open, as an http.Server's are).
  socket.on('end', () => socket.end());
  socket.on('error', () => undefined);
}

async function backend(host: string, name: string): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => serve(socket, name, sockets));
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
    const closed = () => reject(new Error('closed without an answer'));
    connection.once('error', reject);
    connection.once('close', closed);
    connection.once('data', (data) => {
      connection.off('error', reject);
      connection.off('close', closed);
      resolve({ answer: data.toString().trim(), socket: connection });
    });
    connection.write('hello\n');
  });
}

/**
 * `handOver`: the pods' servers run "in process" and take accepted connections themselves (the kubelet
 * runtime's connectionHandlerFor); 'stopping' = they exist but no longer accept.
 */
async function setup(options: { affinity?: boolean; handOver?: 'serving' | 'stopping'; beforeProxy?: (clusterIP: string, port: number) => Promise<void> } = {}) {
  const client = new MemoryClusterClient();
  const mappings: string[] = [];
  const handedOver: string[] = [];
  const ctx: SandboxContext = { client, dataDir: '/nonexistent', rootDir: '/nonexistent', speed: 0.05, recordEvent: () => undefined, log: () => undefined };
  if (options.handOver) {
    const sockets = new Set<net.Socket>();
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
    });
    ctx.connectionHandlerFor = (_namespace, pod, port) => (socket) => {
      handedOver.push(`${pod}:${port}`);
      if (options.handOver === 'stopping') return false;
      serve(socket, pod, sockets);
      return true;
    };
  }
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
  // Only the tests' own connections count.
  handedOver.splice(0);
  return { client, clusterIP, servicePort, mappings, handedOver, address };
}

async function waitForListener(host: string, port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      // A reset (the chosen pod refused) still means the proxy listens; only a refusal means it does not yet.
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNRESET'));
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

  it('hands connections to in-process pods without a second connection, spread at random, one pod per connection', async () => {
    const { clusterIP, servicePort, mappings, handedOver } = await setup({ handOver: 'serving' });
    const seen = new Set<string>();
    for (let index = 0; index < 40; index++) {
      const { answer, socket } = await ask(clusterIP, servicePort);
      seen.add(answer);
      socket.destroy();
    }
    expect([...seen].sort()).toEqual(['web-0', 'web-1']);
    expect(handedOver).toHaveLength(40);
    expect(handedOver[0]).toMatch(/^web-[01]:8080$/);
    expect(mappings).toEqual([]);
    const first = await ask(clusterIP, servicePort);
    for (let index = 0; index < 10; index++) expect((await ask(clusterIP, servicePort, first.socket)).answer).toBe(first.answer);
    first.socket.destroy();
  });

  it('keeps a handed-over connection when its pod leaves the Endpoints and sends new ones to ready pods', async () => {
    const { client, clusterIP, servicePort, address } = await setup({ handOver: 'serving' });
    let connection = await ask(clusterIP, servicePort);
    while (connection.answer !== 'web-1') {
      connection.socket.destroy();
      connection = await ask(clusterIP, servicePort);
    }
    const endpoints = client.get<Endpoints>(resources.endpoints, 'default', 'web') as Endpoints;
    await client.update<Endpoints>(resources.endpoints, { ...endpoints, subsets: [{ addresses: [address('web-0')], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }] });
    for (let index = 0; index < 10; index++) {
      const { answer, socket } = await ask(clusterIP, servicePort);
      expect(answer).toBe('web-0');
      socket.destroy();
    }
    expect((await ask(clusterIP, servicePort, connection.socket)).answer).toBe('web-1');
    connection.socket.destroy();
  });

  it('refuses the connection when the chosen pod stopped accepting', async () => {
    const { clusterIP, servicePort, handedOver } = await setup({ handOver: 'stopping' });
    await expect(ask(clusterIP, servicePort)).rejects.toThrow(/ECONNRESET|closed without an answer/);
    expect(handedOver).toHaveLength(1);
  });

  it('refuses connections when the Service has no ready endpoint', async () => {
    const { client, clusterIP, servicePort } = await setup({ handOver: 'serving' });
    const endpoints = client.get<Endpoints>(resources.endpoints, 'default', 'web') as Endpoints;
    await client.update<Endpoints>(resources.endpoints, { ...endpoints, subsets: [] });
    await expect.poll(async () => {
      try {
        const { socket } = await ask(clusterIP, servicePort);
        socket.destroy();
        return 'answered';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    }).toMatch(/ECONNRESET/);
  });

  for (const handOver of [undefined, 'serving'] as const) {
    it(`answers a client that half-closed after its request (${handOver ? 'handed over' : 'piped'})`, async () => {
      const { clusterIP, servicePort } = await setup({ handOver });
      const socket = net.connect({ host: clusterIP, port: servicePort });
      const received: Buffer[] = [];
      socket.on('data', (data: Buffer) => received.push(data));
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.once('close', () => resolve());
        // A request and then FIN, as `printf 'GET ...' | nc` sends: the answer must still arrive.
        socket.end('hello\n');
      });
      expect(Buffer.concat(received).toString()).toMatch(/^web-[01]\n$/);
    });
  }

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
