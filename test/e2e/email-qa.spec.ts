import { test, expect, type Page } from '@playwright/test';
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

async function preview(page: Page, target: string, node: string) {
  await page.getByTestId(`cell-${target}-${node}`).click();
  await expect(page.getByTestId('preview-target')).toHaveText(target);
}

test('the example email shows per-client compatibility and link findings with how many users have each, and the report carries them', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/order-confirmation.yaml');
  await preview(page, 'user_1', 'email');
  const compat = page.getByTestId('qa-compat');
  await compat.locator('summary').click();
  // The button's border-radius is in every user's email; the gold-member block only in user_3's.
  await expect(compat.getByTestId('qa-finding').filter({ hasText: '`border-radius` is not supported by Outlook (Windows)' })).toContainText('· 100% of users');
  await expect(compat.getByTestId('qa-finding').filter({ hasText: '`border-radius` is not supported' })).toContainText(/line \d+/);
  await expect(compat.getByTestId('qa-compat-others')).toContainText('`box-shadow` is not supported by');
  await expect(compat.getByTestId('qa-compat-others').getByTestId('qa-finding').filter({ hasText: 'box-shadow' })).toContainText('1 of 3 users (33%)');

  const links = page.getByTestId('qa-links');
  await links.locator('summary').click();
  await expect(links).toContainText('No problem found in this user');
  await expect(links).toContainText('http://rewards.brandstore.ie/gold');
  const track = links.getByTestId('qa-link').filter({ hasText: 'https://shop.brandstore.ie/orders/{{ order_id }}' });
  await expect(track).toHaveAttribute('data-personalised', 'true');
  await expect(track.getByTestId('qa-link-variants')).toContainText('3 distinct');
  await expect(track.getByTestId('qa-link-variants')).toContainText('https://shop.brandstore.ie/orders/BS-10423?utm_source=xtremepush');
  await expect(links.getByTestId('qa-link').filter({ hasText: 'tel:+35315550100' })).toHaveAttribute('data-personalised', 'false');

  // The matrix cell carries the findings as badges.
  await expect(page.getByTestId('cell-user_3-email').locator('.badge', { hasText: 'email-link-insecure' })).toHaveCount(1);
  await expect(page.getByTestId('cell-user_1-email').locator('.badge', { hasText: 'email-link-insecure' })).toHaveCount(0);

  await preview(page, 'user_3', 'email');
  await page.getByTestId('qa-links').locator('summary').click();
  await expect(page.getByTestId('qa-links').getByTestId('qa-finding').filter({ hasText: 'uses http: in an https email' })).toContainText('1 of 3 users (33%)');

  await page.getByTestId('approve').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  await download;
  await expect(page.getByTestId('export-status')).toContainText('reports/order-confirmation-qa-report.html');
  const report = readFileSync(join(host.workspace, 'reports/order-confirmation-qa-report.html'), 'utf8');
  expect(report).toContain('Email QA over all users');
  expect(report).toMatch(/`box-shadow` is not supported by [^<]*<\/li>|`box-shadow` is not supported by .*1 of 3 users \(33%\)/);
  expect(report).toContain('https://shop.brandstore.ie/orders/{{ order_id }}');
});

