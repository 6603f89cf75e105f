import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { buildMissing, runDashboard, type DashboardRun } from '../integration/deploy/dashboardProcess';
import { freePort } from './sandbox';

/**
 * The real dashboard process (`node --import tsx server.ts`, NODE_ENV=production) with its own
 * sandbox as a child process, on free ports and a fresh SANDBOX_DIR. Needs a production build
 * (.next/BUILD_ID); `dashboardBuildMissing` says why not when there is none.
 */
export const dashboardBuildMissing = buildMissing;

export interface TestDashboard {
  url: string;
  port: number;
  /** Headers a same-origin page would send with a mutation. */
  sameOrigin: Record<string, string>;
  sandboxDir: string;
  sandboxPort: number;
  run: DashboardRun;
  /** The sandbox's admin kubeconfig (written by the sandbox into SANDBOX_DIR). */
  kubeConfig(context?: string): KubeConfig;
  kubeconfigPath: string;
  stop(): Promise<void>;
}

export async function startDashboard(options: { env?: Record<string, string> } = {}): Promise<TestDashboard> {
  const sandboxDir = mkdtempSync(path.join(os.tmpdir(), 'sts-dashboard-'));
  const port = await freePort();
  const sandboxPort = await freePort();
  const run = runDashboard({ PORT: String(port), CLUSTER: 'sandbox', SANDBOX_DIR: sandboxDir, SANDBOX_PORT: String(sandboxPort), SANDBOX_SPEED: '0.05', ...options.env });
  let url: string;
  try {
    url = await Promise.race([run.listening, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the dashboard did not listen within 240 s:\n${run.output()}`)), 240_000).unref())]);
  } catch (error) {
    await run.stop();
    rmSync(sandboxDir, { recursive: true, force: true });
    throw error;
  }
  const kubeconfigPath = path.join(sandboxDir, 'kubeconfig');
  return {
    url,
    port,
    sameOrigin: { Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/json' },
    sandboxDir,
    sandboxPort,
    run,
    kubeconfigPath,
    kubeConfig(context = 'sandbox') {
      const kc = new KubeConfig();
      kc.loadFromFile(kubeconfigPath);
      kc.setCurrentContext(context);
      return kc;
    },
    async stop() {
      await run.stop();
      rmSync(sandboxDir, { recursive: true, force: true });
    },
  };
}
