/**
 * The send result never misleads, in Chromium against the browser host and the real sandbox: the
 * Send and Resume buttons are disabled while their call runs (one click, one call), re-sending an
 * unknown batch says who may receive the message twice and needs the typed campaign id, History's
 * "When" is when the send went out, a batch that never left is not headed "Sent", and the batch
 * table reads as words (status and the platform's message), filters, sorts and selects by status.
 */
import { test, expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';
import { answerOnPage } from './confirm-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost({ env: { XP_APP_TOKEN_STAGE: 'stage-token-results-1', XP_APP_TOKEN_DEAD: 'dead-token-results-2', PREFLIGHT_RETRY_BASE_MS: '1' } });
  // One user per batch, one batch at a time: the sandbox's scripted faults land on batches in order.
  const saved = await host.ipc('environments.save', { environment: { id: 'stage', name: 'Staging', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, batchSize: 1, concurrency: 1, ratePerSecond: 1000 } });
  expect(saved.ok).toBe(true);
});
test.afterEach(async () => {
  await host.stop();
});

async function openSendDialog(page: Page, environment = 'stage') {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await dialog.getByTestId('send-environment').selectOption(environment);
  await expect(dialog.getByTestId('confirm-batches')).toContainText('3 batches');
  return dialog;
}

/**
 * Holds every call of one IPC channel until `release()`, then lets each through to the real host
 * (nothing is answered in its place). Held rather than delayed: on a loaded machine a fixed delay
 * can end before the test has looked at the busy button.
 */
async function holdCalls(page: Page, channel: string) {
  const seen: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await page.route(`**/ipc/${channel}`, async (route) => {
    seen.push(route.request().postData() ?? '');
    await released;
    await route.continue();
  });
  return { seen, release };
}

function journal(sendId: string): { t: string; at: string }[] {
  const file = join(host.dataDir, 'sends', `${sendId}.jsonl`);
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { t: string; at: string });
}
const sendIds = () =>
  readdirSync(join(host.dataDir, 'sends'))
    .map((f) => f.replace(/\.jsonl$/, ''))
    .sort();

test('the Send button is disabled while its call runs: a double click sends once', async ({ page }) => {
  const dialog = await openSendDialog(page);
  const starts = await holdCalls(page, 'send.start');
  const send = dialog.getByTestId('confirm-send');
  await send.click();
  await expect(send).toBeDisabled();
  await expect(send).toHaveText('Sending…');
  // The second click lands on the disabled button while the first call is still held.
  await send.click({ force: true });
  starts.release();
  await expect(page.getByTestId('send-result')).toContainText('3 of 3 batches accepted');
  expect(starts.seen).toHaveLength(1);
  expect((await host.ipc<unknown[]>('sandbox.calls')).value).toHaveLength(3);
});

test('the Resume button is disabled while its call runs: a double click resumes once', async ({ page }) => {
  // A send cancelled before its last batches, so there is something to resume.
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { latencyMs: 1500 } });
  const dialog = await openSendDialog(page);
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-progress')).toBeVisible();
  await page.getByTestId('cancel-send').click();
  const result = page.getByTestId('send-result');
  await expect(result).toContainText('cancelled');
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { latencyMs: 0 } });
  const resumes = await holdCalls(page, 'send.resume');
  page.on('dialog', (d) => void d.accept());
  const resume = result.getByTestId('resume-send');
  await resume.click();
  await expect(resume).toBeDisabled();
  await expect(resume).toContainText('Resuming…');
  await resume.click({ force: true });
  resumes.release();
  await expect(result).toContainText('3 of 3 batches accepted');
  expect(resumes.seen).toHaveLength(1);
  const targets = (await host.ipc<{ body: { target: string[] } }[]>('sandbox.calls')).value!.flatMap((c) => c.body.target);
  expect(targets.sort()).toEqual(['user_1', 'user_2', 'user_3']);
});

test('re-sending an unknown batch says its users may receive the message twice and needs the typed campaign id, outside production too', async ({ page }) => {
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { script: ['ok', '500', 'ok'] } });
  const dialog = await openSendDialog(page);
  await dialog.getByTestId('confirm-send').click();
  const result = page.getByTestId('send-result');
  await expect(result).toContainText('2 of 3 batches accepted');
  // Before offering the re-send: what delivery follow-up knows about the unknown batch's users.
  await expect(result.getByTestId('unknown-follow-up-1')).toContainText('No delivery events or errors for its 1 user so far');
  await result.getByTestId('batch-1').getByRole('checkbox').check();
  await result.getByTestId('resend-selected').click();
  const warning = dialog.getByTestId('may-receive-twice');
  await expect(warning).toContainText('1 recipient may receive the message twice');
  await expect(warning).toContainText('Batch 2 of send');
  const send = dialog.getByTestId('confirm-send');
  await expect(send).toBeDisabled();
  await dialog.getByTestId('type-confirm').fill('Campaign_ID');
  await send.click();
  await expect(result).toContainText('1 of 1 batch accepted');
  const targets = (await host.ipc<{ body: { target: string[] } }[]>('sandbox.calls')).value!.flatMap((c) => c.body.target);
  expect(targets.sort()).toEqual(['user_1', 'user_2', 'user_3']);
});

