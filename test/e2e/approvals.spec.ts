/**
 * A review mark is tied to what was approved: it records a fingerprint of the rendered output and
 * of the data, so a render that changes afterwards shows "changed since approved" in the cell, the
 * preview and the QA report. The report names the reviewer, the data source, the unreviewed and
 * changed renders, and the values each render used.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
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

test('approving user_1\'s SMS then changing a param it uses marks it "changed since approved" in the cell, the preview and the report', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  // The reviewer's name, set once in the settings.
  await page.getByTestId('open-settings').click();
  await page.getByTestId('reviewer-name').fill('Dana Quinn');
  await page.getByTestId('guardrail-settings').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('guardrail-settings')).toBeHidden();

  await page.getByTestId('cell-user_1-sms').click();
  await page.getByTestId('approve').click();
  const cell = page.getByTestId('cell-user_1-sms');
  await expect(cell).toHaveAttribute('data-review', 'approved');
  await expect(cell.getByTestId('review-mark')).toHaveText('✓ approved');
  await page.getByTestId('cell-user_2-webpush').click();
  await page.getByTestId('approve').click();

  // The review file records what was approved, and who approved it.
  const review = () => {
    try {
      return JSON.parse(readFileSync(join(host.workspace, 'reviews/promo-journey.json'), 'utf8'));
    } catch {
      return null;
    }
  };
  await expect.poll(review).toMatchObject({ decisions: { user_1: { sms: { status: 'approved', by: 'Dana Quinn', output: expect.any(String), data: expect.any(String), source: 'requests/promo-journey.json' } } } });

  await page.getByTestId('data-tab-params').click();
  await page.getByTestId('param-value-promo_name').fill('Bet-5-Get-20');
  await expect(cell.getByTestId('field-text')).toContainText('your Bet-5-Get-20 offer');
  await expect(cell).toHaveAttribute('data-review', 'changed');
  await expect(cell.getByTestId('review-mark')).toHaveText('⚠ changed since approved');
  await expect(cell.getByTestId('review-mark')).not.toContainText('✓');
  // user_2's web push uses promo_name too; user_1's web push was never approved.
  await expect(page.getByTestId('cell-user_2-webpush')).toHaveAttribute('data-review', 'changed');

  await cell.click();
  await expect(page.getByTestId('review-changed')).toContainText('changed since Dana Quinn approved it');
  await expect(page.getByTestId('review-changed')).toContainText('with data from requests/promo-journey.json');

  // Undoing the change brings back exactly what was approved.
  await page.getByTestId('param-value-promo_name').fill('Play-X-Get-Y');
  await expect(cell).toHaveAttribute('data-review', 'approved');
  await page.getByTestId('param-value-promo_name').fill('Bet-5-Get-20');
  await expect(cell).toHaveAttribute('data-review', 'changed');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  await download;
  await expect(page.getByTestId('export-status')).toContainText('reports/promo-journey-qa-report.html');
  const html = readFileSync(join(host.workspace, 'reports/promo-journey-qa-report.html'), 'utf8');
  expect(html).toContain('Reviewer: Dana Quinn');
  expect(html).toContain('edited here (not saved)');
  expect(html).toMatch(/Changed since approved \(2\)/);
  expect(html).toMatch(/Not reviewed \(4\)/);
  expect(html).toContain('user_3 × sms');
  // The values each render used, with where they came from.
  expect(html).toMatch(/<td><code>promo_name<\/code><\/td><td>Bet-5-Get-20<\/td><td>param<\/td>/);
  expect(html).toMatch(/<td><code>first_name<\/code><\/td><td>Aoife<\/td><td>profile<\/td>/);
  expect(html).not.toMatch(/user_1 × sms[^<]*<\/span> — <span[^>]*>approved</);
});
