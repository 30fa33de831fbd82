/**
 * What only the desktop app has, launched for real (test/electron/launch.ts): the preload's
 * contract and nothing more, the app:// protocol with its policy, secrets through the OS's
 * safeStorage (and the refusal when it offers none), the native confirmation of secret-changing
 * channels, drag-and-drop open, one instance at a time, and the update check in the main process.
 *
 * Native message boxes are answered from the test through Playwright's hold on the main process
 * (`answerMessageBoxes`); the page has no way to answer them.
 */
import { test, expect, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { channels } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../host/csp';
import { anotherWorkspace, answerMessageBoxes, askedBoxes, binary, freshFolders, launch, listenForCommand, root } from './launch';

test.skip(!binary.path, `skipped: ${binary.reason}`);

const linux = process.platform === 'linux';
/** Chromium picks a keyring only for desktops it knows; CI's bare X server is not one, so name it. */
const KEYRING = linux ? ['--password-store=gnome-libsecret'] : [];
const STAGE = { id: 'stage', name: 'Staging', region: 'custom', baseUrl: 'https://127.0.0.1:9', production: false, batchSize: 500 };
const TOKEN = 'stage-app-token-8c1f0e';
const CREATE = 'Create environment "Staging" sending to https://127.0.0.1:9?';
const STORE = 'Store a new app token for "Staging"?';

const secretFiles = (data: string) => (existsSync(join(data, 'secrets')) ? readdirSync(join(data, 'secrets')).filter((n) => n.startsWith('stage.')) : []);

test('the preload exposes only the contract: invoke and on, unknown channels and events refused, arguments checked again on the main side', async () => {
  const { app, page } = await launch(freshFolders());
  expect(await page.evaluate(() => Object.keys(window.preflight!).sort())).toEqual(['invoke', 'on']);
  expect(await page.evaluate(() => typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer)).toBe('undefined');

  const unknown = await page.evaluate(() => (window.preflight!.invoke as (c: string, a: unknown) => Promise<unknown>)('shell.openExternal', { url: 'https://example.com' }));
  expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-channel' } });
  const badEvent = await page.evaluate(() => {
    try {
      (window.preflight!.on as (e: string, l: () => void) => void)('ipc.anything', () => {});
      return 'subscribed';
    } catch (e) {
      return (e as Error).message;
    }
  });
  expect(badEvent).toBe('unknown event ipc.anything');
  // The preload forwards known channels as they are; the main side validates (host/ipc/dispatch.ts).
  const badArgs = await page.evaluate(() => (window.preflight!.invoke as (c: string, a: unknown) => Promise<unknown>)('workspace.readFile', { path: 42 }));
  expect(badArgs).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });

  // The main side answers exactly the contract's channels (Electron keeps ipcMain.handle's table in _invokeHandlers).
  const handled = await app.evaluate(({ ipcMain }) => [...(ipcMain as unknown as { _invokeHandlers: Map<string, unknown> })._invokeHandlers.keys()].sort());
  expect(handled).toEqual(
    Object.keys(channels)
      .map((c) => `preflight:${c}`)
      .sort(),
  );
  // Nothing about updates is reachable from the page: the check lives in the main process only.
  expect(Object.keys(channels).filter((c) => /update/i.test(c))).toEqual([]);
  await app.close();
});

test('app:// serves only the built renderer, each document and worker with its policy; nothing outside it, no file: URLs', async () => {
  const { app, page } = await launch(freshFolders());
  const probe = await page.evaluate(async () => {
    const head = async (url: string) => {
      try {
        const r = await fetch(url);
        return { status: r.status, csp: r.headers.get('content-security-policy'), nosniff: r.headers.get('x-content-type-options') };
      } catch (e) {
        return { status: -1, csp: null, nosniff: null, error: (e as Error).name };
      }
    };
    const script = document.querySelector<HTMLScriptElement>('script[src]')?.src ?? '';
    return {
      index: await head('app://preflight/index.html'),
      root: await head('app://preflight/'),
      script: await head(script),
      escape: await head('app://preflight/%2e%2e/%2e%2e/package.json'),
      missing: await head('app://preflight/no-such-file.js'),
      file: await head('file:///etc/hostname'),
    };
  });
  expect(probe.index).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY });
  expect(probe.root).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY });
  expect(probe.script).toMatchObject({ status: 200, nosniff: 'nosniff' });
  expect([400, 403, 404]).toContain(probe.escape.status);
  expect(probe.missing.status).toBe(404);
  expect(probe.file.status).toBe(-1);
  await app.close();
});

