import { test, expect } from '@playwright/test';
import { startHost, type TestHost } from './host';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test("the promo journey renders per user and node, and Send delivers the document's exact body to the sandbox", async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();

  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText('Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  await expect(page.getByTestId('cell-user_2-webpush').getByTestId('field-body')).toHaveText('Place your bet on Man Utd vs Liverpool. Use code PLAY75Y to claim your Play-X-Get-Y offer.');
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
  await expect(page.getByTestId('send-result').getByTestId('batch-0').getByTestId('batch-status')).toHaveText('Accepted');

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
  // The page's own fetch carries the session cookie and its Origin, as the app's transport does.
  const reply = await page.evaluate(async () => {
    const res = await fetch('/ipc/send.prepare', { method: 'POST', body: JSON.stringify({ environmentId: 5 }) });
    return res.json();
  });
  expect(reply.ok).toBe(false);
  expect(reply.error.code).toBe('invalid-arguments');
  expect(reply.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['environmentId', 'campaignFile', 'data']));
  const unknown = await page.evaluate(async () => (await fetch('/ipc/no.such', { method: 'POST', body: '{}' })).json());
  expect(unknown.error.code).toBe('invalid-channel');
  // Still alive: a valid call answers.
  expect((await host.ipc('environments.list')).ok).toBe(true);
});

test('the page signs in with a single-use link and keeps no secret: the address bar is clean, the cookie is out of its reach, and calls from elsewhere are refused', async ({ page }) => {
  const link = await host.signInUrl();
  await page.goto(link);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  expect(page.url()).toBe(`${host.origin}/`);
  // HttpOnly: the page's scripts cannot read the session.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const cookies = await page.context().cookies(host.origin);
  expect(cookies).toHaveLength(1);
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // The link is spent: another browser context opening it is not signed in.
  const other = await page.context().browser()!.newPage();
  await other.goto(link);
  await expect(other.locator('h1')).toHaveText('This sign-in link does not work');
  await other.close();
  // Without the cookie, or with it but from another origin, IPC calls are refused.
  expect((await fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', headers: { origin: host.origin }, body: '{}' })).status).toBe(403);
  expect((await fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', headers: { cookie: host.cookie, origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
  expect((await host.ipc('environments.list')).ok).toBe(true);
});
