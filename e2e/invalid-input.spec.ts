import { expect, test } from '@playwright/test';
import { expectSettled, keepScreenshot, kubectl, kubectlBinary, openStatefulSet } from './support/app';

const sts = 'go-go-app';

test('invalid input (replicas -1, an image with spaces) shows the message and changes nothing', async ({ page }, testInfo) => {
  await openStatefulSet(page, sts);
  await expectSettled(page, sts, 3);
  const generationBefore = kubectlBinary() ? await kubectl('get', 'sts', sts, '-o', 'jsonpath={.metadata.generation}') : null;

  const image = page.getByTestId('action-image');
  const imagesBefore = await image.getByTestId('current-images').textContent();
  const scale = page.getByTestId('action-scale');
  await scale.getByLabel('Replicas').fill('-1');
  await scale.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(page.getByTestId('scale-result-error')).toContainText(/replicas/i);

  await image.getByLabel('Image').fill('visits app:2.0');
  await image.getByRole('button', { name: 'Update image' }).click();
  await expect(page.getByTestId('image-result-error')).toContainText(/image/i);
  await keepScreenshot(page, testInfo, 'validation messages');

  await expect(page.getByTestId('summary-ready')).toContainText('3/3');
  await expect(image.getByTestId('current-images')).toHaveText(imagesBefore ?? '');
  if (generationBefore !== null) expect(await kubectl('get', 'sts', sts, '-o', 'jsonpath={.metadata.generation}')).toBe(generationBefore);
  await expectSettled(page, sts, 3);
});
