/**
 * Selection, compare picks and previews follow the current data: once a paste drops user_3, no
 * panel shows user_3 (with empty values and a warning about them) any more.
 */
import { test, expect } from '@playwright/test';
import { startHost, type TestHost } from './host';
import { openCampaign, pasteAndApply } from './workspace-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('after a paste without user_3, neither the preview nor the compare views show user_3', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('cell-user_3-sms').click();
  await expect(page.getByTestId('preview-target')).toHaveText('user_3');
  await page.getByRole('checkbox', { name: 'Compare user_1' }).check();
  await page.getByRole('checkbox', { name: 'Compare user_3' }).check();
  await expect(page.getByTestId('compare-toggle')).toHaveText('Side by side (2)');

  await pasteAndApply(page, 'user_id\tpromo_code\nuser_1\tNEW-1\nuser_2\tNEW-2', 2);
  await expect(page.getByTestId('data-summary')).toContainText('2 target(s)');
  await expect(page.getByTestId('cell-user_3-sms')).toHaveCount(0);

  const preview = page.getByRole('complementary', { name: 'Preview' });
  await expect(preview).not.toContainText('user_3');
  await expect(page.getByTestId('preview-target')).toHaveCount(0);
  await expect(page.getByTestId('compare-toggle')).toHaveText('Side by side (1)');

  await page.getByTestId('compare-toggle').click();
  const compare = page.getByTestId('compare-view');
  await expect(compare).not.toContainText('user_3');
  await compare.getByLabel('One user across all nodes').check();
  await expect(compare).not.toContainText('user_3');
  await expect(compare).not.toContainText('empty-value');
});
