import { expect, test } from '@playwright/test';
import { expectSettled, keepScreenshot, podCard } from './support/app';

const sts = 'python-python-app';

async function sendTraffic(page: import('@playwright/test').Page, requests: number, newConnection: boolean, concurrency: number) {
  const traffic = page.locator('#traffic');
  await traffic.getByRole('spinbutton', { name: 'Requests' }).fill(String(requests));
  await traffic.getByRole('spinbutton', { name: 'Concurrency' }).fill(String(concurrency));
  const checkbox = traffic.getByLabel('New connection per request');
  if ((await checkbox.isChecked()) !== newConnection) await checkbox.click();
  await traffic.getByRole('button', { name: 'Send traffic' }).click();
  await expect(page.getByTestId('traffic-job')).toHaveAttribute('data-state', 'finished', { timeout: 60_000 });
  await expect(page.getByTestId('traffic-status-counts')).toContainText(`200: ${requests}`);
}

test('the seed flow: both apps listed, 3 pods with claims and the service, 300 new-connection requests add 300 visits, keep-alive skews', async ({ page }, testInfo) => {
  await page.goto('/c/sandbox/ns/default');
  await expect(page.getByTestId('sts-row-python-python-app')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sts-row-go-go-app')).toBeVisible();
  await keepScreenshot(page, testInfo, 'overview');

  await page.getByRole('link', { name: sts, exact: true }).click();
  await expect(page).toHaveURL(/\/sts\/python-python-app$/);
  await expectSettled(page, sts, 3);
  for (let ordinal = 0; ordinal < 3; ordinal++) {
    await expect(podCard(page, `${sts}-${ordinal}`).getByTestId('pod-claim')).toContainText(`visits-data-${sts}-${ordinal} (Bound)`);
  }
  await expect(page.getByTestId(`service-${sts}`)).toContainText('LoadBalancer');
  await expect(page.getByTestId(`service-${sts}`).getByTestId('ready-endpoints')).toContainText(`${sts}-2`);

  // The first sample sets the baseline; everything after it counts as "since you opened".
  await expect(page.getByTestId('visits-since-total')).toHaveText('0', { timeout: 30_000 });
  await sendTraffic(page, 300, true, 4);
  await expect(page.getByTestId('visits-since-total')).toHaveText('300', { timeout: 30_000 });
  const bars = page.getByTestId('visits-table').getByTestId('visits-count');
  await expect(bars).toHaveCount(3);
  const counts = (await bars.allTextContents()).map(Number);
  expect(counts.reduce((sum, count) => sum + count, 0)).toBe(300);
  await keepScreenshot(page, testInfo, 'after 300 new-connection requests');

  // One keep-alive connection: every request lands on the pod that connection picked.
  await sendTraffic(page, 300, false, 1);
  await expect(page.getByTestId('visits-since-total')).toHaveText('600', { timeout: 30_000 });
  await expect(page.getByTestId('visits-reading')).toContainText(/skew/i, { timeout: 30_000 });
  await expect(page.getByTestId('visits-reading')).toContainText(/keep|alive|connection/i);
  await keepScreenshot(page, testInfo, 'keep-alive skew explained');
});
