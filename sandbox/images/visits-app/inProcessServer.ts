import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createVisitsRequestHandler, type VisitsAppOptions } from './requestHandler';
import { ensureVisitsFile } from './visitsCounter';

/** A container's visits app inside the sandbox process: one small http.Server on the pod's address. */
export interface RunningVisitsServer {
  address: { host: string; port: number };
  /** SIGTERM semantics: stop accepting, let requests finish, force-close after `graceMs`. */
  stop(graceMs: number): Promise<void>;
}

export async function startVisitsServer(options: VisitsAppOptions & { host: string; port: number }): Promise<RunningVisitsServer> {
  await ensureVisitsFile(path.join(options.dataDir, 'visits.txt'));
  const handler = createVisitsRequestHandler(options);
  let stopping = false;
  const server = http.createServer({ keepAliveTimeout: 5_000 }, (request, response) => {
    // Once stopping, every answer closes its connection, so keep-alive clients leave before the grace period ends.
    if (stopping) response.shouldKeepAlive = false;
    handler(request, response);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        address: { host: address.address, port: address.port },
        stop: (graceMs) =>
          new Promise<void>((done) => {
            stopping = true;
            const force = setTimeout(() => server.closeAllConnections(), Math.max(0, graceMs));
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
