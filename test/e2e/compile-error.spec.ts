/**
 * A template that does not compile must never look like an empty message: every affected cell and
 * the preview say it is an error, the toolbar counts it, the send is blocked, and the place given is
 * the campaign file's own line and column (not the template's "line 1, column 97").
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';
import { openCampaign, replaceEditorText } from './workspace-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('an unclosed {% if %} in the promo SMS marks every SMS cell and the preview as an error at line 11 of the file, and blocks the send', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const original = readFileSync(join(host.workspace, 'campaigns/promo-journey.yaml'), 'utf8');
  const broken = original.replace('is now live."', 'is now live. {% if first_name %}"');
  expect(broken).not.toBe(original);
  const line = broken.split('\n').findIndex((l) => l.includes('{% if first_name %}')) + 1;
  expect(line).toBe(11);
  await replaceEditorText(page, broken);

  for (const user of ['user_1', 'user_2', 'user_3']) {
    const cell = page.getByTestId(`cell-${user}-sms`);
    await expect(cell).toHaveClass(/has-error/);
    await expect(cell.getByTestId('field-text')).toContainText('does not compile');
    await expect(cell.getByTestId('sms-metrics')).toHaveCount(0);
    // The web push node is untouched and still renders.
    await expect(page.getByTestId(`cell-${user}-webpush`)).not.toHaveClass(/has-error/);
  }
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done');
  await expect(page.getByTestId('scan-status')).toContainText('3 with errors');

  await page.getByTestId('cell-user_1-sms').click();
  const preview = page.getByTestId('preview-pane');
  await expect(preview.getByTestId('preview-error')).toContainText('does not compile');
  await expect(preview.getByTestId('sms-text')).toHaveCount(0);
  const diagnostics = preview.getByRole('list', { name: 'Diagnostics' });
  await expect(diagnostics).toContainText('syntax');
  await expect(diagnostics).toContainText(`campaigns/promo-journey.yaml, line ${line}, column`);
  await expect(diagnostics).not.toContainText('line 1,');

  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  // The host checks the saved file: save the edit, and its verdict names the same place.
  await dialog.getByRole('button', { name: 'Save and check again' }).click();
  await expect(dialog.getByTestId('blocking')).toContainText(`line ${line}`);
  await expect(dialog.getByTestId('confirm-send')).toBeDisabled();
});
