/**
 * The Electron smoke suite: launches the real desktop app (the unpackaged build — the packaged one
 * has the node-CLI-inspect fuse off, which Playwright needs) with a fresh data folder per launch.
 * Runs wherever Electron's binary is installed; elsewhere every test reports itself skipped with
 * the reason.
 */
import { test, expect } from '@playwright/test';
import { mkdtempSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../host/csp';
import { insecureWebPreferences } from '../../electron/window-options';
import { APP_URL, binary, freshFolders, launch } from './launch';

test.skip(!binary.path, `skipped: ${binary.reason}`);

test('the window is hardened: checklist webPreferences, the CSP from inside, no navigation, no new windows, no permissions', async () => {
  const { app, page } = await launch(freshFolders());

  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0]!;
    return { ...(w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences() };
  });
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  expect(prefs.allowRunningInsecureContent).not.toBe(true);
  expect(insecureWebPreferences(prefs)).toEqual([]);

  // No Node in the page; the preload exposes only the typed API.
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(await page.evaluate(() => Object.keys(window.preflight ?? {}).sort())).toEqual(['invoke', 'on']);

  // The CSP: the header the app:// protocol serves, the page's meta tag, and eval actually blocked.
  expect(page.url()).toBe(APP_URL);
  const header = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
  expect(header).toBe(CONTENT_SECURITY_POLICY);
  expect(header).not.toContain('unsafe-eval');
  const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null);
  if (meta !== null) expect(meta).not.toContain('unsafe-eval');
  const evalResult = await page.evaluate(() => {
    try {
      return String((0, eval)('1 + 1'));
    } catch (e) {
      return (e as Error).name;
    }
  });
  expect(evalResult).toBe('EvalError');
  const remoteScript = await page.evaluate(
    () =>
      new Promise<string>((done) => {
        const s = document.createElement('script');
        s.src = 'https://example.com/x.js';
        s.onload = () => done('loaded');
        s.onerror = () => done('blocked');
        document.head.appendChild(s);
      }),
  );
  expect(remoteScript).toBe('blocked');

  // New windows are denied (http(s) would be offered to the system browser after confirmation).
  expect(await page.evaluate(() => window.open('app://preflight/index.html') === null)).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // The page cannot navigate away.
  await page.evaluate(() => {
    location.href = 'data:text/html,<h1>elsewhere</h1>';
  });
  await expect.poll(() => page.evaluate(() => location.href)).toBe(APP_URL);

  // Permissions are denied by default.
  expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
  expect(await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' as PermissionName })).state)).toBe('denied');

  await app.close();
});

test('the desktop app opens the sample workspace, renders the journey and sends to the sandbox', async () => {
  const folders = freshFolders();
  const { app, page } = await launch(folders);

  const info = await page.evaluate(() => window.preflight!.invoke('app.info', {}));
  expect(info).toEqual({ ok: true, value: expect.objectContaining({ host: 'electron', dataDir: folders.data }) });

  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await expect(page.getByTestId('cell-user_1-sms').getByTestId('field-text')).toHaveText('Hi Aoife, your Play-X-Get-Y offer for Man Utd vs Liverpool is now live.');
  await page.getByTestId('send-button').click();
  await page.getByTestId('confirm-send').click();
  await expect(page.getByTestId('send-result').getByTestId('batch-0')).toContainText('acknowledged');
  const calls = await page.evaluate(() => window.preflight!.invoke('sandbox.calls', {}));
  expect(calls.ok && calls.value.length).toBe(1);
  await app.close();
});

test('native integration: menu commands reach the renderer, dialogs answer, recent workspaces, window place remembered', async () => {
  const folders = freshFolders();
  let { app, page } = await launch(folders);

  // The application menu carries the app's commands with their accelerators.
  const accelerators = await app.evaluate(({ Menu }) => {
    const menu = Menu.getApplicationMenu()!;
    return ['open-workspace', 'import-data', 'export-report', 'send-history', 'reveal-data-folder'].map((id) => menu.getMenuItemById(id)?.accelerator ?? (menu.getMenuItemById(id) ? '' : null));
  });
  expect(accelerators.slice(0, 3)).toEqual(['CmdOrCtrl+O', 'CmdOrCtrl+I', 'CmdOrCtrl+Shift+E']);
  expect(accelerators[4]).toBe('');

  // A menu command arrives as the typed app.command event.
  const received = page.evaluate(() => new Promise((done) => window.preflight!.on('app.command', (c) => done(c))));
  await page.evaluate(() => window.preflight!.invoke('app.ready', {}));
  await app.evaluate(({ Menu }) => (Menu.getApplicationMenu()!.getMenuItemById('send-history') as unknown as { click(): void }).click());
  expect(await received).toEqual({ command: 'send-history' });

  // The folder dialog (stubbed: a test cannot click a native dialog), then opening it records a recent workspace.
  await app.evaluate(({ dialog }, dir) => {
    (dialog as unknown as { showOpenDialog: unknown }).showOpenDialog = async () => ({ canceled: false, filePaths: [dir] });
  }, folders.workspace);
  const chosen = await page.evaluate(() => window.preflight!.invoke('dialog.openWorkspace', {}));
  expect(chosen).toEqual({ ok: true, value: { status: 'chosen', path: folders.workspace } });
  await page.evaluate((dir) => window.preflight!.invoke('workspace.open', { dir }), folders.workspace);
  const recent = await page.evaluate(() => window.preflight!.invoke('app.recentWorkspaces', {}));
  expect(recent).toMatchObject({ ok: true, value: { status: 'done', items: [{ path: folders.workspace }] } });

  // Size and position survive a restart.
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 40, y: 60, width: 1024, height: 700 }));
  const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
  await app.close();
  ({ app } = await launch(folders));
  const after = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getNormalBounds());
  // Size exactly; the position may be nudged by a Linux window manager (the fitting itself is unit-tested).
  expect({ width: after.width, height: after.height }).toEqual({ width: before.width, height: before.height });
  await app.close();
});

