import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';
import { openCampaign } from './workspace-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('approving and flagging cells saves the review in the workspace, and the exported report carries the decisions', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await expect(page.getByTestId('review-progress')).toContainText('0 of 6 reviewed, 0 flagged');

  await page.getByTestId('cell-user_1-sms').click();
  await page.getByTestId('approve').click();
  await expect(page.getByTestId('cell-user_1-sms')).toHaveAttribute('data-review', 'approved');

  await page.getByTestId('cell-user_3-sms').click();
  await page.getByTestId('review-comment').fill('First name is missing: "Hi ,"');
  await page.getByTestId('flag').click();
  await expect(page.getByTestId('cell-user_3-sms')).toHaveAttribute('data-review', 'flagged');
  await expect(page.getByTestId('review-progress')).toContainText('2 of 6 reviewed, 1 flagged');

  // Saved as a plain file in the workspace (written asynchronously: poll the file, not a timer).
  const readReview = () => {
    try {
      return JSON.parse(readFileSync(join(host.workspace, 'reviews/promo-journey.json'), 'utf8'));
    } catch {
      return null;
    }
  };
  await expect.poll(readReview).toMatchObject({ campaign: 'campaigns/promo-journey.yaml', decisions: { user_1: { sms: { status: 'approved' } }, user_3: { sms: { status: 'flagged', comment: 'First name is missing: "Hi ,"' } } } });

  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  expect((await download).suggestedFilename()).toBe('promo-journey-qa-report.html');
  await expect(page.getByTestId('export-status')).toContainText('reports/promo-journey-qa-report.html');
  expect(readdirSync(join(host.workspace, 'reports'))).toEqual(['promo-journey-qa-report.html']);
  const html = readFileSync(join(host.workspace, 'reports/promo-journey-qa-report.html'), 'utf8');
  expect(html).toContain('2 of 6 reviewed, 1 flagged');
  expect(html).toContain('First name is missing: &quot;Hi ,&quot;');
  expect(html).toContain('Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  expect(html).not.toContain('<script');

  // PDF needs the desktop app's printer: in the browser host the option is disabled and says why.
  const format = page.getByTestId('export-format');
  await expect(format).toHaveValue('html');
  const pdfOption = format.locator('option[value="pdf"]');
  await expect(pdfOption).toBeDisabled();
  await expect(pdfOption).toHaveAttribute('title', /PDF export is available in the desktop app/);
  // Asked for anyway (the control is forced here), the browser host answers "unavailable": the HTML
  // report is saved instead and the status line says so plainly.
  await format.evaluate((el) => {
    (el as HTMLSelectElement).value = 'pdf';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await expect(format).toHaveValue('pdf');
  const fallback = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  expect((await fallback).suggestedFilename()).toBe('promo-journey-qa-report.html');
  await expect(page.getByTestId('export-status')).toContainText('PDF export is available in the desktop app');
  await expect(page.getByTestId('export-status')).toContainText('the HTML report was saved instead to reports/promo-journey-qa-report.html');
  expect(readdirSync(join(host.workspace, 'reports'))).toEqual(['promo-journey-qa-report.html']);

  // The review survives a reload (it is the workspace file, not app state).
  await page.reload();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('cell-user_3-sms')).toHaveAttribute('data-review', 'flagged');
});