test('History\'s "When" is when the send went out, not when its preview opened', async ({ page }) => {
  const dialog = await openSendDialog(page);
  // The person reads the preview for a while before sending.
  await page.waitForTimeout(2100);
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('3 of 3 batches accepted');
  const [sendId] = sendIds();
  const records = journal(sendId!);
  const confirmedAt = records.find((r) => r.t === 'confirm')!.at;
  const plannedAt = (records[0] as unknown as { createdAt: string }).createdAt;
  expect(Date.parse(confirmedAt) - Date.parse(plannedAt)).toBeGreaterThan(2000);
  const shown = await page.evaluate((at) => new Date(at).toLocaleString(), confirmedAt);
  await page.getByTestId('open-history').click();
  await expect(page.getByTestId(`history-${sendId}`).locator('td').first()).toHaveText(shown);
});

test('a batch that never left (connection refused on every attempt) is not headed "Sent"', async ({ page, context }) => {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  // Nothing listens on port 9 of this machine: every attempt is refused before anything is written.
  // A new destination is kept only once the person confirms it on the host's own page.
  const saving = host.ipc('environments.save', { environment: { id: 'dead', name: 'Dead host', region: 'custom', baseUrl: 'https://127.0.0.1:9', production: false, batchSize: 500 } });
  await answerOnPage(host, page, context, 'Create environment "Dead host" sending to https://127.0.0.1:9?', 'Create it');
  expect((await saving).ok).toBe(true);
  await page.reload();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await dialog.getByTestId('send-environment').selectOption('dead');
  await expect(dialog.getByTestId('confirm-batches')).toContainText('1 batch');
  await dialog.getByTestId('confirm-send').click();
  const result = page.getByTestId('send-result');
  const heading = result.getByRole('heading').first();
  await expect(heading).toContainText('0 of 1 batch accepted');
  await expect(heading).not.toContainText('Sent');
  await expect(heading).toContainText('Nothing reached Dead host');
  await expect(result.getByTestId('batch-0').getByTestId('batch-status')).toHaveText('Failed — never reached the platform');
  await expect(result.getByTestId('batch-0').getByTestId('batch-message')).toContainText('connection refused on all 6 attempts');
});

test('the batch table reads as words and filters, sorts and selects by status', async ({ page }) => {
  // Batch 1 accepted, batch 2 unknown (HTTP 500), batch 3 rate limited on all 6 attempts (failed).
  await host.ipc('sandbox.faults.set', { environmentId: 'stage', faults: { retryAfterSeconds: 0, script: ['ok', '500', '429', '429', '429', '429', '429', '429'] } });
  const dialog = await openSendDialog(page);
  await dialog.getByTestId('confirm-send').click();
  const result = page.getByTestId('send-result');
  await expect(result).toContainText('1 of 3 batches accepted');
  const row = (i: number) => result.getByTestId(`batch-${i}`);
  await expect(row(0).getByTestId('batch-status')).toHaveText('Accepted');
  await expect(row(0).getByTestId('batch-message')).toHaveText('Campaign execution accepted');
  await expect(row(1).getByTestId('batch-status')).toHaveText('Unknown — may have reached the platform');
  await expect(row(1).getByTestId('batch-message')).toContainText('Internal server error');
  await expect(row(2).getByTestId('batch-status')).toHaveText('Failed — turned away, not acted on');
  await expect(row(2).getByTestId('batch-message')).toContainText('rate limited (HTTP 429) on all 6 attempts');
  // No cut JSON: the raw reply is one click away, whole.
  await expect(result.locator('tbody')).not.toContainText('{"code"');

  const rows = result.locator('tbody tr');
  await result.getByTestId('batch-filter').selectOption('unknown');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-testid', 'batch-1');
  await result.getByTestId('batch-filter').selectOption('');
  await expect(rows).toHaveCount(3);
  // Sorted by status, what needs a decision comes first: unknown, then failed, then accepted.
  await result.getByTestId('batch-sort').selectOption('status');
  await expect(rows.nth(0)).toHaveAttribute('data-testid', 'batch-1');
  await expect(rows.nth(1)).toHaveAttribute('data-testid', 'batch-2');
  await expect(rows.nth(2)).toHaveAttribute('data-testid', 'batch-0');

  await result.getByTestId('select-failed').click();
  await expect(row(2).getByRole('checkbox')).toBeChecked();
  await expect(row(1).getByRole('checkbox')).not.toBeChecked();
  await result.getByTestId('select-unknown').click();
  await expect(row(1).getByRole('checkbox')).toBeChecked();
  await expect(result.getByTestId('resend-selected')).toHaveText('Re-send 2 selected batches…');
});
