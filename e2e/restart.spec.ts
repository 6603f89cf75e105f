import { expect, test } from '@playwright/test';
import { expectSettled, firstChanges, keepScreenshot, openStatefulSet, recordFirstChanges } from './support/app';

const sts = 'go-go-app';

test('restart rolls the pods from the highest ordinal down and completes', async ({ page }, testInfo) => {
  await openStatefulSet(page, sts);
  await expectSettled(page, sts, 3);
  await recordFirstChanges(page);

  await page.getByTestId('action-restart').getByRole('button', { name: 'Restart all pods' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Restart' }).click();
  await expect(page.getByTestId('restart-result')).toContainText('Restart requested');
  await keepScreenshot(page, testInfo, 'restart requested');
  await expect.poll(() => firstChanges(page), { timeout: 120_000 }).toHaveLength(3);
  expect(await firstChanges(page)).toEqual([`${sts}-2`, `${sts}-1`, `${sts}-0`]);
  await expectSettled(page, sts, 3, 120_000);
  await keepScreenshot(page, testInfo, 'restart complete');
});
