/**
 * Legacy personalisation (projects created before July 2020): a user with an attribute that resolves
 * to empty is not sent by the platform, so the send preview blocks on them in such an environment —
 * and only there.
 */
import { test, expect } from '@playwright/test';
import { startHost, type TestHost } from './host';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost({ env: { XP_APP_TOKEN_OLD: 'legacy-token-123' } });
});
test.afterEach(async () => {
  await host.stop();
});

test('in a legacy-personalisation environment, users with an empty attribute block the send; in the sandbox they do not', async ({ page }) => {
  const saved = await host.ipc('environments.save', {
    environment: { id: 'old', name: 'Old project', region: 'sandbox', baseUrl: 'http://127.0.0.1:1', production: false, legacyPersonalisation: true },
  });
  expect(saved.ok).toBe(true);
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  // user_3 has no first_name: wait for the full scan to see it.
  await expect(page.getByTestId('cell-user_3-sms')).toContainText('empty-value');
  await expect(page.getByText(/All 3 checked/)).toBeVisible();

  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await expect(dialog.getByTestId('confirm-environment')).toHaveText('Sandbox');
  await expect(dialog.getByTestId('blocking')).toHaveCount(0);

  await dialog.getByTestId('send-environment').selectOption('old');
  await expect(dialog.getByTestId('confirm-environment')).toHaveText('Old project');
  const blocking = dialog.getByTestId('blocking');
  await expect(blocking).toContainText('legacy personalisation: 1 user(s) have an attribute that resolves to empty and would not be sent');
  await expect(blocking).toContainText('user_3 · sms');
  await expect(dialog.getByTestId('confirm-send')).toBeDisabled();
});
