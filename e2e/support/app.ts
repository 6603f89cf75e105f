import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, type Page, type TestInfo } from '@playwright/test';

const run = promisify(execFile);

/** The sandbox of this e2e run (see playwright.config.ts), for kubectl. */
export function kubeconfigPath(): string {
  const dir = process.env.E2E_SANDBOX_DIR;
  if (!dir) throw new Error('E2E_SANDBOX_DIR is not set: run the tests with `npx playwright test`.');
  return path.join(dir, 'kubeconfig');
}

const kubectlCandidates = ['1.33', '1.32', '1.31', '1.30', '1.29', '1.28', '1.27'].map((version) => `/usr/lib/google-cloud-sdk/bin/kubectl.${version}`);

export function kubectlBinary(): string | undefined {
  return kubectlCandidates.find((candidate) => existsSync(candidate));
}

/** Real kubectl against the sandbox, arguments passed as an array (no shell). */
export async function kubectl(...args: string[]): Promise<string> {
  const binary = kubectlBinary();
  if (!binary) throw new Error('No kubectl found under /usr/lib/google-cloud-sdk/bin');
  const { stdout } = await run(binary, ['--kubeconfig', kubeconfigPath(), ...args], { timeout: 60_000 });
  return stdout;
}

export function statefulSetUrl(name: string, context = 'sandbox', namespace = 'default'): string {
  return `/c/${encodeURIComponent(context)}/ns/${encodeURIComponent(namespace)}/sts/${encodeURIComponent(name)}`;
}

/** Opens the StatefulSet page and waits until its pods are listed and the stream is live. */
export async function openStatefulSet(page: Page, name: string, context = 'sandbox'): Promise<void> {
  await page.goto(statefulSetUrl(name, context));
  await expect(page.getByTestId('pod-cards')).toBeVisible({ timeout: 60_000 });
}

export function podCard(page: Page, pod: string) {
  return page.getByTestId(`pod-card-${pod}`);
}

/** Waits until pods 0..n-1 are Ready on the current revision and nothing is moving. */
export async function expectSettled(page: Page, name: string, replicas: number, timeout = 90_000): Promise<void> {
  for (let ordinal = 0; ordinal < replicas; ordinal++) {
    const card = podCard(page, `${name}-${ordinal}`);
    await expect(card).toHaveAttribute('data-ready', 'true', { timeout });
    await expect(card).toHaveAttribute('data-revision', 'current', { timeout });
  }
  await expect(page.getByTestId('summary-ready')).toContainText(`${replicas}/${replicas}`, { timeout });
  await expect(page.getByTestId('summary-revisions')).toContainText('No rollout in progress', { timeout });
}

/** A full-page screenshot kept as a file in the test's output folder (test-results/e2e/...) and attached to the report. */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/**
 * Records, in the page, the order in which the pods were first replaced: a card whose pod starts
 * terminating, disappears (not created yet) or comes back as another pod (new uid). Readiness is left
 * out on purpose: a probe that flaps under load is not the controller touching the pod.
 */
export async function recordFirstChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const signature = (card: Element) => {
      const status = card.getAttribute('data-status');
      return `${card.getAttribute('data-uid')}|${status === 'Terminating' || status === 'NotCreated' ? 'going' : 'here'}`;
    };
    const initial = new Map<string, string>();
    for (const card of document.querySelectorAll('[data-testid^="pod-card-"]')) initial.set(card.getAttribute('data-testid') ?? '', signature(card));
    const order: string[] = [];
    const check = () => {
      for (const card of document.querySelectorAll('[data-testid^="pod-card-"]')) {
        const id = card.getAttribute('data-testid') ?? '';
        if (!order.includes(id) && initial.has(id) && initial.get(id) !== signature(card)) order.push(id);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    (window as unknown as { firstChanges: string[] }).firstChanges = order;
  });
}

export async function firstChanges(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { firstChanges: string[] }).firstChanges.map((id) => id.replace('pod-card-', '')));
}
