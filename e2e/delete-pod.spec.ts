import { expect, test } from '@playwright/test';
import { expectSettled, keepScreenshot, openStatefulSet, podCard } from './support/app';

const sts = 'python-python-app';
const pod = `${sts}-1`;

test('delete pod 1: it comes back with the same claim and its visit count', async ({ page }, testInfo) => {
  await openStatefulSet(page, sts);
  await expectSettled(page, sts, 3);
  const card = podCard(page, pod);
  await expect(card.getByTestId('pod-visits')).toHaveText(/^\d+/, { timeout: 30_000 });
  const visitsBefore = (await card.getByTestId('pod-visits').textContent())?.split(' ')[0];
  const claimBefore = await card.getByTestId('pod-claim').textContent();
  const uidBefore = await card.getAttribute('data-uid');

  await card.getByRole('button', { name: `Delete pod ${pod}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete pod' }).click();
  await expect(card).not.toHaveAttribute('data-uid', uidBefore ?? '', { timeout: 60_000 });
  await keepScreenshot(page, testInfo, 'pod 1 replaced');
  await expect(card).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  await expect(card).not.toHaveAttribute('data-uid', '');
  await expect(card.getByTestId('pod-claim')).toHaveText(claimBefore ?? '');
  await expect(card.getByTestId('pod-visits')).toHaveText(new RegExp(`^${visitsBefore}\\b`), { timeout: 30_000 });
  await keepScreenshot(page, testInfo, 'pod 1 back with its claim and count');
});