test("a secret goes through the OS's safeStorage: encrypted on disk, decrypted by the OS key, and still there after a restart", async () => {
  const folders = freshFolders();
  let { app, page } = await launch(folders, { args: KEYRING });
  if (linux) expect(await app.evaluate(({ safeStorage }) => safeStorage.getSelectedStorageBackend())).not.toBe('basic_text');
  expect(await app.evaluate(({ safeStorage }) => safeStorage.isEncryptionAvailable())).toBe(true);

  await answerMessageBoxes(app, { [CREATE]: 'Create it', [STORE]: 'Store the app token' });
  expect(await page.evaluate((env) => window.preflight!.invoke('environments.save', { environment: env }), STAGE)).toMatchObject({ ok: true });
  expect(await page.evaluate((token) => window.preflight!.invoke('environments.setToken', { id: 'stage', token }), TOKEN)).toMatchObject({ ok: true, value: { hasToken: true } });

  // On disk: one file for the token, not readable as text, and opened by the OS key to the value with its binding.
  expect(secretFiles(folders.data)).toEqual(['stage.apptoken.bin']);
  const stored = readFileSync(join(folders.data, 'secrets', 'stage.apptoken.bin'));
  expect(stored.includes(Buffer.from(TOKEN))).toBe(false);
  const opened = await app.evaluate(({ safeStorage }, b64) => safeStorage.decryptString(Buffer.from(b64, 'base64')), stored.toString('base64'));
  expect(JSON.parse(opened)).toMatchObject({ v: 1, value: TOKEN, binding: { origin: 'https://127.0.0.1:9' } });
  // The renderer sees that a token is stored, never the token.
  const listed = JSON.stringify(await page.evaluate(() => window.preflight!.invoke('environments.list', {})));
  expect(listed).not.toContain(TOKEN);
  await app.close();

  ({ app, page } = await launch(folders, { args: KEYRING }));
  const after = await page.evaluate(() => window.preflight!.invoke('environments.list', {}));
  expect(after.ok && after.value.find((e) => e.id === 'stage')).toMatchObject({ hasToken: true });
  await app.close();
});

