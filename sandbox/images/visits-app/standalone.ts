/**
 * The visits app as a real server, for `node` on a workstation or the image built by the Dockerfile:
 *   PORT (default 8080), DATA_DIR (default ./data), APP_VERSION (default 1.0), APP_HEALTHY=false for the broken variant.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createVisitsRequestHandler } from './requestHandler';
import { ensureVisitsFile } from './visitsCounter';

const port = Number(process.env.PORT ?? 8080);
const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
const version = process.env.APP_VERSION ?? '1.0';

const server = http.createServer(
  createVisitsRequestHandler({
    version,
    dataDir,
    hostname: os.hostname(),
    healthy: process.env.APP_HEALTHY !== 'false',
    log: (line) => process.stdout.write(`${line}\n`),
  }),
);

ensureVisitsFile(path.join(dataDir, 'visits.txt')).then(
  () =>
    server.listen(port, process.env.HOST ?? '0.0.0.0', () => {
      process.stdout.write(`visits app ${version} listening on port ${port}, counting visits in ${path.join(dataDir, 'visits.txt')}\n`);
    }),
  (error: unknown) => {
    process.stderr.write(`cannot use ${dataDir}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

// Kubernetes sends SIGTERM first: stop accepting, let requests in flight finish, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
