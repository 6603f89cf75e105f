import { expect, test } from '@playwright/test';
import { expectSettled, keepScreenshot, openStatefulSet, podCard } from './support/app';

const sts = 'python-python-app';
const pod = `${sts}-0`;

test('terminal: cat data/visits.txt prints the pod count', async ({ page }, testInfo) => {
  await openStatefulSet(page, sts);
  await expectSettled(page, sts, 3);
  const visits = podCard(page, pod).getByTestId('pod-visits');
  await expect(visits).toHaveText(/^\d+/, { timeout: 30_000 });
  const count = (await visits.textContent())?.split(' ')[0] ?? '';

  await page.getByRole('button', { name: `Terminal in ${pod}` }).click();
  await expect(page).toHaveURL(/pod=python-python-app-0&view=terminal/);
  await expect(page.getByTestId('terminal-state')).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  await page.getByTestId('terminal').click();
  await page.keyboard.type('cat data/visits.txt');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('terminal').locator('.xterm-rows')).toContainText(new RegExp(`(^|\\D)${count}(\\D|$)`), { timeout: 20_000 });
  await keepScreenshot(page, testInfo, 'terminal');

  await page.getByRole('button', { name: `Close the console of ${pod}` }).click();
  await expect(page.getByTestId('terminal')).toHaveCount(0);
});
