import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function openApp(page: Page) {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
}

async function openPlatform(page: Page) {
  await page.getByTestId('platform-button').click();
  await expect(page.getByTestId('platform-panel')).toBeVisible();
}

test('a new user browses the sandbox campaigns, imports one, reviews it, sends it and sees "Not personalized" for user_3', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await openApp(page);
  await openPlatform(page);

  // Browse: the sample workspace's two campaigns are live in the sandbox, searchable, one per page.
  const panel = page.getByTestId('platform-panel');
  await expect(panel.getByTestId('platform-campaign-Campaign_ID')).toContainText('Promo journey');
  await expect(panel.getByTestId('platform-campaign-Campaign_ID').getByTestId('active-badge')).toHaveText('active');
  await panel.getByTestId('platform-search').fill('promo');
  await panel.getByTestId('platform-search').press('Enter');
  await expect(panel.getByTestId('platform-campaigns').locator('tbody tr')).toHaveCount(1);

  // Import: preview shows the live texts; the file exists in the workspace, so it is replaced on request.
  await panel.getByTestId('preview-Campaign_ID').click();
  const preview = panel.getByTestId('import-preview');
  await expect(preview.getByTestId('preview-field-sms-text')).toContainText('Hi {{first_name}}, your {{promo_name}} offer');
  await host.ipc('sandbox.platform.setCampaign', { id: 'Campaign_ID', set: { 'messages.9.sms_text': 'Hey {{first_name}}, {{promo_name}} is live for {{match_name}}.' } });
  await panel.getByTestId('preview-Campaign_ID').click();
  await expect(preview.getByTestId('preview-field-sms-text')).toContainText('Hey {{first_name}}');
  await preview.getByTestId('import-campaign').click();
  await expect(preview.getByTestId('import-exists')).toContainText('campaigns/promo-journey.yaml');
  await preview.getByTestId('import-replace').click();
  await expect(preview.getByTestId('import-done')).toBeVisible();
  const written = readFileSync(join(host.workspace, 'campaigns/promo-journey.yaml'), 'utf8');
  expect(written).toContain('# Imported from Xtremepush (environment "Sandbox", campaign ID Campaign_ID)');
  expect(written).toContain('Hey {{first_name}}, {{promo_name}} is live for {{match_name}}.');
  await panel.getByTestId('platform-close').click();

  // Review: the imported template renders per user with the workspace's request data.
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await expect(page.getByTestId('live-badge')).toHaveText('matches live');
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText('Hey Aoife, Play-X-Get-Y is live for Man Utd vs Liverpool.');

  // Send to the sandbox.
  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('3');
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('accepted');

  // Follow-up: user_3 has no first_name, so the sandbox (legacy mode) logs "Not personalized".
  await openPlatform(page);
  await page.getByTestId('platform-tab-follow-up').click();
  const followUp = page.getByTestId('delivery-follow-up');
  await expect(followUp.getByTestId('follow-up-group-Not personalized')).toContainText('“Not personalized”: 1 user');
  await expect(followUp.getByTestId('follow-up-user-user_3')).toHaveText(/user_3 \(batch 1\)/);
  await followUp.getByTestId('follow-up-refresh').click();
  await expect(followUp.getByTestId('follow-up-group-Not personalized')).toContainText('1 user');
  expect(errors).toEqual([]);
});

