import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/support/sandbox';
import { httpProbe, tcpProbe } from './probeActions';
import { ProbeWorker } from './probeWorker';

let server: http.Server;
let port: number;
let healthy = true;
const userAgents: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    userAgents.push(request.headers['user-agent'] ?? '');
    if (request.url === '/slow') return void setTimeout(() => response.end('late'), 1500);
    response.statusCode = request.url === '/healthcheck' && healthy ? 200 : 503;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const target = (path: string, targetPort = port) => ({ scheme: 'HTTP' as const, host: '127.0.0.1', port: targetPort, displayHost: '127.244.0.9', displayPort: 8080, path, headers: [] });

describe('probe actions against a real server', () => {
  it('passes on 200 and reports a 503 with the kubelet wording', async () => {
    expect(await httpProbe(target('/healthcheck'), 1000)).toEqual({ success: true, message: '' });
    expect(await httpProbe(target('/other'), 1000)).toEqual({ success: false, message: 'HTTP probe failed with statuscode: 503' });
    expect(userAgents).toContain('kube-probe/1.33');
  });

  it('reports a refused connection and a timeout as Go would', async () => {
    const closed = await freePort();
    expect((await httpProbe(target('/healthcheck', closed), 1000)).message).toBe('Get "http://127.244.0.9:8080/healthcheck": dial tcp 127.244.0.9:8080: connect: connection refused');
    expect((await httpProbe(target('/slow'), 200)).message).toBe('Get "http://127.244.0.9:8080/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
    expect(await tcpProbe('127.0.0.1', port, { host: '127.244.0.9', port: 8080 }, 500)).toEqual({ success: true, message: '' });
    expect((await tcpProbe('127.0.0.1', closed, { host: '127.244.0.9', port: 8080 }, 500)).message).toBe('dial tcp 127.244.0.9:8080: connect: connection refused');
  });
});

describe('probe worker thresholds', () => {
  it('turns failing only after failureThreshold consecutive failures, and passing again after successThreshold', async () => {
    healthy = true;
    const transitions: boolean[] = [];
    let failures = 0;
    const worker = new ProbeWorker('Readiness', { periodSeconds: 1, failureThreshold: 2, successThreshold: 2 }, 0.02, (timeout) => httpProbe(target('/healthcheck'), timeout), ({ outcome, transition }) => {
      if (!outcome.success) failures += 1;
      if (transition) transitions.push(transition.passing);
    });
    worker.start();
    const until = async (condition: () => boolean) => {
      for (let index = 0; index < 200 && !condition(); index += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await until(() => transitions.length === 1);
    healthy = false;
    await until(() => transitions.length === 2);
    expect(failures).toBeGreaterThanOrEqual(2);
    healthy = true;
    await until(() => transitions.length === 3);
    worker.stop();
    expect(transitions).toEqual([true, false, true]);
  });
});
