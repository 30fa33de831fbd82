/**
 * Where secrets go, end to end in Chromium against the browser host: a change of destination and a
 * new token wait for the person on the host's own confirmation page — another origin the app's
 * page can open but neither read nor answer — and a token stored in the browser host lives in its
 * memory only. The test confirms through that page the way a person would: open it, click.
 */
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';
import { answerOnPage } from './confirm-helpers';

const TOKEN = 'prod-app-token/5e9c+1d7a=f0b2';
let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test("a new production environment and its token are kept only after the person confirms them on the host's own page, which the app's page can neither read nor answer", async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  expect(new URL(host.confirmUrl).origin).not.toBe(host.origin);

  await page.getByTestId('open-environments').click();
  const envs = page.getByTestId('environments-dialog');
  await envs.getByTestId('env-new').click();
  await envs.getByTestId('env-id').fill('prod');
  await envs.getByTestId('env-name').fill('Production');
  await envs.getByTestId('env-region').selectOption('custom');
  await envs.getByTestId('env-base-url').fill('https://prod.example.test/api');
  await envs.getByTestId('env-production').check();
  await envs.getByTestId('env-save').click();
  await expect(page.getByTestId('confirmation-banner')).toContainText('Create environment "Production" sending to https://prod.example.test?');

  // The app's page (as a compromised renderer would) cannot read the question or forge an answer.
  const attack = await page.evaluate(async (url) => {
    let read = 'read';
    try {
      await (await fetch(url)).text();
    } catch {
      read = 'blocked';
    }
    await fetch(`${url}answer`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'id=x&code=y&answer=yes' }).catch(() => undefined);
    // Nor can it read the page through a window it opens there (another origin; COOP even severs the handle).
    const w = window.open(url);
    let handle = 'none';
    for (let i = 0; i < 50 && w; i++) {
      await new Promise((r) => setTimeout(r, 100));
      try {
        if (w.closed) break;
        if ((w.document.body?.innerText ?? '').includes('confirm a change')) {
          handle = 'readable';
          break;
        }
      } catch {
        break;
      }
    }
    w?.close();
    return { read, handle };
  }, host.confirmUrl);
  expect(attack).toEqual({ read: 'blocked', handle: 'none' });
  expect((await host.ipc<{ id: string }[]>('environments.list')).value!.map((e) => e.id)).toEqual(['sandbox']);

  await answerOnPage(host, page, context, 'Create environment "Production" sending to https://prod.example.test?', 'Create it');
  await expect(envs.getByRole('status')).toHaveText('Saved Production.');
  await expect(envs.getByTestId('env-prod')).toContainText('no token');

  // The token: typed once, confirmed on the page, never shown again.
  await envs.getByTestId('secret-input-apptoken').fill(TOKEN);
  await envs.getByTestId('secret-store-apptoken').click();
  await answerOnPage(host, page, context, 'Store a new app token for "Production"?', 'Store the app token');
  await expect(envs.getByTestId('env-prod')).toContainText('token ✓');
  await expect(envs.getByTestId('secret-input-apptoken')).toHaveValue('');

  // Pointing it elsewhere is asked too; declined, nothing changes.
  await envs.getByTestId('env-base-url').fill('https://elsewhere.example.test');
  await envs.getByTestId('env-save').click();
  await answerOnPage(host, page, context, 'Point environment "Production" at https://elsewhere.example.test?', 'Decline');
  await expect(envs.getByRole('status')).toHaveText('environment not saved: it was not confirmed');
  const prod = (await host.ipc<{ id: string; baseUrl: string; hasToken: boolean }[]>('environments.list')).value!.find((e) => e.id === 'prod');
  expect(prod).toMatchObject({ baseUrl: 'https://prod.example.test/api', hasToken: true });

  // Confirmed, the token given for the old host is dropped.
  await envs.getByTestId('env-save').click();
  await answerOnPage(host, page, context, 'Point environment "Production" at https://elsewhere.example.test?', 'Change the destination');
  await expect(envs.getByRole('status')).toContainText('Its destination changed, so its stored app token was dropped: enter it again.');
  await expect(envs.getByTestId('env-prod')).toContainText('no token');

  expect(await page.content()).not.toContain(TOKEN);
  for (const f of filesUnder(host.dataDir)) expect(readFileSync(f, 'utf8').includes(TOKEN), f).toBe(false);
});

test('the environment dialog stores an OAuth client secret, write-only, and the connection test uses it', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('open-environments').click();
  const envs = page.getByTestId('environments-dialog');
  await envs.getByTestId('env-sandbox').click();
  await envs.getByTestId('env-auth-mode').selectOption('oauth');
  await envs.getByTestId('env-client-id').fill('preflight-sandbox');
  await envs.getByTestId('env-save').click();
  // The built-in sandbox seeds its own client's secret for the run; a wrong one replaces it.
  await expect(envs.getByTestId('env-sandbox')).toContainText('client secret ✓');
  await envs.getByTestId('secret-input-oauth-client-secret').fill('not-the-sandbox-secret');
  await envs.getByTestId('secret-store-oauth-client-secret').click();
  await expect(envs.getByRole('status').filter({ hasText: 'OAuth client secret' })).toHaveText('OAuth client secret stored for Sandbox.');
  const verdict = await host.ipc<{ outcome: string; detail?: string }>('platform.testConnection', { environmentId: 'sandbox' });
  expect(verdict.value).toMatchObject({ outcome: 'unauthorized' });
  expect(JSON.stringify(verdict)).not.toContain('not-the-sandbox-secret');
  expect(JSON.stringify((await host.ipc('environments.list')).value)).not.toContain('not-the-sandbox-secret');
});
