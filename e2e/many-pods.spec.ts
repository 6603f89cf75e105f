import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { keepScreenshot, kubectl, kubectlBinary, openStatefulSet, podCard } from './support/app';

const sts = 'many';
const replicas = 80;

/** A StatefulSet of the visits app with more pods (and claims) than the visits and claims tables list at once. */
function manifest(): string {
  const labels = { app: sts };
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: sts, namespace: 'default' },
    spec: {
      replicas,
      serviceName: sts,
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'visits-app:1.0', ports: [{ containerPort: 8080 }] }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } } }],
    },
  });
}

test('80 pods at 1024 px: every card shows its visits, the visits and claims tables scroll in their own boxes rendering the rows in view, and nothing widens the page', async ({ page }, testInfo) => {
  test.skip(!kubectlBinary(), 'no kubectl under /usr/lib/google-cloud-sdk/bin to create the StatefulSet with');
  const file = testInfo.outputPath('many.json');
  writeFileSync(file, manifest());
  // kubectl apply also stores the manifest as one long line in an annotation, which Describe and YAML show.
  await kubectl('apply', '-f', file);
  try {
    await page.setViewportSize({ width: 1024, height: 800 });
    await openStatefulSet(page, sts);
    await expect(page.locator(`[data-testid^="pod-card-${sts}-"][data-ready="true"]`)).toHaveCount(replicas, { timeout: 90_000 });

    // The cards' visits are written by the page's visits store, also into cards far below the screen.
    await expect(podCard(page, `${sts}-${replicas - 1}`).getByTestId('pod-visits')).toHaveText(/^\d+ \(\d+\.\d%\)$/, { timeout: 30_000 });

    const table = page.getByTestId('visits-table');
    await expect(table).toHaveAttribute('aria-rowcount', String(replicas + 1), { timeout: 30_000 });
    await expect(page.getByTestId(`visits-row-${sts}-0`)).toBeVisible();
    const rendered = await table.locator('tbody [data-testid^="visits-row-"]').count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(replicas);
    await expect(page.getByTestId(`visits-row-${sts}-${replicas - 1}`)).toHaveCount(0);
    await keepScreenshot(page, testInfo, 'visits table of 80 pods, top');

    // Keyboard: the scroll box takes the focus, and End scrolls it to the last pod.
    const box = page.getByRole('region', { name: /Visits (since you opened this page|counted in each file)/ });
    await box.focus();
    await page.keyboard.press('End');
    await expect(page.getByTestId(`visits-row-${sts}-${replicas - 1}`)).toBeVisible();
    await expect(page.getByTestId(`visits-row-${sts}-${replicas - 1}`)).toHaveAttribute('aria-rowindex', String(replicas + 1));
    await expect(page.getByTestId(`visits-row-${sts}-0`)).toHaveCount(0);
    // The claims table works the same way.
    const claims = page.getByTestId('claims-table');
    await expect(claims).toHaveAttribute('aria-rowcount', String(replicas + 1));
    await expect(page.getByTestId(`claim-row-data-${sts}-0`)).toBeAttached();
    expect(await claims.locator('tbody [data-testid^="claim-row-"]').count()).toBeLessThan(replicas);
    await page.getByRole('region', { name: /Persistent volume claims/ }).evaluate((box) => box.scrollTo(0, box.scrollHeight));
    await expect(page.getByTestId(`claim-row-data-${sts}-${replicas - 1}`)).toBeVisible();
    await expect(page.getByTestId(`claim-row-data-${sts}-${replicas - 1}`)).toHaveAttribute('aria-rowindex', String(replicas + 1));

    await expect(page.getByTestId('yaml-text')).toContainText('last-applied-configuration');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await keepScreenshot(page, testInfo, 'visits table of 80 pods, scrolled to the end');
  } finally {
    await kubectl('delete', 'statefulset', sts, '--wait=false');
    // The claims outlive the StatefulSet (retention policy Retain, the default), as in a real cluster.
    await kubectl('delete', 'persistentvolumeclaims', '-l', `app=${sts}`, '--wait=false');
  }
});
