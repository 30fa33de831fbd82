/**
 * Data in, end to end: the same three users and codes arrive as an Excel TSV paste, a CSV file, a
 * JSON file and the source document's curl command; each time the same targets and params reach
 * the render matrix and the sandbox. Bad input changes nothing; undo goes back.
 */
import { test, expect, type Page } from '@playwright/test';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost, type TestHost } from './host';
import { hasUser, isPackedColumns, ownValue } from '../../shared/campaign/per-user';
import type { SendData } from '../../shared/campaign/send-data';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/data-ui/${name}`, import.meta.url));

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function openPromo(page: Page) {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('campaign-title')).toHaveText('Promo journey');
  await expect(page.getByTestId('cell-user_3-sms')).toBeVisible();
}

/** Applies the open preview after checking it found the three targets. */
async function applyPreview(page: Page) {
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-summary')).toContainText('3 target(s)');
  await dialog.getByTestId('import-apply').click();
  await expect(dialog).toBeHidden();
}

/** The imported data is what the matrix renders and what the sandbox receives. */
async function expectImportedDataRenderedAndSent(page: Page) {
  await expect(page.getByTestId('data-summary')).toContainText('3 target(s) · 2 param(s) · per-user values for 3 user(s)');
  await expect(page.getByTestId('cell-user_1-webpush').getByTestId('field-body')).toHaveText('Place your bet on Man Utd vs Liverpool. Use code NEW-50 to claim your Play-X-Get-Y offer.');
  await expect(page.getByTestId('cell-user_4-webpush').getByTestId('field-body')).toHaveText('Place your bet on Man Utd vs Liverpool. Use code NEW-00123 to claim your Play-X-Get-Y offer.');
  await expect(page.getByTestId('cell-user_2-sms').getByTestId('field-text')).toHaveText('Hi Liam, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  await expect(page.getByTestId('cell-user_3-sms')).toHaveCount(0);

  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('3');
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('1 of 1 batch accepted');
  const calls = await host.ipc<{ body: Record<string, unknown> }[]>('sandbox.calls', {});
  expect(calls.ok).toBe(true);
  expect(calls.value).toHaveLength(1);
  expect(calls.value![0]!.body).toEqual({
    apptoken: '***',
    id: 'Campaign_ID',
    target_by: 'user_id',
    target: ['user_2', 'user_1', 'user_4'],
    params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool', external_message_id: expect.any(String) },
    target_with_params: { user_2: { promo_code: 'NEW-75' }, user_1: { promo_code: 'NEW-50' }, user_4: { promo_code: 'NEW-00123' } },
  });
}

/** Every file under the workspace, as text, to prove a token never landed there. */
function workspaceText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? workspaceText(p) : readFileSync(p, 'utf8');
  }
  return out;
}

test('a TSV block pasted from Excel onto the window becomes the targets that render and send', async ({ page }) => {
  await openPromo(page);
  const tsv = readFileSync(fixture('excel-paste.tsv'), 'utf8');
  // A paste outside any input or editor: the window-wide handler takes it.
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  await expect(page.getByTestId('import-preview')).toContainText('tab-separated table');
  await applyPreview(page);
  await expectImportedDataRenderedAndSent(page);
});

test('a CSV file imports through Import file…, and its mapping is remembered in the workspace', async ({ page }) => {
  await openPromo(page);
  await page.getByTestId('import-file').setInputFiles(fixture('targets.csv'));
  await expect(page.getByTestId('import-preview')).toContainText('comma-separated table');
  await applyPreview(page);

  // The mapping: take promo_code out, and the users lose their per-user values (and the workspace remembers it).
  await page.getByTestId('data-tab-targets').click();
  await expect(page.getByTestId('targets-count')).toHaveText('3 target(s)');
  await expect(page.getByTestId('target-row-2')).toContainText('NEW-00123');
  // The box follows the mapping, which is built again in the worker: click, then wait for the result.
  await page.getByTestId('mapping-param-promo_code').click();
  await expect(page.getByTestId('data-summary')).toContainText('per-user values for 0 user(s)');
  await expect(page.getByTestId('data-status')).toContainText('remembered');
  const saved = JSON.parse(readFileSync(join(host.workspace, '.preflight/mappings.json'), 'utf8'));
  expect(saved.files['targets.csv']).toEqual({ idColumn: 'user_id', paramColumns: [] });
  await page.getByTestId('mapping-param-promo_code').click();
  await expect(page.getByTestId('mapping-param-promo_code')).toBeChecked();
  await expect(page.getByTestId('data-summary')).toContainText('per-user values for 3 user(s)');
  await expectImportedDataRenderedAndSent(page);
});

test('the execute body copied from the data panel is the body the sandbox receives, token and batch id aside', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await openPromo(page);
  await page.getByTestId('import-file').setInputFiles(fixture('targets.csv'));
  await applyPreview(page);
  await page.getByTestId('data-tab-targets').click();
  await expect(page.getByTestId('targets-count')).toHaveText('3 target(s)');
  await page.getByTestId('copy-body').click();
  await expect(page.getByText('Execute body copied (without apptoken).')).toBeVisible();
  // The real clipboard, as a person pasting it into Postman would get it.
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  expect(copied).not.toHaveProperty('apptoken');

  await page.getByTestId('send-button').click();
  const dialog = page.getByTestId('send-dialog');
  await expect(dialog.getByTestId('confirm-recipients')).toHaveText('3');
  await dialog.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result')).toContainText('1 of 1 batch accepted');
  const calls = await host.ipc<{ body: Record<string, unknown> }[]>('sandbox.calls', {});
  expect(calls.value).toHaveLength(1);
  // A send adds exactly two things to the copied body: the token (from the secret store) and each batch's external_message_id.
  const { apptoken, ...received } = calls.value![0]!.body;
  expect(apptoken).toBe('***');
  const { external_message_id: xid, ...receivedParams } = received.params as Record<string, unknown>;
  expect(xid).toEqual(expect.stringMatching(/^\d{8}-\d{6}-[a-f0-9]{6}-b1$/));
  expect({ ...received, params: receivedParams }).toEqual(copied);
  // Key order too: the text a person copies lays the body out as the send posts it.
  expect(Object.keys(received)).toEqual(Object.keys(copied));
  expect(copied.target_with_params).toEqual({ user_2: { promo_code: 'NEW-75' }, user_1: { promo_code: 'NEW-50' }, user_4: { promo_code: 'NEW-00123' } });
});

test('a JSON file of rows imports to the same targets and params', async ({ page }) => {
  await openPromo(page);
  await page.getByTestId('import-file').setInputFiles(fixture('targets.json'));
  await expect(page.getByTestId('import-preview')).toContainText('JSON rows');
  await applyPreview(page);
  await expectImportedDataRenderedAndSent(page);
});

test("the source document's curl command pasted into Paste data… gives the same data, and its app token is not kept", async ({ page }) => {
  await openPromo(page);
  await page.getByTestId('paste-data').click();
  await page.getByTestId('paste-text').fill(readFileSync(fixture('promo.curl.txt'), 'utf8'));
  await page.getByTestId('paste-preview').click();
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('curl command');
  await expect(preview).toContainText('https://external-api.xtremepush.com/api/external/execute/campaign');
  await expect(page.getByTestId('secret-offer')).toContainText('This command contains an app token');
  await applyPreview(page);
  await expectImportedDataRenderedAndSent(page);
  expect(workspaceText(host.workspace)).not.toContain('real-token-123');
});

test('a file with a ragged row shows the error with its row and changes nothing; undo restores the data before an import', async ({ page }) => {
  await openPromo(page);
  const before = await page.getByTestId('data-summary').textContent();
  await page.getByTestId('import-file').setInputFiles(fixture('ragged.csv'));
  const diags = page.getByTestId('import-diagnostics');
  await expect(diags).toContainText('ragged.csv · row 3');
  await expect(diags).toContainText('"oops"');
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-dialog')).toBeHidden();
  await expect(page.getByTestId('data-summary')).toHaveText(before!);
  await expect(page.getByTestId('cell-user_3-sms')).toBeVisible();
  await expect(page.getByTestId('undo-import')).toBeDisabled();

  await page.getByTestId('import-file').setInputFiles(fixture('targets.csv'));
  await applyPreview(page);
  await expect(page.getByTestId('cell-user_4-sms')).toBeVisible();
  await expect(page.getByTestId('cell-user_3-sms')).toHaveCount(0);
  await page.getByTestId('undo-import').click();
  await expect(page.getByTestId('data-summary')).toHaveText(before!);
  await expect(page.getByTestId('cell-user_1-webpush').getByTestId('field-body')).toContainText('Use code PLAY50X');
  await expect(page.getByTestId('cell-user_4-sms')).toHaveCount(0);
  await expect(page.getByTestId('undo-import')).toBeDisabled();
});

test('global params: the table and JSON views edit the same object; invalid JSON names its line and column and changes nothing', async ({ page }) => {
  await openPromo(page);
  await page.getByTestId('data-tab-params').click();
  await page.getByTestId('param-value-match_name').fill('Arsenal vs Chelsea');
  await expect(page.getByTestId('cell-user_1-webpush').getByTestId('field-title')).toHaveText('Arsenal vs Chelsea');
  await page.getByTestId('params-view-json').click();
  const json = page.getByTestId('params-json');
  await expect(json).toHaveValue(/"match_name": "Arsenal vs Chelsea"/);
  await json.fill('{\n  "promo_name": "P",\n  "match_name": oops\n}');
  await expect(page.getByTestId('params-json-error')).toContainText('Line 3, column');
  await expect(page.getByTestId('cell-user_1-webpush').getByTestId('field-title')).toHaveText('Arsenal vs Chelsea');
  await json.fill('{"promo_name": "P", "match_name": "Spurs vs Leeds", "products": [{"name": "Boots"}]}');
  await expect(page.getByTestId('cell-user_1-webpush').getByTestId('field-title')).toHaveText('Spurs vs Leeds');
  await page.getByTestId('params-view-table').click();
  await expect(page.getByTestId('param-value-products')).toHaveValue('[{"name":"Boots"}]');
});

test('a 100,000-row CSV imports in the worker with progress while the window stays responsive', async ({ page }) => {
  test.setTimeout(180_000);
  await openPromo(page);
  const lines = ['user_id,first_name,last_name,email,promo_code,tier,balance,city,team,note'];
  for (let i = 0; i < 100_000; i++) lines.push(`u${String(i).padStart(7, '0')},Name${i},Surname${i},user${i}@example.org,CODE${i},${i % 3 ? 'gold' : 'silver'},${(i * 1.5).toFixed(2)},Dublin,${i % 2 ? 'Man Utd' : 'Liverpool'},${i % 10 ? 'plain' : '"quoted, with comma"'}`);
  const buffer = Buffer.from(lines.join('\n') + '\n');
  await page.getByTestId('import-file').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer });
  // Count animation frames from when the file is handed over (Playwright's own 10 MB transfer
  // blocks the page) until the preview shows: the UI thread keeps painting while the worker parses.
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __maxGap: number; __bar: number[] };
    w.__frames = 0;
    w.__maxGap = 0;
    w.__bar = [];
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames++;
      w.__maxGap = Math.max(w.__maxGap, t - last);
      last = t;
      // The progress bar's value as painted in this frame (kept when it changed).
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="import-progress-bar"]');
      if (bar && bar.value !== w.__bar[w.__bar.length - 1]) w.__bar.push(bar.value);
      if (!document.querySelector('[data-testid="import-preview"]')) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  // A button of the panel still responds while the import runs (or just after it finished).
  await page.getByTestId('paste-data').isEnabled();
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByTestId('import-summary')).toContainText('100,000 target(s)', { timeout: 120_000 });
  expect(Number(await preview.getAttribute('data-progress-events'))).toBeGreaterThan(2);
  const elapsed = await preview.getByTestId('import-elapsed').textContent();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __maxGap: number; __bar: number[] };
    return { __frames: w.__frames, __maxGap: w.__maxGap, __bar: w.__bar };
  });
  console.log(`100k import: ${elapsed?.trim()}; frames during import ${frames.__frames}, longest frame gap ${Math.round(frames.__maxGap)} ms; bar values ${frames.__bar.map((v) => v.toFixed(2)).join(' ')}`);
  expect(frames.__frames).toBeGreaterThan(1);
  // The bar moved forward while the file parsed, not only from stage to stage.
  expect(frames.__bar.filter((v) => v > 0.06 && v < 0.85).length).toBeGreaterThanOrEqual(2);
  expect(frames.__bar).toEqual([...frames.__bar].sort((a, b) => a - b));
  await page.getByTestId('import-apply').click();
  await expect(page.getByTestId('data-summary')).toContainText('100,000 target(s)');
  await page.getByTestId('data-tab-targets').click();
  await expect(page.getByTestId('targets-count')).toHaveText('100,000 target(s)');
  await expect(page.getByTestId('target-row-0')).toContainText('u0000000');
  await expect(page.getByTestId('target-row-0')).toContainText('CODE0');
  // No mapping was changed, so none is remembered; the imported data itself is kept for the next start.
  expect(existsSync(join(host.workspace, '.preflight/mappings.json'))).toBe(false);
  await expect.poll(() => existsSync(join(host.workspace, '.preflight/data/promo-journey.yaml.json'))).toBe(true);
  // The parts went to the host from the IPC worker (off the UI thread), whose policy lets it reach the host only.
  const ipcWorker = page.workers().find((w) => /\/ipc-worker-[\w-]+\.js$/.test(w.url()));
  expect(ipcWorker, 'the IPC worker made the data.part requests').toBeTruthy();
  expect(await page.evaluate(async (u) => (await fetch(u)).headers.get('content-security-policy'), ipcWorker!.url())).toContain("connect-src 'self'");
  // The host holds the set it got in parts (data.part) and keeps exactly that set.
  const kept = JSON.parse(readFileSync(join(host.workspace, '.preflight/data/promo-journey.yaml.json'), 'utf8')) as { data: SendData };
  expect(kept.data.target).toHaveLength(100_000);
  expect(kept.data.target[99_999]).toBe('u0099999');
  // A table that crossed in parts is held packed (a few objects, not one per cell), and reads as imported.
  const twp = kept.data.target_with_params;
  expect(isPackedColumns(twp)).toBe(true);
  expect(hasUser(twp, 'u0099999')).toBe(true);
  expect(ownValue(twp, 'u0054321', 'promo_code')).toBe('CODE54321');
});
