import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Starts the embedded sandbox cluster as its own process and waits for it to say it is ready.
 * The dashboard does not import sandbox code: it only runs it, then reads the kubeconfig it wrote,
 * like any other cluster's.
 */
export interface SandboxHandle {
  kubeconfigPath: string;
  server: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

interface ReadyMessage {
  type: 'ready';
  kubeconfig: string;
  server: string;
}

function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}

export function startSandboxProcess(options: { root: string; env?: Record<string, string | undefined>; timeoutMs?: number; log?: (line: string) => void }): Promise<SandboxHandle> {
  const { root, timeoutMs = 60_000 } = options;
  const log = options.log ?? ((line: string) => process.stdout.write(`[sandbox] ${line}\n`));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'sandbox', 'main.ts')], {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(line);
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the sandbox did not become ready within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('message', (message) => {
      if (!isReadyMessage(message)) return;
      clearTimeout(timer);
      resolve({ kubeconfigPath: message.kubeconfig, server: message.server, child, stop });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited before it was ready (code ${code}, signal ${signal})`));
    });
  });
}
