/**
 * Starts the dashboard the way the Deployment and the image do: `node --import tsx server.ts` with
 * NODE_ENV=production and the given environment, and waits for its start-up banner or its exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from './kubectl';

export const buildMissing = existsSync(path.join(repositoryRoot, '.next', 'BUILD_ID'))
  ? undefined
  : 'there is no production build (.next/BUILD_ID); `next build` makes one';

export interface DashboardRun {
  child: ChildProcess;
  output(): string;
  /** Resolves with the URL once the server listens; rejects with its output if it exits first. */
  listening: Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The variables that would change what server.ts decides, removed from the inherited environment. */
const decisive = ['HOST', 'PORT', 'DASHBOARD_TOKEN', 'KUBERNETES_SERVICE_HOST', 'KUBERNETES_SERVICE_PORT', 'CLUSTER', 'KUBECONFIG', 'READ_ONLY', 'DASHBOARD_KUBECONFIG', 'DASHBOARD_CLUSTER_MODE', 'DASHBOARD_NAMESPACE'];

export function runDashboard(env: Record<string, string>): DashboardRun {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !decisive.includes(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repositoryRoot, 'server.ts')], {
    cwd: repositoryRoot,
    env: { ...inherited, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /StatefulSet Explorer on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`the dashboard exited with code ${code} before listening:\n${output}`)));
  });
  listening.catch(() => undefined);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(force);
  };
  return { child, output: () => output, listening, exited, stop };
}
