import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
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

test('a campaign changed on disk reloads by itself, and asks first when there are unsaved edits', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const path = join(host.workspace, 'campaigns/promo-journey.yaml');
  const original = readFileSync(path, 'utf8');

  // No unsaved edits: the change on disk simply shows.
  writeFileSync(path, original.replace('Hi {{first_name}}', 'Hello {{first_name}}'));
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText(/^Hello Aoife, /);

  // Unsaved edits: the app asks before replacing them.
  await replaceEditorText(page, readFileSync(path, 'utf8').replace('Hello {{first_name}}', 'Hey {{first_name}}'));
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText(/^Hey Aoife, /);
  writeFileSync(path, original.replace('Hi {{first_name}}', 'Greetings {{first_name}}'));
  await expect(page.getByTestId('external-change')).toBeVisible();
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText(/^Hey Aoife, /);
  await page.getByTestId('reload-theirs').click();
  await expect(page.getByTestId('external-change')).toHaveCount(0);
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText(/^Greetings Aoife, /);
  await expect(page.getByTestId('editor-panel')).toHaveAttribute('data-dirty', 'no');
});