test('the QA report exports as PDF: save dialog (PDF filter), printed in a hidden hardened window, written where chosen', async () => {
  const folders = freshFolders();
  const { app, page } = await launch(folders);
  const out = join(mkdtempSync(join(tmpdir(), 'preflight-pdf-out-')), 'promo-journey-qa-report.pdf');

  // The save dialog (stubbed: a test cannot click a native dialog) records what it was asked and answers with our path.
  await app.evaluate(({ dialog }, path) => {
    const g = globalThis as unknown as { pdfDialogOptions?: unknown };
    (dialog as unknown as { showSaveDialog: unknown }).showSaveDialog = async (...a: unknown[]) => {
      g.pdfDialogOptions = a[a.length - 1];
      return { canceled: false, filePath: path };
    };
  }, out);
  // Count the windows while the export runs: the hidden print window appears, then goes.
  await app.evaluate(({ app: electronApp, BrowserWindow: _BrowserWindow }) => {
    const g = globalThis as unknown as { pdfWindows?: { visible: boolean; prefs: Record<string, unknown> | null }[] };
    g.pdfWindows = [];
    electronApp.on('browser-window-created', (_e, w: InstanceType<typeof _BrowserWindow>) => {
      g.pdfWindows!.push({ visible: w.isVisible(), prefs: (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null }).getLastWebPreferences() });
    });
  });

  await page.getByTestId('campaign-campaigns/promo-journey.yaml').click();
  await page.getByTestId('cell-user_1-sms').click();
  await page.getByTestId('approve').click();
  const pdfOption = page.getByTestId('export-format').locator('option[value="pdf"]');
  await expect(pdfOption).toBeEnabled();
  await page.getByTestId('export-format').selectOption('pdf');
  await page.getByTestId('export-report').click();
  await expect(page.getByTestId('export-status')).toContainText(`PDF report saved to ${out}`, { timeout: 60_000 });

  const pdf = readFileSync(out);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1000);
  expect(await app.evaluate(() => (globalThis as unknown as { pdfDialogOptions?: unknown }).pdfDialogOptions)).toMatchObject({ defaultPath: 'promo-journey-qa-report.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });

  // One hidden print window, hardened like the main one (plus JavaScript off), destroyed afterwards.
  const created = await app.evaluate(() => (globalThis as unknown as { pdfWindows: { visible: boolean; prefs: Record<string, unknown> | null }[] }).pdfWindows);
  expect(created).toHaveLength(1);
  expect(created[0]!.visible).toBe(false);
  if (created[0]!.prefs) {
    expect(insecureWebPreferences(created[0]!.prefs)).toEqual([]);
    expect(created[0]!.prefs.javascript).not.toBe(true);
  }
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // The temporary copy of the report is gone.
  expect(readdirSync(tmpdir()).filter((n) => n.startsWith('preflight-pdf-') && existsSync(join(tmpdir(), n, 'qa-report.html')))).toEqual([]);

  // Cancelling the dialog writes nothing and says nothing.
  const before = readFileSync(out);
  await app.evaluate(({ dialog }) => {
    const g = globalThis as unknown as { pdfCancelled?: number };
    (dialog as unknown as { showSaveDialog: unknown }).showSaveDialog = async () => ((g.pdfCancelled = (g.pdfCancelled ?? 0) + 1), { canceled: true, filePath: '' });
  });
  await page.getByTestId('export-report').click();
  await expect.poll(() => app.evaluate(() => (globalThis as unknown as { pdfCancelled?: number }).pdfCancelled)).toBe(1);
  await expect(page.getByTestId('export-report')).toHaveText('Export report');
  expect(readFileSync(out).equals(before)).toBe(true);
  expect(await app.evaluate(() => (globalThis as unknown as { pdfWindows: unknown[] }).pdfWindows.length)).toBe(1);
  await expect(page.getByTestId('export-status')).toHaveCount(0);
  await app.close();
});
