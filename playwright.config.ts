import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Playwright evaluates this file in the runner and again in each worker: choose the port and the
// sandbox directory once and pass them on through the environment, which workers inherit.
process.env.E2E_PORT ??= String(3100 + Math.floor(Math.random() * 800));
// A fresh sandbox for every run: the demo apps load on first start.
process.env.E2E_SANDBOX_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'sts-explorer-e2e-'));
const port = Number(process.env.E2E_PORT);
const sandboxPort = port + 1000;
const sandboxDir = process.env.E2E_SANDBOX_DIR;

export default defineConfig({
  testDir: './e2e',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `node --import tsx server.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      CLUSTER: 'sandbox',
      SANDBOX_DIR: sandboxDir,
      SANDBOX_PORT: String(sandboxPort),
      SANDBOX_SPEED: process.env.SANDBOX_SPEED ?? '0.2',
      NODE_ENV: 'production',
    },
  },
});
