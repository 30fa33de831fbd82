import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startHost, type TestHost } from './host';
import { openCampaign, writeWorkspace } from './workspace-helpers';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

const docs = (name: string) => {
  mkdirSync(fileURLToPath(new URL('../../docs', import.meta.url)), { recursive: true });
  return fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));
};

async function preview(page: Page, target: string, node: string) {
  await page.getByTestId(`cell-${target}-${node}`).click();
  await expect(page.getByTestId('preview-target')).toHaveText(target);
}

/**
 * A local server that counts the connections and requests it gets: what a remote host would see of
 * a preview. Connections count on their own: Chromium may open one (a preconnect) before any request.
 */
async function countingServer(): Promise<{ url: string; connections: () => number; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<p id="remote">remote frame</p>');
  });
  server.on('connection', () => connections++);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    requests,
    close: () => new Promise((ok) => (server.closeAllConnections(), server.close(() => ok()))),
  };
}

test('the email preview never runs a <script> from the template, opens no nested frame, and its frame has no permissions', async ({ page }) => {
  const remote = await countingServer();
  writeWorkspace(host.workspace, {
    'campaigns/scripted.yaml': `name: Scripted email
id: "SCRIPTED"
type: single-stage
nodes:
  - key: email
    channel: email
    content:
      subject: "Hello {{ first_name }}"
      html: |
        <p id="hello">Hello {{ first_name }}</p>
        <script>document.body.setAttribute('data-ran', 'yes'); parent.postMessage('script ran', '*'); top.location = 'https://example.com/';</script>
        <img src="x" onerror="document.body.setAttribute('data-onerror', 'yes')" alt="x">
        <iframe id="nested" src="${remote.url}/nested-frame"></iframe>
        <iframe id="nested-srcdoc" srcdoc="<iframe src='${remote.url}/nested-in-srcdoc'></iframe>"></iframe>
      text: "Hello {{ first_name }}"
`,
    'requests/scripted.json': JSON.stringify({ target_by: 'user_id', target: ['user_1'], params: {} }),
  });
  await openCampaign(page, host.url, 'campaigns/scripted.yaml');
  await page.evaluate(() => {
    (window as unknown as { received: unknown[] }).received = [];
    window.addEventListener('message', (e) => (window as unknown as { received: unknown[] }).received.push(e.data));
  });
  await preview(page, 'user_1', 'email');
  const frame = page.getByTestId('email-frame');
  await expect(frame).toHaveAttribute('sandbox', '');
  const body = page.frameLocator('[data-testid="email-frame"]').locator('body');
  await expect(body.locator('#hello')).toHaveText('Hello Aoife');
  // The template's script and inline handler did not execute: no attribute, no message, no navigation.
  await expect(body).not.toHaveAttribute('data-ran', 'yes');
  await expect(body).not.toHaveAttribute('data-onerror', 'yes');
  // (Monaco posts its own scheduling messages to the window; only the template's would say 'script ran'.)
  expect(await page.evaluate(() => (window as unknown as { received: unknown[] }).received.filter((m) => m === 'script ran'))).toEqual([]);
  expect(new URL(page.url()).host).toBe(new URL(host.origin).host);
  // The nested frames are in the document but opened no connection: the preview's policy forbids frames.
  await expect(body.locator('#nested')).toHaveCount(1);
  // The frames would have loaded by the time the preview and its image were handled; give a late one a moment.
  await page.waitForTimeout(500);
  expect(remote.requests).toEqual([]);
  expect(remote.connections()).toBe(0);
  await remote.close();
});

test('previews of every channel: SMS phone, email inbox and frame, web push and mobile push per platform (screenshots in docs/)', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/promo-journey.yaml');
  await preview(page, 'user_3', 'sms');
  await page.getByTestId('provenance-toggle').check();
  await expect(page.getByTestId('sms-text').locator('[data-source="params"]').first()).toHaveText('Play-X-Get-Y');
  await expect(page.getByTestId('sms-text').locator('[data-source="empty"]')).toContainText('first_name');
  await expect(page.getByTestId('sms-metrics-preview')).toContainText('GSM-7');
  await expect(page.getByTestId('sms-from-rule')).toContainText('passes');
  await page.screenshot({ path: docs('preview-sms.png') });

  await preview(page, 'user_3', 'webpush');
  await expect(page.getByTestId('notif-chrome-windows')).toContainText('Man Utd vs Liverpool');
  await expect(page.getByTestId('notif-chrome-macos').getByTestId('notif-truncated')).toBeVisible();
  await page.screenshot({ path: docs('preview-webpush.png') });

  await page.getByTestId('campaign-campaigns/order-confirmation.yaml').click();
  await expect(page.getByTestId('scan-status')).toHaveAttribute('data-scan', 'done');
  await preview(page, 'user_1', 'email');
  // Widen the preview pane with the keyboard (the divider is a focusable separator) so the 600 px frame fits.
  await page.getByRole('separator', { name: 'Resize preview' }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByRole('separator', { name: 'Resize preview' })).toHaveAttribute('aria-valuenow', '640');
  await expect(page.getByTestId('email-subject')).toContainText('Your order BS-10421 is confirmed');
  await expect(page.getByTestId('images-blocked')).toBeVisible();
  const frame = page.frameLocator('[data-testid="email-frame"]');
  await expect(frame.locator('body')).toContainText('Merino socks (3 pack)');
  await expect(frame.locator('img[data-blocked-src="https://cdn.brandstore.ie/logo.png"]')).toHaveCount(1);
  // With "highlight by source" on, the values in the HTML are marked by where they came from.
  await expect(frame.locator('mark.pf-src-target_with_params').first()).toHaveText('BS-10421');
  await page.screenshot({ path: docs('preview-email.png') });
  await page.getByTestId('email-text-tab').click();
  await expect(page.getByTestId('email-plain')).toContainText('2 × Merino socks (3 pack): €18.50');

  await preview(page, 'user_3', 'push');
  await expect(page.getByTestId('notif-ios')).toContainText('Order BS-10423 confirmed');
  await expect(page.getByTestId('notif-android')).toContainText('3 items on the way');
  await page.screenshot({ path: docs('preview-push.png') });
});

test('a 160-character SMS with € [ ] shows 160 characters and 163 septets, so two parts, in the preview and the matrix cell', async ({ page }) => {
  const text = `Win €10 [today]${' Bet now.'.repeat(16)}`.padEnd(160, '!');
  expect(text.length).toBe(160);
  writeWorkspace(host.workspace, {
    'campaigns/euro-sms.yaml': `name: Euro SMS
id: "EURO"
type: single-stage
nodes:
  - key: sms
    channel: sms
    content:
      from: "Promo"
      text: "${text}"
`,
    'requests/euro-sms.json': JSON.stringify({ target_by: 'user_id', target: ['user_1'], params: {} }),
  });
  await openCampaign(page, host.url, 'campaigns/euro-sms.yaml');
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('sms-metrics')).toHaveText('160 ch (163 septets) · GSM-7 · 2 seg');
  await preview(page, 'user_1', 'sms');
  const metrics = page.getByTestId('sms-metrics-preview');
  await expect(metrics).toContainText('Characters160');
  await expect(metrics).toContainText('Septets163');
  await expect(page.getByTestId('sms-units')).toHaveText('163');
  await expect(metrics).toContainText('Segments2');
});
