import { expect, test } from '@playwright/test';
import { keepScreenshot, openStatefulSet } from './support/app';

test('the sandbox-viewer context sees everything but every action is disabled with the reason', async ({ page }, testInfo) => {
  await openStatefulSet(page, 'python-python-app', 'sandbox-viewer');
  for (const action of ['scale', 'restart', 'image', 'partition', 'rollback', 'policy']) {
    await expect(page.getByTestId(`action-${action}-disabled`)).toContainText(/Not available: \S/);
  }
  await expect(page.getByTestId('action-scale').getByRole('button', { name: 'Scale', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete pod python-python-app-0' })).toBeDisabled();
  await expect(page.getByRole('combobox', { name: 'Context' })).toHaveValue('sandbox-viewer');
  await keepScreenshot(page, testInfo, 'viewer');
});
