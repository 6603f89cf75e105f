import { expect, test } from '@playwright/test';
import { expectSettled, keepScreenshot, openStatefulSet, podCard } from './support/app';

const sts = 'python-python-app';

test('scale 3 -> 5 with OrderedReady creates pod 4 only after pod 3 is Ready; scale to 2 keeps and marks the claims of 2, 3, 4', async ({ page }, testInfo) => {
  await openStatefulSet(page, sts);
  await expectSettled(page, sts, 3);

  // Watch, inside the page, what pod 3 looked like when pod 4 first existed.
  await page.evaluate(() => {
    const seen: { pod4Created: boolean; pod3ReadyThen: string | null } = { pod4Created: false, pod3ReadyThen: null };
    const check = () => {
      const card4 = document.querySelector('[data-testid="pod-card-python-python-app-4"]');
      if (!seen.pod4Created && card4 && card4.getAttribute('data-status') !== 'NotCreated') {
        seen.pod4Created = true;
        seen.pod3ReadyThen = document.querySelector('[data-testid="pod-card-python-python-app-3"]')?.getAttribute('data-ready') ?? null;
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
    (window as unknown as { scaleOrder: typeof seen }).scaleOrder = seen;
  });

  const scale = page.getByTestId('action-scale');
  await scale.getByLabel('Replicas').fill('5');
  await scale.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(podCard(page, `${sts}-4`)).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  const order = await page.evaluate(() => (window as unknown as { scaleOrder: { pod4Created: boolean; pod3ReadyThen: string | null } }).scaleOrder);
  expect(order).toEqual({ pod4Created: true, pod3ReadyThen: 'true' });
  await expectSettled(page, sts, 5);
  await keepScreenshot(page, testInfo, 'scaled to 5');

  await scale.getByLabel('Replicas').fill('2');
  await scale.getByRole('button', { name: 'Scale', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Scale down to 2' }).click();
  await expect(podCard(page, `${sts}-2`)).toHaveCount(0, { timeout: 90_000 });
  await expect(podCard(page, `${sts}-4`)).toHaveCount(0);
  for (const ordinal of [2, 3, 4]) {
    await expect(page.getByTestId(`claim-row-visits-data-${sts}-${ordinal}`)).toHaveAttribute('data-orphaned', 'true');
  }
  await expect(page.getByTestId(`claim-row-visits-data-${sts}-1`)).toHaveAttribute('data-orphaned', 'false');
  await expect(page.getByTestId('orphaned-explanation')).toContainText('3 claims');
  await page.locator('#storage').scrollIntoViewIfNeeded();
  await keepScreenshot(page, testInfo, 'scaled to 2, claims kept');

  // Back to 3 for the other tests: pod 2 returns with its old claim.
  await scale.getByLabel('Replicas').fill('3');
  await scale.getByRole('button', { name: 'Scale', exact: true }).click();
  await expectSettled(page, sts, 3);
  await expect(podCard(page, `${sts}-2`).getByTestId('pod-claim')).toContainText(`visits-data-${sts}-2 (Bound)`);
});