test('the example email scores each client family for this user and over all users, lists the features with their lines and users, and the report carries the scores', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/order-confirmation.yaml');
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done', { timeout: 60_000 });
  await preview(page, 'user_1', 'email');
  const scores = page.getByTestId('qa-scores');
  await expect(scores.getByTestId('qa-score-overall')).toHaveText(/^\d+(\.\d)?%$/);
  // Users differ (a loop of items, the gold block for user_3): the spread over the 3 users.
  await expect(scores.getByTestId('qa-score-overall-users')).toContainText(/all 3 users: [\d.]+–[\d.]+%, median [\d.]+%/);
  const outlook = scores.locator('[data-testid="qa-score"][data-family="outlook"]');
  await expect(outlook.getByTestId('qa-score-user')).toHaveText(/\d+(\.\d)?%/);
  await expect(outlook.getByRole('img')).toHaveAttribute('aria-label', /supported, .* partly, .* not supported/);
  await expect(outlook.getByTestId('qa-score-users')).toContainText(/[\d.]+–[\d.]+%, median/);
  await expect(outlook.getByTestId('qa-score-users')).toContainText('for 1 user');
  await outlook.getByTestId('qa-score-features').locator('summary').click();
  await expect(outlook.getByTestId('qa-score-features').locator('summary')).toHaveText(/^\d+ features not fully supported, 3 more only in other users' emails$/);
  await expect(outlook.locator('ul:not([data-testid="qa-score-others"]) > [data-feature="border-radius"]')).toContainText(/unsupported by Outlook \(Windows\), Outlook \(Windows Mail\) \(line \d+\) · 100% of users/);
  // The gold block is only in user_3's email: named under "Only in other users' emails" with its count.
  await expect(outlook.getByTestId('qa-score-others').locator('[data-feature="box-shadow"]')).toContainText('1 of 3 users (33%)');
  await expect(scores.locator('[data-testid="qa-score"][data-family="apple-mail"]').getByTestId('qa-score-users')).toHaveText('100%');
  await expect(scores.getByTestId('qa-score-source')).toContainText(/Mailpit's HTML check .* caniemail@[\d.]+ data of 20\d\d-/);

  // user_3 has the block: it is among their own features, and their Outlook score is lower than user_1's.
  const score = async () => Number((await outlook.getByTestId('qa-score-user').textContent())!.replace('%', ''));
  const user1 = await score();
  await preview(page, 'user_3', 'email');
  await expect(outlook.locator('ul:not([data-testid="qa-score-others"]) > [data-feature="box-shadow"]')).toContainText('1 of 3 users (33%)');
  expect(await score()).toBeLessThan(user1);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  await download;
  await expect(page.getByTestId('export-status')).toContainText('reports/order-confirmation-qa-report.html');
  const report = readFileSync(join(host.workspace, 'reports/order-confirmation-qa-report.html'), 'utf8');
  expect(report).toMatch(/Client support over 3 users: [\d.]+–[\d.]+%, median [\d.]+% overall/);
  expect(report).toMatch(/<code>box-shadow<\/code> unsupported by Outlook \(Windows\), Outlook \(Windows Mail\) \(line \d+\) <span class="muted">· 1 of 3 users \(33%\)/);
});

test('the Checks dialog names the bundled caniemail data, and expected tracking parameters flag links that lack them', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/order-confirmation.yaml');
  await page.getByTestId('open-settings').click();
  const pkg = JSON.parse(readFileSync('node_modules/caniemail/package.json', 'utf8')) as { version: string };
  await expect(page.getByTestId('email-data-source')).toContainText(`caniemail@${pkg.version}, data of 20`);
  await page.getByTestId('email-tracking-params').fill('utm_source, utm_content');
  await page.getByTestId('guardrail-settings').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('guardrail-settings')).toHaveCount(0);
  await expect.poll(() => JSON.parse(readFileSync(join(host.workspace, 'preflight.settings.json'), 'utf8')).guardrails.email).toEqual({ trackingParams: ['utm_source', 'utm_content'] });
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done', { timeout: 60_000 });
  await preview(page, 'user_1', 'email');
  await page.getByTestId('qa-links').locator('summary').click();
  await expect(page.getByTestId('qa-links').getByTestId('qa-finding').filter({ hasText: 'lacks the tracking parameter "utm_content"' }).first()).toContainText('100% of users');
});

test('a test send labels itself as a proof with the param the user names; the real send does not carry it', async ({ page }) => {
  // Own host: the sandbox environment's token comes from the host's environment only.
  await host.stop();
  host = await startHost({ env: { XP_APP_TOKEN_STAGE: 'stage-token-proof-4d2a' } });
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('open-environments').click();
  const envs = page.getByTestId('environments-dialog');
  await envs.getByTestId('env-new').click();
  await envs.getByTestId('env-id').fill('stage');
  await envs.getByTestId('env-name').fill('Staging');
  await envs.getByTestId('env-region').selectOption('sandbox');
  await envs.getByTestId('env-qa-users').fill('qa_anna');
  await envs.getByTestId('env-save').click();
  await expect(envs.getByTestId('env-stage')).toContainText('token ✓');
  await envs.getByTestId('env-close').click();

  await page.getByTestId('campaign-campaigns/order-confirmation.yaml').click();
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done', { timeout: 60_000 });
  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await dialog.getByTestId('send-environment').selectOption('stage');
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('3');
  // The proof param is shown by its name; a name the template cannot use is refused before sending.
  await expect(dialog.getByTestId('proof-param')).toHaveValue('is_proof');
  await dialog.getByTestId('proof-param').fill('is proof');
  await expect(dialog.getByTestId('proof-param-problem')).toContainText('"is proof" is not a plain name');
  await expect(dialog.getByTestId('test-send')).toBeDisabled();
  await dialog.getByTestId('proof-param').fill('proof_send');
  await dialog.getByTestId('test-send').click();
  await expect(dialog.getByTestId('test-send-result')).toContainText('1 of 1 batch accepted');
  let calls = (await host.ipc<{ body: { target: string[]; params: Record<string, unknown> } }[]>('sandbox.calls')).value!;
  expect(calls).toHaveLength(1);
  expect(calls[0]!.body.target).toEqual(['qa_anna']);
  expect(calls[0]!.body.params).toMatchObject({ proof_send: 'true', delivery_date: 'Friday 14 March' });
  await host.ipc('sandbox.reset');

  await dialog.getByTestId('confirm-send').click();
  // The result view showed the test send until now: wait for the real send's.
  await expect(page.getByTestId('send-result')).not.toContainText('(test send)');
  await expect(page.getByTestId('send-result')).toContainText('1 of 1 batch accepted');
  calls = (await host.ipc<typeof calls>('sandbox.calls')).value!;
  expect(calls).toHaveLength(1);
  expect(calls[0]!.body.target).toEqual(['user_1', 'user_2', 'user_3']);
  expect(calls[0]!.body.params).not.toHaveProperty('proof_send');
  expect(calls[0]!.body.params).not.toHaveProperty('is_proof');
});
