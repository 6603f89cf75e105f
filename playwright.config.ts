import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Chosen once in the runner process and handed to the workers through the environment: workers load this
// file again, and must see the same port and sandbox directory (the e2e tests run kubectl against it).
process.env.E2E_PORT ??= String(3100 + Math.floor(Math.random() * 800));
process.env.E2E_SANDBOX_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'sts-explorer-e2e-'));
const port = Number(process.env.E2E_PORT);
const sandboxPort = port + 1000;
// A fresh sandbox for every run: the demo apps load on first start.
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
    viewport: { width: 1280, height: 900 },
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
