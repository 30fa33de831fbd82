/**
 * First start: the sample workspace opens on a campaign with real users and a short "Start here"
 * (what the matrix is, paste your targets, send to the sandbox) instead of the seed's placeholder
 * user and an empty preview; once dismissed it stays away.
 */
import { test, expect } from '@playwright/test';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('the sample workspace opens on the promo journey with a "Start here" guide; dismissed, it stays away after a reload', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await expect(page.getByTestId('render-matrix')).toHaveAttribute('data-render-state', 'done');
  await expect(page.getByTestId('row-USER_ID')).toHaveCount(0);
  const guide = page.getByTestId('start-here');
  await expect(guide).toBeVisible();
  await expect(guide).toContainText('one row per user');
  await expect(guide).toContainText('Paste your targets');
  await expect(guide).toContainText('sandbox');

  // Its first step shows a real message at once.
  await guide.getByRole('button', { name: /Preview user_1/ }).click();
  await expect(page.getByTestId('preview-target')).toHaveText('user_1');
  await expect(page.getByTestId('preview-sms')).toContainText('Hi Aoife');
  await expect(guide).toBeVisible();

  await guide.getByRole('button', { name: 'Got it' }).click();
  await expect(guide).toHaveCount(0);
  await page.reload();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('render-matrix')).toHaveAttribute('data-render-state', 'done');
  await expect(page.getByTestId('start-here')).toHaveCount(0);
});

test("a workspace of one's own gets no sample guide", async ({ page }) => {
  rmSync(join(host.workspace, 'campaigns/promo-journey.yaml'));
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('render-matrix')).toHaveAttribute('data-render-state', 'done');
  await expect(page.getByTestId('campaign-title')).toHaveText('Gate update');
  await expect(page.getByTestId('start-here')).toHaveCount(0);
});
