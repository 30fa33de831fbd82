import { test, expect } from '@playwright/test';
import { startHost, type TestHost } from './host';
import { openCampaign, writeWorkspace } from './workspace-helpers';

let host: TestHost;
test.afterEach(async () => {
  await host.stop();
});

const SMS_CAMPAIGN = `name: Sender check
id: "SENDER_CHECK"
type: single-stage
nodes:
  - key: sms
    channel: sms
    content:
      from: "{{ sender }}"
      text: "Hi {{ first_name }}, your code is {{ code }}."
`;

test('filtering to users with errors shows only them, and "next problem" walks through them', async ({ page }) => {
  host = await startHost();
  // user_b's sender is too short (an error); user_d has no code (a warning); the rest are clean.
  writeWorkspace(host.workspace, {
    'campaigns/sender-check.yaml': SMS_CAMPAIGN,
    'requests/sender-check.json': JSON.stringify({
      target_by: 'user_id',
      target: ['user_a', 'user_b', 'user_c', 'user_d', 'user_e'],
      params: { sender: 'Brand' },
      target_with_params: { user_a: { code: 'A1' }, user_b: { code: 'B2', sender: 'B' }, user_c: { code: 'C3' }, user_e: { code: 'E5' } },
    }),
    'profiles/more.csv': 'user_id,first_name\nuser_a,Ann\nuser_b,Bob\nuser_c,Cat\nuser_d,Dee\nuser_e,Eve\n',
  });
  await openCampaign(page, host.url, 'campaigns/sender-check.yaml');
  await expect(page.getByTestId('row-count')).toHaveText('5 of 5 users');
  await expect(page.getByTestId('scan-status')).toContainText('1 with errors');

  await page.getByTestId('row-filter').selectOption('errors');
  await expect(page.getByTestId('row-count')).toHaveText('1 of 5 users');
  await expect(page.getByTestId('row-user_b')).toBeVisible();
  await expect(page.getByTestId('row-user_a')).toHaveCount(0);
  await expect(page.getByTestId('cell-user_b-sms')).toContainText('sms-from-length');

  await page.getByTestId('row-filter').selectOption('problems');
  await expect(page.getByTestId('row-count')).toHaveText('2 of 5 users');
  await page.getByTestId('next-problem').click();
  await expect(page.getByTestId('preview-target')).toHaveText('user_b');
  await page.getByTestId('next-problem').click();
  await expect(page.getByTestId('preview-target')).toHaveText('user_d');

  // Search by attribute value, across all users.
  await page.getByTestId('row-filter').selectOption('all');
  await page.getByTestId('row-search').fill('Cat');
  await expect(page.getByTestId('row-count')).toHaveText('1 of 5 users');
  await expect(page.getByTestId('row-user_c')).toBeVisible();

  // The error-level findings block the send preview (it lists them and asks for a reason).
  await expect(page.getByTestId('send-blocked')).toBeVisible();
  await page.getByTestId('send-button').click();
  await expect(page.getByTestId('blocking')).toContainText('user_b · sms');
});

test('the matrix is keyboard navigable: arrows move the active cell, A approves it', async ({ page }) => {
  host = await startHost();
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await page.getByTestId('render-matrix').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('preview-target')).toHaveText('user_1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('cell-user_2-webpush')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('a');
  await expect(page.getByTestId('cell-user_2-webpush')).toHaveAttribute('data-review', 'approved');
});

test('100,000 users: rows render on demand while the full scan runs in the worker with progress', async ({ page }) => {
  host = await startHost();
  const target = Array.from({ length: 100_000 }, (_, i) => `u${String(i).padStart(6, '0')}`);
  const target_with_params: Record<string, Record<string, string>> = {};
  target.forEach((t, i) => (target_with_params[t] = { code: `C${i}`, ...(i % 1000 === 7 ? { sender: 'X' } : {}) }));
  writeWorkspace(host.workspace, {
    'campaigns/big.yaml': SMS_CAMPAIGN.replace('Sender check', 'Big send'),
    'requests/big.json': JSON.stringify({ target_by: 'user_id', target, params: { sender: 'Brand', first_name: 'there' }, target_with_params }),
  });
  await openCampaign(page, host.url, 'campaigns/big.yaml');
  await expect(page.getByTestId('row-count')).toHaveText('100,000 of 100,000 users');
  await expect(page.getByTestId('scan-status')).toContainText('100 with errors');
  const scanMs = await page.getByTestId('scan-status').locator('span[title]').getAttribute('title');
  test.info().annotations.push({ type: 'scan', description: scanMs ?? '' });
  // Jump to the end with the keyboard: the last rows render on demand.
  await page.getByTestId('render-matrix').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+End');
  await expect(page.getByTestId('cell-u099999-sms').getByTestId('field-text')).toHaveText('Hi there, your code is C99999.');
  await page.getByTestId('row-filter').selectOption('errors');
  await expect(page.getByTestId('row-count')).toHaveText('100 of 100,000 users');
  await expect(page.getByTestId('cell-u000007-sms')).toContainText('sms-from-length');
});

test('600,000 users (taller than the browser can lay out): the keyboard and the scrollbar reach every row', async ({ page }) => {
  test.setTimeout(180_000);
  host = await startHost();
  const count = 600_000; // 600,000 × 66 px = 39.6 M px, over Chromium's ~33.5 M px layout cap
  const target = Array.from({ length: count }, (_, i) => `u${String(i).padStart(6, '0')}`);
  writeWorkspace(host.workspace, {
    'campaigns/huge.yaml': SMS_CAMPAIGN.replace('Sender check', 'Huge send'),
    'requests/huge.json': JSON.stringify({ target_by: 'user_id', target, params: { sender: 'Brand', first_name: 'there', code: 'C1' } }),
  });
  await openCampaign(page, host.url, 'campaigns/huge.yaml');
  await expect(page.getByTestId('row-count')).toHaveText('600,000 of 600,000 users');
  const matrix = page.getByTestId('render-matrix');
  await matrix.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+End');
  await expect(page.getByTestId('preview-target')).toHaveText('u599999');
  await expect(page.getByTestId('row-u599999')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('cell-u599999-sms').getByTestId('field-text')).toHaveText('Hi there, your code is C1.');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('row-u599998')).toBeInViewport({ ratio: 1 });

  // The scrollbar: its middle shows the middle users, its end the last user.
  const rowAtTop = async () =>
    matrix.evaluate((el) => {
      const top = el.getBoundingClientRect().top + 26;
      const rows = [...el.querySelectorAll('[role="row"][data-testid^="row-"]')].filter((r) => r.getBoundingClientRect().bottom > top + 1);
      rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return Number(rows[0]!.getAttribute('data-testid')!.slice(5));
    });
  await matrix.evaluate((el) => (el.scrollTop = (el.scrollHeight - el.clientHeight) / 2));
  await expect.poll(rowAtTop).toBeGreaterThan(299_000);
  expect(await rowAtTop()).toBeLessThan(301_000);
  await matrix.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByTestId('row-u599999')).toBeInViewport({ ratio: 1 });
  await page.keyboard.press('Control+Home');
  await expect(page.getByTestId('row-u000000')).toBeInViewport({ ratio: 1 });
});
