import { test, expect } from '@playwright/test';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type TestHost } from './host';
import { openCampaign, writeWorkspace } from './workspace-helpers';

// A real local site the campaign's links point at (the example's own links are on the internet).
let site: Server;
let base = '';
const requests: { method: string; path: string; headers: IncomingHttpHeaders }[] = [];
let host: TestHost;

test.beforeEach(async () => {
  requests.length = 0;
  site = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    const path = (req.url ?? '').replace(/\?.*$/, '');
    if (path.startsWith('/orders/')) return void res.writeHead(200).end();
    if (path === '/gold') return void res.writeHead(301, { location: '/rewards' }).end();
    if (path === '/rewards') return void res.writeHead(200).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  host = await startHost();
  const example = readFileSync(join(host.workspace, 'campaigns/order-confirmation.yaml'), 'utf8');
  writeWorkspace(host.workspace, {
    'campaigns/order-confirmation.yaml': example.replaceAll('https://shop.brandstore.ie/orders/', `${base}/orders/`).replaceAll('http://rewards.brandstore.ie/gold', `${base}/gold`).replaceAll('https://cdn.brandstore.ie/logo.png', `${base}/missing-logo.png`),
  });
});
test.afterEach(async () => {
  await host.stop();
  site.closeAllConnections();
  await new Promise((r) => site.close(r));
});

const fromChecker = () => requests.filter((r) => r.headers['user-agent'] === 'Preflight link check');

test('the link check requests nothing until clicked, then shows each distinct URL as working, redirected or broken, and the report counts the broken ones', async ({ page }) => {
  await openCampaign(page, host.url, 'campaigns/order-confirmation.yaml');
  await page.getByTestId('cell-user_3-email').click();
  const links = page.getByTestId('qa-links');
  await links.locator('summary').click();
  const run = links.getByTestId('qa-link-check-run');
  // 3 personalised order links, the gold link and the logo; mailto: and tel: are not checked.
  await expect(run).toHaveText('Check 5 links over the network');
  await expect(links.getByTestId('qa-link-check')).toContainText('without cookies or tokens');
  expect(fromChecker()).toEqual([]);

  await run.click();
  await expect(links.getByTestId('qa-link-check-summary')).toHaveText('Link check: 1 broken of 5');
  const order = links.getByTestId('qa-link').filter({ hasText: `${base}/orders/{{ order_id }}` });
  await expect(order.getByTestId('qa-link-result')).toHaveText(['✓ 200', '✓ 200', '✓ 200']);
  await expect(
    links
      .getByTestId('qa-link')
      .filter({ hasText: `${base}/gold` })
      .getByTestId('qa-link-result'),
  ).toHaveText(`↪ 1 redirect → ${base}/rewards (200)`);
  await expect(links.getByTestId('qa-link').filter({ hasText: 'missing-logo.png' }).getByTestId('qa-link-result')).toHaveText('✗ 404');
  // No cookie or token went with any request.
  expect(fromChecker().filter((r) => r.headers.cookie !== undefined || r.headers.authorization !== undefined)).toEqual([]);

  // Asking again is answered from the main side's cache.
  const made = fromChecker().length;
  await run.click();
  await expect(links.getByTestId('qa-link-check-summary')).toHaveText('Link check: 1 broken of 5');
  expect(fromChecker().length).toBe(made);

  await page.getByTestId('approve').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-report').click();
  await download;
  await expect(page.getByTestId('export-status')).toContainText('reports/order-confirmation-qa-report.html');
  const report = readFileSync(join(host.workspace, 'reports/order-confirmation-qa-report.html'), 'utf8');
  expect(report).toContain('link check: 1 broken of 5');
  expect(report).toContain(`<code>${base}/missing-logo.png</code> ✗ 404`);
});
