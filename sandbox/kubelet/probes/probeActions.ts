import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * The probe actions of the kubelet (pkg/probe/http, pkg/probe/tcp) with the messages it reports,
 * which end up in Unhealthy events: `HTTP probe failed with statuscode: 503`,
 * `Get "http://…": dial tcp …: connect: connection refused`, `… context deadline exceeded …`.
 */
export interface ProbeOutcome {
  success: boolean;
  message: string;
}

export interface HttpProbeTarget {
  scheme: 'HTTP' | 'HTTPS';
  host: string;
  port: number;
  /** The address the URL shows (the pod IP and containerPort, even where the sandbox maps ports). */
  displayHost: string;
  displayPort: number;
  path: string;
  headers: Array<{ name: string; value: string }>;
}

const probeUserAgent = 'kube-probe/1.33';

function dialError(error: NodeJS.ErrnoException, host: string, port: number): string {
  const reasons: Record<string, string> = { ECONNREFUSED: 'connect: connection refused', ECONNRESET: 'read: connection reset by peer', EHOSTUNREACH: 'connect: no route to host', EADDRNOTAVAIL: 'connect: cannot assign requested address' };
  return `dial tcp ${host}:${port}: ${reasons[error.code ?? ''] ?? error.message}`;
}

export function httpProbe(target: HttpProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const pathPart = target.path.startsWith('/') ? target.path : `/${target.path}`;
  const url = `${target.scheme.toLowerCase()}://${target.displayHost}:${target.displayPort}${pathPart}`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const headers: Record<string, string> = { 'User-Agent': probeUserAgent, Accept: '*/*', Host: `${target.displayHost}:${target.displayPort}` };
    for (const header of target.headers) headers[header.name] = header.value;
    const client = target.scheme === 'HTTPS' ? https : http;
    const request = client.request(
      { host: target.host, port: target.port, path: pathPart, method: 'GET', headers, agent: false, rejectUnauthorized: false },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // The kubelet reads at most 10 KiB of a probe's body.
          if (received > 10 * 1024) response.destroy();
        });
        const done = () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 400) settle({ success: true, message: '' });
          else settle({ success: false, message: `HTTP probe failed with statuscode: ${status}` });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      settle({ success: false, message: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => settle({ success: false, message: `Get "${url}": ${dialError(error, target.displayHost, target.displayPort)}` }));
    request.end();
  });
}

export function tcpProbe(host: string, port: number, display: { host: string; port: number }, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ success: false, message: `dial tcp ${display.host}:${display.port}: i/o timeout` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ success: true, message: '' });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ success: false, message: dialError(error, display.host, display.port) });
    });
  });
}
