import { expect, test } from '@playwright/test';
import { expectSettled, keepScreenshot, openStatefulSet, podCard } from './support/app';

const sts = 'go-go-app';

test('image 2.0 with partition 2 changes only ordinal 2; partition 0 finishes; roll back returns to 1.0', async ({ page }, testInfo) => {
  await openStatefulSet(page, sts);
  await expectSettled(page, sts, 3);
  const imageAction = page.getByTestId('action-image');
  const originalImage = await imageAction.getByLabel('Image').inputValue();

  await imageAction.getByLabel('Image').fill('visits-app:2.0');
  await imageAction.getByLabel('Canary: set the partition first').check();
  await imageAction.getByRole('spinbutton', { name: 'Partition' }).fill('2');
  await imageAction.getByRole('button', { name: 'Update image' }).click();
  await expect(page.getByTestId('image-result')).toContainText('partition 2');

  await expect(podCard(page, `${sts}-2`)).toHaveAttribute('data-revision', 'update', { timeout: 90_000 });
  await expect(podCard(page, `${sts}-2`)).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  for (const ordinal of [0, 1]) {
    await expect(podCard(page, `${sts}-${ordinal}`)).toHaveAttribute('data-revision', 'current');
    await expect(podCard(page, `${sts}-${ordinal}`)).toHaveAttribute('data-role', 'held');
  }
  await keepScreenshot(page, testInfo, 'canary on ordinal 2');

  const partition = page.getByTestId('action-partition');
  await partition.getByRole('slider').fill('0');
  await partition.getByRole('button', { name: 'Apply strategy' }).click();
  await expectSettled(page, sts, 3, 120_000);
  await expect(page.getByTestId('action-image')).toContainText('visits-app:2.0');
  await keepScreenshot(page, testInfo, 'all on 2.0');

  const rollback = page.getByTestId('action-rollback');
  await expect(rollback.getByTestId('revision-diff')).toContainText('visits-app:2.0');
  await rollback.getByRole('button', { name: /Roll back to revision/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByTestId('action-image')).toContainText(originalImage, { timeout: 30_000 });
  await expectSettled(page, sts, 3, 120_000);
  await keepScreenshot(page, testInfo, 'rolled back');
});
