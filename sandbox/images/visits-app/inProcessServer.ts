import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { createVisitsRequestHandler, type VisitsAppOptions } from './requestHandler';
import { ensureVisitsFile } from './visitsCounter';

/** A container's visits app inside the sandbox process: one small http.Server on the pod's address. */
export interface RunningVisitsServer {
  address: { host: string; port: number };
  /**
   * Serves a TCP connection someone else accepted for this address (the Service proxy's DNAT: one
   * connection, no second hop). False when the app no longer accepts connections (stopping).
   */
  acceptConnection(socket: Socket): boolean;
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
  // Connections handed over by the proxy: the server's close() does not count them, so stop() waits for them itself.
  const handedOver = new Set<Socket>();
  let lastHandedOverClosed: (() => void) | undefined;
  const acceptConnection = (socket: Socket): boolean => {
    if (stopping || !server.listening) return false;
    handedOver.add(socket);
    socket.once('close', () => {
      handedOver.delete(socket);
      if (handedOver.size === 0) lastHandedOverClosed?.();
    });
    server.emit('connection', socket);
    return true;
  };
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({
        address: { host: address.address, port: address.port },
        acceptConnection,
        stop: (graceMs) => {
          stopping = true;
          const force = setTimeout(() => {
            server.closeAllConnections();
            for (const socket of handedOver) socket.destroy();
          }, Math.max(0, graceMs));
          const closed = new Promise<void>((done) => server.close(() => done()));
          const handedOverClosed = new Promise<void>((done) => {
            lastHandedOverClosed = done;
            if (handedOver.size === 0) done();
          });
          // Idle keep-alive connections (handed over ones too) close now; busy ones after their answer.
          server.closeIdleConnections();
          return Promise.all([closed, handedOverClosed]).then(() => clearTimeout(force));
        },
      });
    });
  });
}
