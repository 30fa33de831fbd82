/**
 * The matrix gets the screen: how many users a reviewer sees at common window sizes with the editor
 * open, panes that resize, collapse and are remembered, campaign checks and send results as drawers
 * that cover the preview rather than push the matrix down, cells that show the whole message, the
 * value beside its source, and an email preview that fits its pane. Takes the README's screenshot.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startHost, type TestHost } from './host';
import { openCampaign, writeWorkspace } from './workspace-helpers';
import { bigPromoJourney, editorReady, visibleMatrixRows } from './layout-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const docs = (name: string) => {
  mkdirSync(fileURLToPath(new URL('../../docs', import.meta.url)), { recursive: true });
  return fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));
};

/** Where the matrix sits on screen (to prove that a panel did not push it). */
const matrixBox = async (page: Page) => (await page.getByTestId('render-matrix').boundingBox())!;

/** True when nothing of the element's text is clipped: no ancestor up to its cell hides overflow it has. */
function whollyShown(field: Locator): Promise<boolean> {
  return field.evaluate((el) => {
    const cell = el.closest('[role="gridcell"]');
    for (let e: Element | null = el; e && e !== cell?.parentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX === 'visible' && s.overflowY === 'visible' && s.textOverflow !== 'ellipsis') continue;
      if (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1) return false;
    }
    return true;
  });
}

test('with the editor open the matrix shows at least 8 users at 1440×900 and 6 at 1280×720 (the README screenshot)', async ({ page, browser }) => {
  bigPromoJourney(host.workspace, 24);
  await page.setViewportSize({ width: 1440, height: 900 });
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('cell-user_1-sms').click();
  await expect(page.getByTestId('preview-pane').getByTestId('preview-sms')).toContainText('Hi Aoife');
  await editorReady(page);
  await expect(page.getByTestId('editor-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Promo journey');
  expect(await visibleMatrixRows(page)).toBeGreaterThanOrEqual(8);
  // The screenshot shows the app at work, without the first-start guide (first-start.spec.ts covers it).
  await page.getByTestId('start-here').getByRole('button', { name: 'Got it' }).click();
  await expect(page.getByTestId('start-here')).toHaveCount(0);
  expect(await visibleMatrixRows(page)).toBeGreaterThanOrEqual(8);
  await page.screenshot({ path: docs('screenshot.png') });

  // A smaller window, opened afresh (panes start from sizes that suit the window).
  const small = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await openCampaign(small, host.url, 'campaigns/promo-journey.yaml');
  await editorReady(small);
  await expect(small.getByTestId('editor-toggle')).toHaveAttribute('aria-expanded', 'true');
  const withEditor = await visibleMatrixRows(small);
  expect(withEditor).toBeGreaterThanOrEqual(6);
  // Folding the editor away gives its room to the matrix.
  await small.getByTestId('editor-toggle').click();
  await expect(small.getByTestId('editor-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect.poll(() => visibleMatrixRows(small)).toBeGreaterThan(withEditor);
  await small.close();
});

test('the editor and data panes resize and collapse, and come back as they were after a reload', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('data-tab-params').click();
  await expect(page.getByTestId('data-tab-params')).toHaveAttribute('aria-selected', 'true');
  const dataDivider = page.getByRole('separator', { name: 'Resize data panel' });
  const dataSize = Number(await dataDivider.getAttribute('aria-valuenow'));
  await dataDivider.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(dataDivider).toHaveAttribute('aria-valuenow', String(dataSize + 20));

  const editorDivider = page.getByRole('separator', { name: 'Resize editor' });
  const editorSize = Number(await editorDivider.getAttribute('aria-valuenow'));
  await editorDivider.focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect(editorDivider).toHaveAttribute('aria-valuenow', String(editorSize + 50));
  await page.getByTestId('editor-toggle').click();
  await expect(page.getByTestId('editor-toggle')).toHaveAttribute('aria-expanded', 'false');
  await expect(editorDivider).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('render-matrix')).toHaveAttribute('data-render-state', 'done');
  await expect(page.getByTestId('data-tab-params')).toHaveAttribute('aria-selected', 'true');
  await expect(dataDivider).toHaveAttribute('aria-valuenow', String(dataSize + 20));
  await expect(page.getByTestId('editor-toggle')).toHaveAttribute('aria-expanded', 'false');
  await page.getByTestId('editor-toggle').click();
  await expect(editorDivider).toHaveAttribute('aria-valuenow', String(editorSize + 50));

  // Closing the data tab folds the pane to its bar, and that is remembered too.
  await page.getByTestId('data-tab-params').click();
  await expect(dataDivider).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('render-matrix')).toHaveAttribute('data-render-state', 'done');
  await expect(page.getByTestId('data-tab-params')).toHaveAttribute('aria-selected', 'false');
  await expect(dataDivider).toHaveCount(0);
});

test('campaign checks open as a drawer over the preview: the matrix stays put, and × or Esc close it', async ({ page }) => {
  // A per-user value for someone not targeted is a campaign-level warning.
  writeWorkspace(host.workspace, {
    'requests/promo-journey.json': JSON.stringify({
      target_by: 'user_id',
      target: ['user_1', 'user_2', 'user_3'],
      params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool' },
      target_with_params: { user_1: { promo_code: 'A' }, user_2: { promo_code: 'B' }, user_3: { promo_code: 'C' }, user_9: { promo_code: 'Z' } },
    }),
  });
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const before = await matrixBox(page);
  const chip = page.getByTestId('checks-chip');
  await expect(chip).toContainText('1 campaign check');
  await expect(page.getByTestId('checks-drawer')).toHaveCount(0);

  await chip.click();
  const drawer = page.getByTestId('checks-drawer');
  await expect(drawer).toContainText('user_9');
  expect(await matrixBox(page)).toEqual(before);
  await drawer.getByRole('button', { name: 'Close campaign checks' }).click();
  await expect(drawer).toHaveCount(0);
  await expect(chip).toBeFocused();

  await chip.click();
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
});