test('check against live shows a change made on the platform, field by field', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('live-badge')).toHaveText('matches live');

  await host.ipc('sandbox.platform.setCampaign', { id: 'Campaign_ID', set: { 'messages.3.push_title': 'Tonight: {{match_name}}', active: 0 } });
  await openPlatform(page);
  await page.getByTestId('platform-tab-live').click();
  await page.getByTestId('check-live').click();
  const comparison = page.getByTestId('live-comparison');
  await expect(comparison.getByTestId('live-differs')).toContainText('differs from the workspace in 1 field');
  const row = comparison.getByTestId('diff-webpush-title');
  await expect(row).toHaveAttribute('data-status', 'changed');
  await expect(row.locator('ins')).toContainText('Tonight:');
  await expect(comparison.getByTestId('diff-sms-text')).toHaveAttribute('data-status', 'same');
  await expect(comparison).toContainText('The live campaign is inactive');
  await page.getByTestId('platform-close').click();
  await expect(page.getByTestId('live-badge')).toHaveText('live differs');

  // Before a send, the difference is stated above the confirmation.
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('send-dialog')).toBeVisible();
  await expect(page.getByTestId('send-live-differs')).toContainText('differs from the workspace in 1 field');
});

test('test connection tells apart success, 401, 403 and 410 in plain language', async ({ page }) => {
  await openApp(page);
  await openPlatform(page);
  const verdict = page.getByTestId('connection-verdict');
  const cases = [
    ['normal', 'ok', 'Connected'],
    ['unauthorized', 'unauthorized', 'Authentication failed (401)'],
    ['forbidden', 'forbidden', 'API access not enabled (403)'],
    ['gone', 'gone', 'Endpoint switched off (410)'],
  ] as const;
  for (const [switchTo, outcome, title] of cases) {
    await host.ipc('sandbox.platform.configure', { connectionOutcome: switchTo });
    await page.getByTestId('test-connection').click();
    await expect(verdict).toHaveAttribute('data-outcome', outcome);
    await expect(verdict).toContainText(title);
  }
});

test('a live campaign the platform answers without an id is shown raw with a clear message', async ({ page }) => {
  await host.ipc('sandbox.platform.setCampaign', { id: 'CAMPAIGN_ID', set: { id: null, owner_team: 'ops' } });
  await openApp(page);
  await page.getByTestId('campaign-campaigns/gate-update.yaml').click();
  await openPlatform(page);
  await page.getByTestId('platform-search').fill('gate');
  await page.getByTestId('platform-search').press('Enter');
  // The list row has no id either now, so it is reported as a problem, not silently dropped.
  await expect(page.getByTestId('platform-problems')).toContainText('expected a campaign with an id');
  await page.getByTestId('platform-tab-live').click();
  await page.getByTestId('check-live').click();
  // The gate update's live model cannot be read: the raw answer is shown with the reason.
  const failure = page.getByTestId('live-failure');
  await expect(failure).toContainText('could not be understood');
  await expect(failure.getByTestId('platform-raw')).toContainText('"owner_team": "ops"');
});

test('the sandbox environment switched to OAuth client credentials connects, and a token the platform expired is refreshed', async ({ page }) => {
  const envs = await host.ipc<{ id: string }[]>('environments.list');
  const sandbox = (envs.value ?? []).find((e) => e.id === 'sandbox') as Record<string, unknown>;
  const saved = await host.ipc('environments.save', { environment: { ...pick(sandbox), authMode: 'oauth', oauthClientId: 'preflight-sandbox' } });
  expect(saved.ok).toBe(true);
  await openApp(page);
  await openPlatform(page);
  await expect(page.getByTestId('platform-panel')).toContainText('OAuth client credentials');
  const verdict = page.getByTestId('connection-verdict');
  await page.getByTestId('test-connection').click();
  await expect(verdict).toHaveAttribute('data-outcome', 'ok');
  // The platform expires the token early: the next call gets 401, fetches a new token once, and succeeds.
  await host.ipc('sandbox.platform.configure', { expireTokens: true });
  await page.getByTestId('test-connection').click();
  await expect(verdict).toHaveAttribute('data-outcome', 'ok');
  await expect(page.getByTestId('platform-campaign-Campaign_ID')).toBeVisible();
});

/** The environment's settings without the view-only fields the list adds (whether secrets are stored, and their variables). */
function pick(env: Record<string, unknown>) {
  const { hasToken: _h, hasSecret: _s, builtin: _b, tokenVariable: _t, secretVariable: _v, ...settings } = env;
  return settings;
}
