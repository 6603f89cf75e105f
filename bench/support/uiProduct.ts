/**
 * For the UI benchmarks: the real product (server.ts with its own sandbox, from the last `next build`),
 * a Chromium page on it, and a client-node connection to the same sandbox to change things the way
 * kubectl does (same API calls, without a process start per call).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppsV1Api, CoreV1Api, KubeConfig, PatchStrategy, setHeaderOptions, type V1StatefulSet } from '@kubernetes/client-node';
import { chromium, type Browser, type Page } from '@playwright/test';
import { freePort } from '../../test/support/sandbox';

const root = path.resolve(__dirname, '..', '..');

export interface UiProduct {
  url: string;
  kubeConfig: KubeConfig;
  apps: AppsV1Api;
  core: CoreV1Api;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function startUiProduct(): Promise<UiProduct> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('No production build: run `npx next build` first.');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sts-ui-bench-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', CLUSTER: 'sandbox', SANDBOX_DIR: dir, SANDBOX_PORT: '0', SANDBOX_SPEED: '0.05', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops the sandbox it starts (and nothing else).
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const stopChild = async () => {
    signalGroup('SIGTERM');
    if (child.exitCode === null) await Promise.race([new Promise((resolve) => child.once('exit', resolve)), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    // The sandbox child may outlive a server that exits first: end the whole group.
    signalGroup('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${url}/api/health`)).ok, 120_000, `the dashboard to start:\n${output}`);
    await waitFor(async () => existsSync(path.join(dir, 'kubeconfig')), 30_000, 'the sandbox kubeconfig');
    // The first API request of a fresh server loads the Kubernetes client (seconds on a busy machine):
    // pay it here, so the figures measure the page and the streams, not the server's cold start.
    await waitFor(async () => (await fetch(`${url}/api/contexts`)).ok, 60_000, 'the dashboard API to answer');
  } catch (error) {
    await stopChild();
    throw error;
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(path.join(dir, 'kubeconfig'));
  kubeConfig.setCurrentContext('sandbox');
  let browser: Browser;
  let page: Page;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  } catch (error) {
    // No Chromium (or it could not start): the product started above must not outlive the scenario.
    await stopChild();
    throw error;
  }
  return {
    url,
    kubeConfig,
    apps: kubeConfig.makeApiClient(AppsV1Api),
    core: kubeConfig.makeApiClient(CoreV1Api),
    browser,
    page,
    async stop() {
      await browser.close().catch(() => undefined);
      await stopChild();
    },
  };
}

/**
 * A StatefulSet whose pods no scheduler takes (schedulerName names none), so N pods exist and stay
 * Pending: the page's cost at scale without the cost of running them.
 */
export function pendingStatefulSet(name: string, replicas: number): V1StatefulSet {
  const set = benchStatefulSet(name, replicas);
  const template = set.spec?.template.spec;
  if (template) {
    template.schedulerName = 'bench-nobody';
    template.containers = [{ name: 'app', image: 'visits-app:1.0' }];
  }
  return set;
}

/** A small StatefulSet of the visits app with Parallel pod management, so N pods start at once. */
export function benchStatefulSet(name: string, replicas: number): V1StatefulSet {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      serviceName: name,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ containerPort: 8080 }] }] },
      },
    },
  };
}

export async function scaleTo(product: UiProduct, name: string, replicas: number): Promise<void> {
  // What `kubectl scale` sends: a merge patch of the scale subresource.
  await product.apps.patchNamespacedStatefulSetScale({ name, namespace: 'default', body: { spec: { replicas } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
}

export async function createAndWaitReady(product: UiProduct, name: string, replicas: number, timeoutMs: number): Promise<void> {
  await product.apps.createNamespacedStatefulSet({ namespace: 'default', body: benchStatefulSet(name, replicas) });
  await waitFor(
    async () => {
      const sts = await product.apps.readNamespacedStatefulSet({ name, namespace: 'default' });
      return (sts.status?.readyReplicas ?? 0) >= replicas;
    },
    timeoutMs,
    `${replicas} ready pods of ${name}`,
  );
}

export async function openStatefulSetPage(product: UiProduct, name: string, pods: number): Promise<void> {
  await product.page.goto(`${product.url}/c/sandbox/ns/default/sts/${name}`);
  await product.page.waitForFunction(`document.querySelectorAll('[data-testid^="pod-card-"][data-ready="true"]').length >= ${pods}`, undefined, { timeout: 120_000, polling: 250 });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
