import { createHash } from 'node:crypto';
import type { Socket } from 'node:net';
import { startVisitsServer, type RunningVisitsServer } from './visits-app/inProcessServer';

/**
 * The images the sandbox can run. A real node pulls layers from a registry; the sandbox knows a
 * fixed set of images whose "process" is code in this repository. Everything else fails to pull,
 * with a message that names what is available.
 */

export interface ImageStartOptions {
  /** Where to listen (the pod's own loopback address, or 127.0.0.1 in the fallback). */
  host: string;
  port: number;
  /** Host directory behind the container's `<workingDir>/data`. */
  dataDir: string;
  hostname: string;
  env: Record<string, string>;
  /** Writes one line to the container's stdout log. */
  log(line: string): void;
}

export interface RunningImage {
  address: { host: string; port: number };
  /** Serves a connection accepted elsewhere for `address` (the Service proxy's DNAT); false when no longer serving. Absent: only reachable through `address`. */
  acceptConnection?(socket: Socket): boolean;
  stop(graceMs: number): Promise<void>;
}

export interface ImageDefinition {
  /** Fully qualified reference, as containerd reports it in `status.containerStatuses[].image`. */
  reference: string;
  /** sha256 digest (hex) of the manifest, stable across runs. */
  digest: string;
  sizeBytes: number;
  workingDir: string;
  user: string;
  /** The image's ENV. */
  env: Record<string, string>;
  /** Read-only files of the image, by absolute path; a path ending in "/" is an empty directory. */
  files: ReadonlyMap<string, string>;
  /** The port the app listens on when neither env PORT nor a containerPort says otherwise (the kubelet decides). */
  defaultPort: number;
  /** Runs the image's program, listening on `options.host:options.port` (port 0 = any free one). */
  start(options: ImageStartOptions): Promise<RunningImage>;
}

const alpinePath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function digestOf(reference: string): string {
  return createHash('sha256').update(`statefulset-explorer-sandbox/${reference}`).digest('hex');
}

function visitsImage(reference: string, version: string, options: { healthy: boolean; defaultPort: number; title: string }): ImageDefinition {
  const files = new Map<string, string>([
    ['/app/server.mjs', `// ${options.title} ${version}.\n// In the sandbox this program runs inside the sandbox process; its source is\n// sandbox/images/visits-app/ in the StatefulSet Explorer repository (standalone.ts for real clusters).\n`],
    ['/app/package.json', `${JSON.stringify({ name: 'visits-app', version, type: 'module', main: 'server.mjs' }, null, 2)}\n`],
    ['/app/README.txt', `${options.title}, version ${version}.\nGET / shows the time in Moscow and counts the visit in data/visits.txt.\nGET /visits shows the count, GET /healthcheck the health and version.\n`],
    ['/etc/os-release', 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\n'],
    ['/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n'],
    ['/etc/group', 'root:x:0:root\nnode:x:1000:node\n'],
    // Empty directories of the base image, so `touch /tmp/healthy` works as on Alpine.
    ['/tmp/', ''],
    ['/home/node/', ''],
    ['/var/log/', ''],
    ['/usr/local/bin/', ''],
  ]);
  return {
    reference,
    digest: digestOf(reference),
    sizeBytes: 47_380_000 + (reference.length * 7919) % 100_000,
    workingDir: '/app',
    user: 'node',
    env: { PATH: alpinePath, NODE_VERSION: '20.19.5', YARN_VERSION: '1.22.22', APP_VERSION: version, HOME: '/home/node' },
    files,
    defaultPort: options.defaultPort,
    async start(start): Promise<RunningImage> {
      const server: RunningVisitsServer = await startVisitsServer({
        host: start.host,
        port: start.port,
        dataDir: start.dataDir,
        hostname: start.hostname,
        version: start.env.APP_VERSION ?? version,
        healthy: options.healthy,
        log: start.log,
      });
      start.log(`visits app ${version} listening on port ${start.port}, counting visits in /app/data/visits.txt`);
      return server;
    },
  };
}

const images: ImageDefinition[] = [
  visitsImage('docker.io/library/visits-app:1.0', '1.0', { healthy: true, defaultPort: 8080, title: 'Visits app' }),
  visitsImage('docker.io/library/visits-app:2.0', '2.0', { healthy: true, defaultPort: 8080, title: 'Visits app' }),
  visitsImage('docker.io/library/visits-app:broken', 'broken', { healthy: false, defaultPort: 8080, title: 'Visits app (never ready)' }),
  // The seed's images, run by the same app so that its manifests work unchanged.
  visitsImage('docker.io/quiner/app-python:latest', '1.0', { healthy: true, defaultPort: 8080, title: 'Moscow time app (Python)' }),
  visitsImage('docker.io/quiner/app-go:latest', '1.0', { healthy: true, defaultPort: 8070, title: 'Moscow time app (Go)' }),
];

/**
 * Normalizes an image name the way containerd does: `nginx` -> `docker.io/library/nginx:latest`,
 * `quiner/app-python` -> `docker.io/quiner/app-python:latest`. A digest reference is kept as is.
 */
export function normalizeImageReference(image: string): string {
  let name = image.trim();
  const firstSegment = name.split('/')[0];
  const hasRegistry = name.includes('/') && (firstSegment.includes('.') || firstSegment.includes(':') || firstSegment === 'localhost');
  if (!hasRegistry) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (!name.includes('@') && !lastSegment.includes(':')) name = `${name}:latest`;
  return name;
}

/** The image a pod names, or undefined when the sandbox cannot "pull" it. Accepts `name@sha256:<digest>` too. */
export function findImage(image: string): ImageDefinition | undefined {
  const reference = normalizeImageReference(image);
  const at = reference.indexOf('@');
  if (at >= 0) {
    const repository = reference.slice(0, at);
    const digest = reference.slice(at + 1).replace(/^sha256:/, '');
    return images.find((candidate) => candidate.digest === digest && candidate.reference.startsWith(`${repository}:`));
  }
  return images.find((candidate) => candidate.reference === reference);
}

/** Short names for messages, as a person would type them. */
export function availableImageNames(): string[] {
  return images.map((image) => image.reference.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, ''));
}

/** `docker.io/library/visits-app@sha256:...`, as containerd reports `imageID`. */
export function imageId(image: ImageDefinition): string {
  return `${image.reference.slice(0, image.reference.lastIndexOf(':'))}@sha256:${image.digest}`;
}

export function allImages(): readonly ImageDefinition[] {
  return images;
}
