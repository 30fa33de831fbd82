/**
 * No recipient is lost on paste: a plain id list (one per line, or separated by commas or spaces)
 * gives every id as a target; the first line's reading is visible and can be switched; an input
 * with no targets cannot be applied. Undo says what it undid, in words.
 */
import { test, expect, type Page } from '@playwright/test';
import { startHost, type TestHost } from './host';
import { openCampaign } from './workspace-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function previewPaste(page: Page, text: string) {
  await page.getByTestId('paste-data').click();
  await page.getByTestId('paste-text').fill(text);
  await page.getByTestId('paste-preview').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-preview')).toBeVisible();
  return dialog;
}

test('u_1001⏎u_1002⏎u_1003 gives 3 targets, the first line reading can be switched, and the three render', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const dialog = await previewPaste(page, 'u_1001\nu_1002\nu_1003');
  await expect(dialog.getByTestId('import-summary')).toContainText('3 target(s)');
  const toggle = dialog.getByTestId('first-line-header');
  await expect(toggle).not.toBeChecked();
  await expect(dialog.getByTestId('id-list-reading')).toContainText('read as an id');
  // The list is read again in the import worker; the box follows the reading it gives.
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(dialog.getByTestId('import-summary')).toContainText('2 target(s)');
  await expect(dialog.getByTestId('id-list-reading')).toContainText('read as a header');
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(dialog.getByTestId('import-summary')).toContainText('3 target(s)');
  await dialog.getByTestId('import-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('data-summary')).toContainText('3 target(s)');
  for (const id of ['u_1001', 'u_1002', 'u_1003']) await expect(page.getByTestId(`row-${id}`)).toBeVisible();
});

test('1001⏎1002⏎1003 gives 3 targets', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const dialog = await previewPaste(page, '1001\n1002\n1003');
  await expect(dialog.getByTestId('import-summary')).toContainText('3 target(s)');
});

test('u_1001, u_1002, u_1003 gives 3 targets; an input with no targets cannot be applied', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  let dialog = await previewPaste(page, 'u_1001, u_1002, u_1003');
  await expect(dialog.getByTestId('import-summary')).toContainText('3 target(s)');
  await expect(dialog.getByTestId('import-apply')).toBeEnabled();
  await dialog.getByTestId('import-cancel').click();

  dialog = await previewPaste(page, 'user_id\tpromo_code');
  await expect(dialog.getByTestId('import-summary')).toContainText('0 target(s)');
  await expect(dialog.getByTestId('import-apply')).toBeDisabled();
  await expect(dialog.getByTestId('import-no-targets')).toContainText('no targets');
});

test('Undo import says which import it undid, and the header names the data it went back to', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const dialog = await previewPaste(page, 'user_id\tpromo_code\nuser_1\tA\nuser_2\tB');
  await dialog.getByTestId('import-apply').click();
  await expect(page.getByTestId('data-status')).toHaveText('Data from pasted text.');
  await page.getByTestId('undo-import').click();
  await expect(page.getByTestId('data-summary')).toContainText('3 target(s)');
  await expect(page.getByTestId('data-status')).toContainText('Undid the import of pasted text');
  await expect(page.getByTestId('data-status')).not.toContainText('from undid');
  await expect(page.locator('.campaign-facts')).toContainText('data from requests/promo-journey.json');
  await expect(page.locator('.campaign-facts')).not.toContainText('undid');
});
