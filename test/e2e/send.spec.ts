/**
 * Sending for real, end to end: Chromium drives the built app against the browser host and the
 * real sandbox. An environment is configured in the UI (its token only in the host's environment),
 * a test send goes to its QA users, then a 2,500-target list is sent in batches with progress and a
 * per-batch result; the sandbox received each target exactly once with its own values, and no file
 * the app wrote contains the token.
 */
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';

const TOKEN = 'stage-app-token-5b1d0c8e2f4a';
const N = 2500;
let host: TestHost;

test.beforeEach(async () => {
  host = await startHost({ env: { XP_APP_TOKEN_STAGE: TOKEN } });
  const target = Array.from({ length: N }, (_, n) => `user_${n + 1}`);
  const twp = Object.fromEntries(target.map((t, n) => [t, { promo_code: `CODE${n + 1}` }]));
  writeFileSync(join(host.workspace, 'requests/promo-journey.json'), JSON.stringify({ id: 'Campaign_ID', target_by: 'user_id', target, params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool' }, target_with_params: twp }));
});
test.afterEach(async () => {
  await host.stop();
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) e.isDirectory() ? out.push(...filesUnder(join(dir, e.name))) : out.push(join(dir, e.name));
  return out;
}

test('configure an environment, test-send to QA users, then send 2,500 targets in batches: each arrives exactly once with its own values and the token is written nowhere', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();

  // Configure "Staging": points at the sandbox, batches of 500, two QA users. The token comes from XP_APP_TOKEN_STAGE.
  await page.getByTestId('open-environments').click();
  const envs = page.getByTestId('environments-dialog');
  await envs.getByTestId('env-new').click();
  await envs.getByTestId('env-id').fill('stage');
  await envs.getByTestId('env-name').fill('Staging');
  await envs.getByTestId('env-region').selectOption('sandbox');
  await envs.getByTestId('env-batch-size').fill('500');
  await envs.getByTestId('env-qa-users').fill('qa_anna, qa_ben');
  await envs.getByTestId('env-save').click();
  await expect(envs.getByTestId('env-stage')).toContainText('token ✓');
  await envs.getByTestId('env-close').click();

  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await dialog.getByTestId('send-environment').selectOption('stage');
  await expect(dialog.getByTestId('confirm-environment')).toHaveText('Staging');
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('2500');
  await expect(dialog.getByTestId('confirm-batches')).toContainText('5 batches of up to 500');
  await dialog.locator('.body-viewer summary').click();
  await expect(dialog.getByTestId('preview-body')).toContainText('"apptoken": "***"');
  await expect(dialog.getByTestId('preview-body')).toContainText('"external_message_id"');

  // One-click test send to the QA users; the preview stays open for the real send.
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { latencyMs: 150 } });
  await dialog.getByTestId('test-send').click();
  await expect(dialog.getByTestId('test-send-result')).toContainText('1 of 1 batch accepted');
  let calls = (await host.ipc<{ body: { target: string[]; target_with_params?: Record<string, unknown> } }[]>('sandbox.calls')).value!;
  expect(calls).toHaveLength(1);
  expect(calls[0]!.body.target).toEqual(['qa_anna', 'qa_ben']);
  expect(calls[0]!.body.target_with_params).toEqual({ qa_anna: { promo_code: 'CODE1' }, qa_ben: { promo_code: 'CODE1' } });
  await host.ipc('sandbox.reset');

  // The real send (the sandbox answers slowly enough for the progress view to be seen).
  await expect(dialog.getByTestId('confirm-environment')).toHaveText('Staging');
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-progress')).toBeVisible();
  await expect(page.getByTestId('send-result')).toContainText('5 of 5 batches accepted');
  for (let i = 0; i < 5; i++) await expect(page.getByTestId(`batch-${i}`).getByTestId('batch-status')).toHaveText('Accepted');
  await expect(page.getByTestId('send-result')).toContainText('does not mean the messages were delivered');

  calls = (await host.ipc<typeof calls>('sandbox.calls')).value!;
  expect(calls).toHaveLength(5);
  const seen = new Map<string, unknown>();
  for (const c of calls) {
    const body = c.body as { target: string[]; params: { external_message_id: string }; target_with_params: Record<string, { promo_code: string }> };
    expect(body.target).toHaveLength(500);
    expect(Object.keys(body.target_with_params).sort()).toEqual([...body.target].sort());
    expect(body.params.external_message_id).toMatch(/-b[1-5]$/);
    for (const t of body.target) {
      expect(seen.has(t)).toBe(false);
      seen.set(t, body.target_with_params[t]!.promo_code);
    }
  }
  expect(seen.size).toBe(N);
  expect(seen.get('user_1234')).toBe('CODE1234');

  // Deliveries come back through the webhook receiver, matched by external_message_id.
  await page.getByTestId('send-result').getByTestId('deliveries').locator('summary').click();
  await expect(page.getByTestId('delivery-user_1')).toContainText('Z');

  // The history lists both sends.
  await page.getByTestId('open-history').click();
  await expect(page.getByTestId('send-history').locator('tbody tr')).toHaveCount(2);

  // The token reached no file the app wrote, and never the page.
  expect(await page.content()).not.toContain(TOKEN);
  const files = [...filesUnder(host.dataDir), ...filesUnder(host.workspace)];
  expect(files.some((f) => f.includes(`${join('data', 'sends')}`))).toBe(true);
  for (const f of files) expect(readFileSync(f).includes(TOKEN), f).toBe(false);
});

test('a production environment needs the campaign id typed, and a 500 from the platform shows an unknown batch that can be re-sent explicitly', async ({ page }) => {
  await host.ipc('environments.save', { environment: { id: 'stage', name: 'Prod-like', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: true, batchSize: 1000, concurrency: 1 } });
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { script: ['ok', '500', 'ok'] } });
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await dialog.getByTestId('send-environment').selectOption('stage');
  await expect(dialog.getByTestId('confirm-batches')).toContainText('3 batches');
  await expect(dialog.getByTestId('confirm-send')).toBeDisabled();
  await dialog.getByTestId('type-confirm').fill('Campaign_ID');
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('2 of 3 batches accepted');
  await expect(page.getByTestId('batch-1').getByTestId('batch-status')).toHaveText('Unknown — may have reached the platform');
  await expect(page.getByTestId('unknown-explainer')).toBeVisible();
  expect((await host.ipc<unknown[]>('sandbox.calls')).value).toHaveLength(2);

  await page.getByTestId('batch-1').getByRole('checkbox').check();
  await page.getByTestId('resend-selected').click();
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('1000');
  await dialog.getByTestId('type-confirm').fill('prod-like');
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('1 of 1 batch accepted');
  const calls = (await host.ipc<{ body: { target: string[] } }[]>('sandbox.calls')).value!;
  expect(calls.flatMap((c) => c.body.target)).toHaveLength(2500);
  expect(new Set(calls.flatMap((c) => c.body.target)).size).toBe(2500);
});
