/**
 * The renderer cannot name an arbitrary folder as the workspace: over the real browser-host
 * transport, `/etc` is refused and the open workspace stays; the folder the host was started with
 * is in the main side's recent list and reopens.
 */
import { test, expect } from '@playwright/test';
import { startHost, type TestHost } from './host';

let host: TestHost;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host.stop();
});

test('workspace.open refuses /etc over the browser host, and the app keeps its workspace', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('campaign-campaigns/promo-journey.yaml')).toBeVisible();

  const refused = await host.ipc('workspace.open', { dir: '/etc' });
  expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('/etc was not opened from this app') } });
  expect(await host.ipc('workspace.current', {})).toMatchObject({ ok: true, value: { dir: host.workspace } });

  // The folder given on the command line is the main side's own record, and reopens by name.
  expect(await host.ipc('app.recentWorkspaces', {})).toMatchObject({ ok: true, value: { status: 'done', items: [{ path: host.workspace }] } });
  expect(await host.ipc('workspace.open', { dir: host.workspace })).toMatchObject({ ok: true, value: { dir: host.workspace } });
  await page.reload();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('campaign-campaigns/promo-journey.yaml')).toBeVisible();
});