test('without a trustworthy secret store (Linux basic_text; elsewhere no encryption) a secret is refused, nothing is written, and the person is told the way on', async () => {
  const folders = freshFolders();
  // Linux: Chromium's own switch selects the basic_text store for real. macOS and Windows always
  // have one, so its absence is simulated from the test.
  const { app, page } = await launch(folders, { args: linux ? ['--password-store=basic'] : [] });
  if (linux) expect(await app.evaluate(({ safeStorage }) => safeStorage.getSelectedStorageBackend())).toBe('basic_text');
  else await app.evaluate(({ safeStorage }) => void ((safeStorage as unknown as { isEncryptionAvailable: () => boolean }).isEncryptionAvailable = () => false));

  await answerMessageBoxes(app, { [CREATE]: 'Create it', [STORE]: 'Store the app token' });
  expect(await page.evaluate((env) => window.preflight!.invoke('environments.save', { environment: env }), STAGE)).toMatchObject({ ok: true });
  const refused = await page.evaluate((token) => window.preflight!.invoke('environments.setToken', { id: 'stage', token }), TOKEN);
  expect(refused.ok).toBe(false);
  const message = refused.ok ? '' : refused.error.message;
  expect(message).toContain('the app token was not saved');
  expect(message).toMatch(linux ? /no keyring is available \(Electron's secret storage is "basic_text"\)/ : /the OS secret store is not available/);
  expect(message).toContain('XP_APP_TOKEN_STAGE');
  expect(message).not.toContain(TOKEN);
  expect(secretFiles(folders.data)).toEqual([]);
  const listed = await page.evaluate(() => window.preflight!.invoke('environments.list', {}));
  expect(listed.ok && listed.value.find((e) => e.id === 'stage')).toMatchObject({ hasToken: false });
  await app.close();
});

test('a new destination and a new secret are confirmed in a native box the main side words; Cancel (the default) changes nothing', async () => {
  const folders = freshFolders();
  const { app, page } = await launch(folders, { args: KEYRING });

  // Every box answered with its cancel button.
  await answerMessageBoxes(app, {});
  const declined = await page.evaluate((env) => window.preflight!.invoke('environments.save', { environment: env }), STAGE);
  expect(declined).toMatchObject({ ok: false, error: { message: expect.stringContaining('environment not saved: it was not confirmed') } });
  const [box] = await askedBoxes(app);
  expect(box).toMatchObject({ type: 'warning', message: CREATE, buttons: ['Create it', 'Cancel'], defaultId: 1, cancelId: 1 });
  expect(box!.detail).toContain('will go to https://127.0.0.1:9');
  const none = await page.evaluate(() => window.preflight!.invoke('environments.list', {}));
  expect(none.ok && none.value.some((e) => e.id === 'stage')).toBe(false);

  await answerMessageBoxes(app, { [CREATE]: 'Create it' });
  expect(await page.evaluate((env) => window.preflight!.invoke('environments.save', { environment: env }), STAGE)).toMatchObject({ ok: true });
  // The token's box is cancelled: not stored, no file.
  const notStored = await page.evaluate((token) => window.preflight!.invoke('environments.setToken', { id: 'stage', token }), TOKEN);
  expect(notStored).toMatchObject({ ok: false, error: { message: expect.stringContaining('the app token was not stored: it was not confirmed') } });
  expect((await askedBoxes(app)).map((b) => b.message)).toEqual([STORE]);
  expect(secretFiles(folders.data)).toEqual([]);

  await answerMessageBoxes(app, { [STORE]: 'Store the app token' });
  expect(await page.evaluate((token) => window.preflight!.invoke('environments.setToken', { id: 'stage', token }), TOKEN)).toMatchObject({ ok: true, value: { hasToken: true } });
  const [storeBox] = await askedBoxes(app);
  expect(storeBox).toMatchObject({ type: 'warning', buttons: ['Store the app token', 'Cancel'], defaultId: 1, cancelId: 1 });
  expect(storeBox!.detail).toContain('It will be sent to https://127.0.0.1:9');
  expect(storeBox!.detail).not.toContain(TOKEN);
  await app.close();
});

/** Drops `paths` on the window where the campaign list is (no drop zone there), as the OS would. */
async function dropOnWindow(app: ElectronApplication, paths: string[]) {
  const page = await app.firstWindow();
  const box = (await page.getByTestId('campaign-campaigns/promo-journey.yaml').boundingBox())!;
  const at = { x: Math.round(box.x + box.width / 2), y: Math.round(box.y + box.height / 2) };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  await cdp.detach();
}

test('a folder dropped on the window opens as the workspace; a file it cannot open is explained, and the page stays', async () => {
  const folders = freshFolders();
  const { app, page } = await launch(folders);
  const other = anotherWorkspace();

  const { next } = await listenForCommand(page);
  await dropOnWindow(app, [other]);
  expect(await next).toEqual({ command: 'open-workspace', path: other });
  await expect
    .poll(async () => {
      const w = await page.evaluate(() => window.preflight!.invoke('workspace.current', {}));
      return w.ok ? w.value.dir : undefined;
    })
    .toBe(other);
  expect(page.url()).toBe('app://preflight/index.html');

  const picture = join(other, 'logo.png');
  writeFileSync(picture, 'not a workspace');
  await answerMessageBoxes(app, {});
  await dropOnWindow(app, [picture]);
  await expect.poll(async () => (await askedBoxes(app)).map((b) => b.message)).toEqual([`Preflight cannot open ${picture}`]);
  expect(page.url()).toBe('app://preflight/index.html');
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  await app.close();
});

test('one instance at a time: a second launch hands its folder to the running app and exits', async () => {
  const folders = freshFolders();
  const { app, page } = await launch(folders);
  const other = anotherWorkspace();

  const { next } = await listenForCommand(page);
  const second = spawn(binary.path!, [root, other], { env: { ...process.env, PREFLIGHT_USER_DATA: folders.data, PREFLIGHT_WORKSPACE: folders.workspace }, stdio: 'ignore' });
  const exitCode = await new Promise<number | null>((done) => second.on('exit', (code) => done(code)));
  expect(exitCode).toBe(0);
  expect(await next).toEqual({ command: 'open-workspace', path: other });
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  await expect
    .poll(async () => {
      const w = await page.evaluate(() => window.preflight!.invoke('workspace.current', {}));
      return w.ok ? w.value.dir : undefined;
    })
    .toBe(other);
  await app.close();
});

test('Check for Updates… is answered by the main process: a development build says it does not update itself', async () => {
  const { app } = await launch(freshFolders());
  await answerMessageBoxes(app, {});
  await app.evaluate(({ Menu }) => (Menu.getApplicationMenu()!.getMenuItemById('check-for-updates') as unknown as { click(): void }).click());
  await expect.poll(async () => (await askedBoxes(app)).map((b) => [b.message, b.detail])).toEqual([['Preflight does not update itself here.', 'Because this is a development build (installed releases update themselves).']]);
  await app.close();
});
