/**
 * Keyboard and accessibility: a skip link to the review matrix, Esc from the comment box back to
 * the grid, and axe-core on every main screen with no serious or critical violation.
 */
import { test, expect, type Page } from '@playwright/test';
import { startHost, type TestHost } from './host';
import { openCampaign, writeWorkspace } from './workspace-helpers';
import { editorReady, expectNoSeriousA11yViolations } from './layout-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

// axe checks colour contrast element by element: on a loaded machine a screen takes seconds.
const AXE_TEST_TIMEOUT = 240_000;

async function preview(page: Page, target: string, node: string) {
  await page.getByTestId(`cell-${target}-${node}`).click();
  await expect(page.getByTestId('preview-target')).toHaveText(target);
}

test('the first Tab stop is a skip link that puts the keyboard in the review matrix', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  // A fresh load of the remembered campaign, keyboard only from the top of the page.
  await page.reload();
  await expect(page.getByTestId('render-matrix')).toHaveAttribute('data-render-state', 'done');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the review matrix' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('render-matrix')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('preview-target')).toHaveText('user_1');
});

test('Esc in the comment box returns to the matrix, on the same cell', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('render-matrix').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cell-user_1-webpush')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review-comment')).toBeFocused();
  await page.keyboard.type('Title is cut on macOS');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('render-matrix')).toBeFocused();
  await expect(page.getByTestId('cell-user_1-webpush')).toHaveAttribute('aria-selected', 'true');
  // The keyboard carries on from there.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('cell-user_2-webpush')).toHaveAttribute('aria-selected', 'true');
});

test('axe: the matrix with its editor, side by side, and the preview of every channel have no serious or critical violations', async ({ page }) => {
  test.setTimeout(AXE_TEST_TIMEOUT);
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await editorReady(page);
  await preview(page, 'user_1', 'sms');
  await expectNoSeriousA11yViolations(page, 'matrix with the SMS preview and the editor');
  await page.getByTestId('provenance-toggle').check();
  await preview(page, 'user_3', 'webpush');
  await expectNoSeriousA11yViolations(page, 'web push preview, values highlighted by source', { skipEditor: true });
  // The same in the dark colour scheme (the app follows the system's), with a cell approved.
  await page.getByTestId('approve').click();
  await expect(page.getByTestId('cell-user_3-webpush')).toHaveAttribute('data-review', 'approved');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page, 'web push preview in the dark scheme');
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByLabel('Compare user_1').check();
  await page.getByLabel('Compare user_3').check();
  await page.getByTestId('compare-toggle').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'side by side', { skipEditor: true });

  await page.getByTestId('campaign-campaigns/order-confirmation.yaml').click();
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done');
  await preview(page, 'user_1', 'email');
  await expect(page.frameLocator('[data-testid="email-frame"]').locator('body')).toContainText('Merino socks');
  await expectNoSeriousA11yViolations(page, 'email preview', { skipEditor: true });
  await page.getByTestId('email-text-tab').click();
  await expectNoSeriousA11yViolations(page, 'email plain-text part', { skipEditor: true });
  await preview(page, 'user_1', 'push');
  await expectNoSeriousA11yViolations(page, 'mobile push preview', { skipEditor: true });
});

test("axe: the data panel's tabs and the paste dialog have no serious or critical violations", async ({ page }) => {
  test.setTimeout(AXE_TEST_TIMEOUT);
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  for (const tab of ['targets', 'params', 'profiles']) {
    await page.getByTestId(`data-tab-${tab}`).click();
    await expect(page.getByTestId(`data-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
    await expectNoSeriousA11yViolations(page, `data panel, ${tab} tab`, { skipEditor: true });
  }
  await page.getByTestId('paste-data').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'paste dialog', { skipEditor: true });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
});

test('axe: campaign checks, the send dialog, the send result and history have no serious or critical violations', async ({ page }) => {
  test.setTimeout(AXE_TEST_TIMEOUT);
  writeWorkspace(host.workspace, {
    'requests/promo-journey.json': JSON.stringify({
      target_by: 'user_id',
      target: ['user_1', 'user_2', 'user_3'],
      params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool' },
      target_with_params: { user_1: { promo_code: 'A' }, user_2: { promo_code: 'B' }, user_3: { promo_code: 'C' }, user_9: { promo_code: 'Z' } },
    }),
  });
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('checks-chip').click();
  await expect(page.getByTestId('checks-drawer')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'campaign checks drawer', { skipEditor: true });
  await page.keyboard.press('Escape');

  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('3');
  await expectNoSeriousA11yViolations(page, 'send dialog', { skipEditor: true });
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('1 of 1 batch accepted');
  await expectNoSeriousA11yViolations(page, 'send result drawer', { skipEditor: true });

  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('send-history').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('send-history').locator('tbody tr').click();
  await expect(page.getByTestId('send-history').getByTestId('send-result')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'send history with a send open', { skipEditor: true });
});

test('axe: environments, check settings and the first-start guide have no serious or critical violations', async ({ page }) => {
  test.setTimeout(AXE_TEST_TIMEOUT);
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('start-here')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'first start', { skipEditor: true });

  await page.getByTestId('open-environments').click();
  await expect(page.getByTestId('environments-dialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'environments', { skipEditor: true });
  await page.getByTestId('env-close').click();

  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('guardrail-settings')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'check settings', { skipEditor: true });
});
