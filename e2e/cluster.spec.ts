import { expect, test } from '@playwright/test';

test('the first page shows the sandbox cluster and its version', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('cluster-context')).toHaveText('sandbox');
  await expect(page.getByTestId('cluster-version')).toHaveText(/^v1\.\d+\.\d+/);
});
