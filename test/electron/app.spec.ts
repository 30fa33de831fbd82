import { test, expect, _electron as electron } from '@playwright/test';
import { mkdtempSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain ESM helper without types
import { electronBinary } from '../../scripts/electron-binary.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const binary = electronBinary() as { path?: string; reason?: string };

test.skip(!binary.path, `skipped: ${binary.reason}`);

test('the desktop app opens the sample workspace, renders the journey and sends to the sandbox', async () => {
  const base = mkdtempSync(join(tmpdir(), 'preflight-electron-'));
  cpSync(join(root, 'examples'), join(base, 'workspace'), { recursive: true });
  const app = await electron.launch({
    executablePath: binary.path,
    args: [root],
    env: { ...process.env, PREFLIGHT_USER_DATA: join(base, 'data'), PREFLIGHT_WORKSPACE: join(base, 'workspace') },
  });
  const page = await app.firstWindow();
  await expect(page.locator('#root[data-app-state="loaded"]')).toBeVisible();
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0]!;
    const p = (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
    return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity, webviewTag: p.webviewTag };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');

  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText('Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  await page.getByTestId('send-button').click();
  await page.getByTestId('confirm-send').click();
  await expect(page.getByTestId('batch-0')).toContainText('acknowledged');
  const calls = await page.evaluate(() => window.preflight!.invoke('sandbox.calls', {}));
  expect(calls.ok && calls.value.length).toBe(1);
  await app.close();
});
