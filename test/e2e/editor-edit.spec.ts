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

test('editing a placeholder updates every visible cell, and Save writes the campaign file', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const original = readFileSync(join(host.workspace, 'campaigns/promo-journey.yaml'), 'utf8');
  await replaceEditorText(page, original.replaceAll('{{promo_name}}', '{{ promo_name|upper }}'));
  for (const user of ['user_1', 'user_2', 'user_3']) {
    await expect(page.getByTestId(`cell-${user}-sms`).getByTestId('field-text')).toContainText('your PLAY-X-GET-Y offer');
    await expect(page.getByTestId(`cell-${user}-webpush`).getByTestId('field-body')).toContainText('claim your PLAY-X-GET-Y offer.');
  }
  await expect(page.getByTestId('editor-panel')).toHaveAttribute('data-dirty', 'yes');
  await page.getByTestId('diff-tab').click();
  await expect(page.getByTestId('diff-editor')).toBeVisible();
  await page.getByTestId('save-campaign').click();
  await expect(page.getByTestId('editor-panel')).toHaveAttribute('data-dirty', 'no');
  expect(readFileSync(join(host.workspace, 'campaigns/promo-journey.yaml'), 'utf8')).toContain('{{ promo_name|upper }}');
});

test('completion inside {{ }} offers the params keys, and a syntax error becomes a marker', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const original = readFileSync(join(host.workspace, 'campaigns/promo-journey.yaml'), 'utf8');
  // Break the SMS text's first placeholder, and end the file with an open placeholder where the cursor stays.
  await replaceEditorText(page, `${original.replace('Hi {{first_name}}', 'Hi {{ first_name }')}# {{ pro`);
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toContainText('promo_name');
  await expect(suggest).toContainText('param');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('campaign-editor')).not.toHaveAttribute('data-markers', '0');
});

test("completion after | offers the engine's filters with Twig's parameter names and defaults", async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  const original = readFileSync(join(host.workspace, 'campaigns/promo-journey.yaml'), 'utf8');
  await replaceEditorText(page, `${original}# {{ promo_name|number_f`);
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toContainText('number_format');
  await expect(suggest).toContainText("number_format(decimal = 0, decimal_point = '.', thousand_sep = ',')");
  await page.keyboard.press('Escape');
});

test("hovering a placeholder shows the selected user's value and where it came from", async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('cell-user_2-sms').click();
  const editor = page.getByTestId('campaign-editor');
  await expect(editor).toHaveAttribute('data-editor-ready', 'yes');
  // The editor opens small (the matrix gets the screen): make it tall enough to show the SMS text's line.
  await page.getByRole('separator', { name: 'Resize editor' }).focus();
  await page.keyboard.press('Shift+ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  // Monaco shows hovers after the mouse moves over a token (two moves, as a person would).
  const token = editor.locator('.view-line span span', { hasText: /^first_name$/ }).first();
  await expect(token).toBeVisible();
  const hover = page.locator('.monaco-hover').first();
  // Monaco may still be laying out or tokenising: move over the token again until the hover shows.
  await expect(async () => {
    const box = (await token.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.move(box.x + 10, box.y + 6);
    await expect(hover).toContainText('first_name for user_2', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(hover).toContainText('"Liam"');
  await expect(hover).toContainText('profile attribute');
});
