/**
 * The sandbox fault form keeps every field: the host applies a patch without resetting the fields it
 * does not name, the form applies explicitly and shows the sandbox's real state, and while faults
 * are on the main window says so.
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

test('a patch of one fault field through the real transport keeps the others', async () => {
  expect((await host.ipc('sandbox.faults.set', { environmentId: 'sandbox', faults: { latencyMs: 200 } })).ok).toBe(true);
  expect((await host.ipc('sandbox.faults.set', { environmentId: 'sandbox', faults: { share500: 0.3 } })).ok).toBe(true);
  const now = await host.ipc<{ latencyMs: number; share500: number }>('sandbox.faults.get', { environmentId: 'sandbox' });
  expect(now.value).toMatchObject({ latencyMs: 200, share500: 0.3 });
});

test('the fault form applies latency and a share of 500s together, shows what is in effect, and the main window says faults are on until turned off', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  await expect(page.getByTestId('faults-banner')).toHaveCount(0);
  await page.getByTestId('open-environments').click();
  await page.getByTestId('env-sandbox').click();
  const form = page.getByTestId('faults-form');
  await form.getByTestId('fault-latencyMs').fill('200');
  await form.getByTestId('fault-share500').fill('0.3');
  await expect(form.getByTestId('faults-apply')).toBeEnabled();
  await expect(form.getByTestId('faults-state')).toContainText('not applied');
  // Nothing changes in the sandbox until Apply.
  expect((await host.ipc<{ latencyMs: number }>('sandbox.faults.get', { environmentId: 'sandbox' })).value).toMatchObject({ latencyMs: 0, share500: 0 });
  await form.getByTestId('faults-apply').click();
  await expect(form.getByTestId('faults-state')).toContainText('In effect: latency 200 ms, 30% 500');
  expect((await host.ipc('sandbox.faults.get', { environmentId: 'sandbox' })).value).toMatchObject({ latencyMs: 200, share500: 0.3, maxTargets: 10_000 });
  await page.getByTestId('env-close').click();

  const banner = page.getByTestId('faults-banner');
  await expect(banner).toContainText('latency 200 ms');
  await expect(banner).toContainText('30% 500');

  // After a reload the form shows the sandbox's real state, not its defaults.
  await page.reload();
  await expect(page.getByTestId('faults-banner')).toContainText('30% 500');
  await page.getByTestId('open-environments').click();
  await page.getByTestId('env-sandbox').click();
  await expect(page.getByTestId('fault-latencyMs')).toHaveValue('200');
  await expect(page.getByTestId('fault-share500')).toHaveValue('0.3');
  await page.getByTestId('env-close').click();

  await page.getByTestId('faults-off').click();
  await expect(page.getByTestId('faults-banner')).toHaveCount(0);
  expect((await host.ipc('sandbox.faults.get', { environmentId: 'sandbox' })).value).toMatchObject({ latencyMs: 0, share500: 0 });
});