test("the last send's result opens as a drawer on its own campaign only, and closes", async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const before = await matrixBox(page);
  await page.getByTestId('send-button').click();
  await page.getByTestId('send-dialog').getByTestId('confirm-send').click();
  const result = page.getByTestId('send-drawer').getByTestId('send-result');
  await expect(result).toContainText('1 of 1 batch accepted');
  expect(await matrixBox(page)).toEqual(before);

  await page.getByTestId('send-drawer').getByRole('button', { name: 'Close send result' }).click();
  await expect(page.getByTestId('send-result')).toHaveCount(0);
  await page.getByTestId('last-send-chip').click();
  await expect(result).toContainText('1 of 1 batch accepted');

  // Another campaign: neither the result nor its chip follows.
  await page.getByTestId('campaign-campaigns/gate-update.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Gate update');
  await expect(page.getByTestId('send-result')).toHaveCount(0);
  await expect(page.getByTestId('last-send-chip')).toHaveCount(0);
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('last-send-chip')).toBeVisible();
});

test('the report status and the side-by-side picks belong to their campaign', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('export-report').click();
  const status = page.getByTestId('export-status');
  await expect(status).toContainText('Report written to reports/promo-journey-qa-report.html');
  await status.getByRole('button', { name: 'Dismiss' }).click();
  await expect(status).toHaveCount(0);
  await page.getByTestId('export-report').click();
  await expect(status).toContainText('Report written to');

  await page.getByLabel('Compare user_1').check();
  await page.getByLabel('Compare user_2').check();
  await expect(page.getByTestId('compare-toggle')).toHaveText('Side by side (2)');

  await page.getByTestId('campaign-campaigns/gate-update.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Gate update');
  await expect(page.getByTestId('export-status')).toHaveCount(0);
  await expect(page.getByTestId('compare-toggle')).toHaveText('Side by side');
});

test('matrix cells show the whole SMS and push text, and an email cell its subject and preheader instead of HTML', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const sms = page.getByTestId('cell-user_1-sms').getByTestId('field-text');
  await expect(sms).toHaveText('Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  expect(await whollyShown(sms)).toBe(true);
  const push = page.getByTestId('cell-user_2-webpush').getByTestId('field-body');
  await expect(push).toHaveText('Place your bet on Man Utd vs Liverpool. Use code PLAY75Y to claim your Play-X-Get-Y offer.');
  expect(await whollyShown(push)).toBe(true);
  expect(await whollyShown(page.getByTestId('cell-user_2-webpush').getByTestId('field-title'))).toBe(true);

  await page.getByTestId('campaign-campaigns/order-confirmation.yaml').click();
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done');
  const email = page.getByTestId('cell-user_1-email');
  await expect(email.getByTestId('field-subject')).toHaveText('Your order BS-10421 is confirmed');
  await expect(email.getByTestId('field-preheader')).toHaveText('Thanks Aoife, here is what you ordered and when it will arrive.');
  expect(await whollyShown(email.getByTestId('field-subject'))).toBe(true);
  await expect(email).not.toContainText('<table');
  await expect(email).not.toContainText('<!doctype');
});

test('the values table shows each value beside its source', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('cell-user_1-webpush').click();
  const values = page.getByTestId('value-sources');
  await expect(values.getByRole('row', { name: /promo_code/ })).toContainText(/PLAY50X.*per-user value/);
  await expect(values.getByRole('row', { name: /match_name/ })).toContainText(/Man Utd vs Liverpool.*param/);
  await page.getByTestId('cell-user_3-sms').click();
  await expect(values.getByRole('row', { name: /first_name/ })).toContainText(/\(empty\).*empty/);
  await page.getByTestId('cell-user_1-sms').click();
  await expect(values.getByRole('row', { name: /first_name/ })).toContainText(/Aoife.*profile/);
});

test('the 600 px email fits the preview pane, scaled with its real width stated, or scrolls at actual size', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/order-confirmation.yaml');
  await page.getByTestId('cell-user_1-email').click();
  const pane = (await page.getByTestId('preview-pane').boundingBox())!;
  const frame = page.getByTestId('email-frame');
  await expect(page.frameLocator('[data-testid="email-frame"]').locator('body')).toContainText('Merino socks (3 pack)');
  const fitted = (await frame.boundingBox())!;
  expect(fitted.x + fitted.width).toBeLessThanOrEqual(pane.x + pane.width);
  await expect(page.getByTestId('email-scale')).toContainText(/600 px shown at \d+ %/);

  await page.getByTestId('email-fit').selectOption('actual');
  await expect(page.getByTestId('email-scale')).toContainText('600 px at actual size');
  const actual = (await frame.boundingBox())!;
  expect(Math.round(actual.width)).toBe(600);
  // At actual size the frame scrolls sideways in its own focusable box.
  const wrap = page.getByTestId('email-frame-wrap');
  await expect(wrap).toHaveAttribute('tabindex', '0');
  expect(await wrap.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);

  // The mobile width fits as it is.
  await page.getByTestId('email-fit').selectOption('fit');
  await page.getByLabel('Email width').selectOption('375');
  await expect(page.getByTestId('email-scale')).toContainText('375 px at actual size');
});
