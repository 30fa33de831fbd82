import { test, expect } from '@playwright/test';
import { startHost, type TestHost } from './host';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('the promo journey renders per user and node, and Send delivers the document\'s exact body to the sandbox', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();

  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText('Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  await expect(page.getByTestId('cell-user_2-webpush').getByTestId('field-body')).toHaveText(
    'Place your bet on Man Utd vs Liverpool. Use code PLAY75Y to claim your Play-X-Get-Y offer.',
  );
  // user_3 has no stored first name: the platform prints the empty string, and the cell says so.
  await expect(page.getByTestId('cell-user_3-sms').getByTestId('field-text')).toHaveText('Hi , your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  await expect(page.getByTestId('cell-user_3-sms')).toContainText('empty-value');

  // (The README's screenshot is taken by layout.spec.ts, with more users.)
  await page.getByTestId('cell-user_1-sms').click();
  await expect(page.getByTestId('preview-pane').getByTestId('preview-sms')).toContainText('Hi Aoife');

  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await expect(dialog.getByTestId('confirm-environment')).toHaveText('Sandbox');
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('3');
  await expect(dialog).toContainText('Campaign_ID');
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('1 of 1 batch accepted');
  await expect(page.getByTestId('send-result').getByTestId('batch-0')).toContainText('acknowledged');

  const calls = await host.ipc<{ body: unknown }[]>('sandbox.calls', {});
  expect(calls.ok).toBe(true);
  expect(calls.value).toHaveLength(1);
  expect(calls.value![0]!.body).toEqual({
    apptoken: '***',
    id: 'Campaign_ID',
    target_by: 'user_id',
    target: ['user_1', 'user_2', 'user_3'],
    // Every batch carries its own external_message_id (send id + batch number) so webhook events map back to it.
    params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool', external_message_id: expect.stringMatching(/^\d{8}-\d{6}-[a-f0-9]{6}-b1$/) },
    target_with_params: { user_1: { promo_code: 'PLAY50X' }, user_2: { promo_code: 'PLAY75Y' }, user_3: { promo_code: 'PLAY100Z' } },
  });
  expect(errors).toEqual([]);
});

test('a malformed IPC message from the page gets a typed error and the app keeps working', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  const reply = await page.evaluate(async (token) => {
    const res = await fetch('/ipc/send.execute', { method: 'POST', headers: { 'x-preflight-token': token }, body: JSON.stringify({ environmentId: 5 }) });
    return res.json();
  }, host.token);
  expect(reply.ok).toBe(false);
  expect(reply.error.code).toBe('invalid-arguments');
  expect(reply.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['environmentId', 'campaignId', 'data', 'confirmation']));
  const unknown = await page.evaluate(async (token) => (await fetch('/ipc/no.such', { method: 'POST', headers: { 'x-preflight-token': token }, body: '{}' })).json(), host.token);
  expect(unknown.error.code).toBe('invalid-channel');
  // Still alive: a valid call answers.
  expect((await host.ipc('environments.list')).ok).toBe(true);
});

test('IPC calls without the per-run token are refused', async () => {
  const res = await fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', body: '{}' });
  expect(res.status).toBe(403);
  const wrong = await fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', headers: { 'x-preflight-token': 'x' + host.token.slice(1) }, body: '{}' });
  expect(wrong.status).toBe(403);
});
