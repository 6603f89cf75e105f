import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { startSandboxProcess, type SandboxHandle } from '../../lib/k8s/sandboxProcess';

export interface TestSandbox extends SandboxHandle {
  dir: string;
  port: number;
  kubeConfig(context?: string): KubeConfig;
  /** Stops the process and removes its directory. */
  dispose(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Fresh test sandboxes share one CA and serving certificate: making RSA keys and signing with them
 * costs about half a second per start, and nothing a test checks depends on each sandbox having its
 * own. Bearer tokens and service account keys stay per sandbox. A given `dir` is left as it is.
 */
const sharedCertificates = path.join(os.tmpdir(), `sts-sandbox-pki-${process.getuid?.() ?? 'user'}.json`);

function reuseCertificates(dir: string): void {
  if (existsSync(sharedCertificates)) copyFileSync(sharedCertificates, path.join(dir, 'pki.json'));
}

function keepCertificates(dir: string): void {
  const made = path.join(dir, 'pki.json');
  if (existsSync(sharedCertificates) || !existsSync(made)) return;
  const temporary = `${sharedCertificates}.${process.pid}.tmp`;
  copyFileSync(made, temporary);
  renameSync(temporary, sharedCertificates);
}

/** Starts the real sandbox process on a free port with a fresh SANDBOX_DIR (or the given one). */
export async function startTestSandbox(options: { dir?: string; env?: Record<string, string | undefined>; quiet?: boolean } = {}): Promise<TestSandbox> {
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), 'sts-sandbox-'));
  if (!options.dir) reuseCertificates(dir);
  const port = await freePort();
  const handle = await startSandboxProcess({
    root: path.resolve(__dirname, '..', '..'),
    env: { SANDBOX_DIR: dir, SANDBOX_PORT: String(port), SANDBOX_SPEED: '0.05', ...options.env },
    log: options.quiet === false ? (line) => process.stdout.write(`[sandbox] ${line}\n`) : () => undefined,
  });
  if (!options.dir) keepCertificates(dir);
  return {
    ...handle,
    dir,
    port,
    kubeConfig(context = 'sandbox') {
      const kc = new KubeConfig();
      kc.loadFromFile(handle.kubeconfigPath);
      kc.setCurrentContext(context);
      return kc;
    },
    async dispose() {
      await handle.stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A plain HTTPS request to the sandbox that trusts its self-made CA, for tests that check raw responses. */
export async function fetchRaw(sandbox: TestSandbox, pathAndQuery: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const https = await import('node:https');
  const ca = sandbox.kubeConfig().getCurrentCluster()?.caData;
  return new Promise((resolve, reject) => {
    const request = https.request(
      `${sandbox.server}${pathAndQuery}`,
      // A body always goes with its Content-Length: Node sends a DELETE body without one (no chunking), and the server then reads it as a second, broken request.
      { method: init.method ?? 'GET', headers: init.body !== undefined && !Object.keys(init.headers ?? {}).some((name) => name.toLowerCase() === 'content-length') ? { ...init.headers, 'Content-Length': String(Buffer.byteLength(init.body)) } : init.headers, ca: ca ? Buffer.from(ca, 'base64') : undefined },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    request.on('error', reject);
    request.end(init.body);
  });
}
