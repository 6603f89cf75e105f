import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/sandbox';
import { startVisitsServer, type RunningVisitsServer } from './inProcessServer';

/**
 * Connections accepted elsewhere and handed to the in-process visits app (how the Service proxy does
 * DNAT): served like its own, closed by stop() like its own.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(): Promise<{ app: RunningVisitsServer; dataDir: string; frontPort: number }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'visits-handover-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const app = await startVisitsServer({ host: '127.0.0.1', port: await freePort(), dataDir, hostname: 'web-0', version: '1.0', healthy: true, log: () => undefined });
  cleanups.push(() => app.stop(0));
  // A stand-in for the proxy's listener: every accepted connection goes to the app, or is reset.
  const front = net.createServer((socket) => {
    if (!app.acceptConnection(socket)) socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => void front.close());
  return { app, dataDir, frontPort: (front.address() as net.AddressInfo).port };
}

function get(port: number, agent: http.Agent, pathname = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

describe('visits app with handed-over connections', () => {
  it('serves keep-alive requests on them and counts every visit', async () => {
    const { dataDir, frontPort } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    cleanups.push(() => agent.destroy());
    const statuses = await Promise.all(Array.from({ length: 80 }, () => get(frontPort, agent)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(Number(readFileSync(path.join(dataDir, 'visits.txt'), 'utf8'))).toBe(80);
  });

  it('closes an idle handed-over connection on stop and accepts no more afterwards', async () => {
    const { app, frontPort } = await start();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    cleanups.push(() => agent.destroy());
    expect(await get(frontPort, agent, '/healthcheck')).toBe(200);
    const idle = Object.values(agent.freeSockets).flat()[0];
    expect(idle).toBeDefined();
    const closed = new Promise<void>((resolve) => idle?.once('close', () => resolve()));
    await app.stop(60_000);
    await closed;
    expect(app.acceptConnection(new net.Socket())).toBe(false);
  });

  it('stop() waits for a busy handed-over connection and cuts it when the grace period ends', async () => {
    const { app, frontPort } = await start();
    const socket = net.connect({ host: '127.0.0.1', port: frontPort });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Half a request: the connection is busy, so only the end of the grace period closes it.
    socket.write('GET / HTTP/1.1\r\nHost: web\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const order: string[] = [];
    const socketClosed = new Promise<void>((resolve) => socket.once('close', () => resolve(void order.push('connection closed'))));
    await app.stop(100).then(() => order.push('stopped'));
    await socketClosed;
    expect(order).toEqual(['connection closed', 'stopped']);
  });
});
