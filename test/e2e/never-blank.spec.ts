/**
 * The app never goes blank: Diff with saved → Revert → type keeps the window alive; Revert asks
 * before it discards edits; a panel that fails shows its error and a retry while the rest stays;
 * imported and pasted data survive a reload.
 */
import { test, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';
import { openCampaign, pasteAndApply } from './workspace-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

/** Collects uncaught page errors: none may happen. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

async function typeInEditor(page: Page, text: string) {
  const editor = page.getByTestId('campaign-editor');
  await expect(editor).toHaveAttribute('data-editor-ready', 'yes');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

test('type → Diff with saved → Revert (confirmed) → type: the window stays, and the typing lands in the editor', async ({ page }) => {
  const errors = pageErrors(page);
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await typeInEditor(page, '\n# first edit');
  await expect(page.getByTestId('editor-panel')).toHaveAttribute('data-dirty', 'yes');
  await page.getByTestId('diff-tab').click();
  await expect(page.getByTestId('diff-editor')).toBeVisible();
  await expect(page.getByTestId('diff-editor').locator('.monaco-diff-editor')).toBeVisible();

  await page.getByTestId('revert-campaign').click();
  const confirm = page.getByTestId('revert-confirm');
  await expect(confirm).toContainText('Discard your unsaved edits to campaigns/promo-journey.yaml?');
  await confirm.getByRole('button', { name: 'Keep editing' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('editor-panel')).toHaveAttribute('data-dirty', 'yes');

  await page.getByTestId('revert-campaign').click();
  await page.getByTestId('revert-confirm').getByRole('button', { name: 'Discard edits' }).click();
  await expect(page.getByTestId('editor-panel')).toHaveAttribute('data-dirty', 'no');
  await typeInEditor(page, '\n# second edit');
  await expect(page.getByTestId('editor-panel')).toHaveAttribute('data-dirty', 'yes');
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await expect(page.getByTestId('cell-user_1-sms')).toBeVisible();
  await expect(page.getByTestId('campaign-editor').locator('.view-lines')).toContainText('# second edit');
  await expect(page.getByTestId('campaign-editor').locator('.view-lines')).not.toContainText('# first edit');
  expect(errors).toEqual([]);
});

test('when the editor fails to load, its panel shows the error and a retry while the matrix and preview stay', async ({ page }) => {
  // The editor's code is a separate chunk: its download fails, as on a dropped connection, until the network is back.
  let offline = true;
  await page.route(/CampaignEditor-[^/]*\.js$/, (route) => (offline ? route.abort('connectionreset') : route.continue()));
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  const panel = page.getByTestId('panel-error-editor');
  await expect(panel).toContainText('The editor failed');
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toContainText('Hi Aoife');
  await page.getByTestId('cell-user_2-sms').click();
  await expect(page.getByTestId('preview-target')).toHaveText('user_2');
  offline = false;
  await panel.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('campaign-editor')).toHaveAttribute('data-editor-ready', 'yes', { timeout: 40_000 });
  await expect(page.getByTestId('panel-error-editor')).toHaveCount(0);
});

test('pasted data survives a reload, and the user it dropped stays gone from the preview', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('cell-user_3-sms').click();
  await expect(page.getByTestId('preview-target')).toHaveText('user_3');
  await pasteAndApply(page, 'user_id\tpromo_code\nuser_1\tNEW-1\nuser_2\tNEW-2', 2);
  await expect(page.getByTestId('data-summary')).toContainText('2 target(s)');
  await expect(page.getByTestId('cell-user_1-webpush').getByTestId('field-body')).toContainText('Use code NEW-1');
  // Kept by the main side in the workspace's .preflight folder (written as the paste is applied).
  const kept = join(host.workspace, '.preflight/data/promo-journey.yaml.json');
  await expect.poll(() => existsSync(kept) && JSON.parse(readFileSync(kept, 'utf8')).source).toBe('pasted text');

  await page.reload();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('data-summary')).toContainText('2 target(s)');
  await expect(page.getByTestId('cell-user_1-webpush').getByTestId('field-body')).toContainText('Use code NEW-1');
  await expect(page.getByTestId('cell-user_3-sms')).toHaveCount(0);
  await expect(page.locator('.campaign-facts')).toContainText('data from pasted text (imported, not saved)');
  await expect(page.getByRole('complementary', { name: 'Preview' })).not.toContainText('user_3');
  // Undo still goes back to the saved request after the reload.
  await page.getByTestId('undo-import').click();
  await expect(page.getByTestId('data-summary')).toContainText('3 target(s)');
  await expect.poll(() => existsSync(kept)).toBe(false);
  await page.reload();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('data-summary')).toContainText('3 target(s)');
});
