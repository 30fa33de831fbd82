/**
 * Electron main process: one hardened window, the typed IPC registration, and the services from
 * host/ (the same ones the browser host serves). Kept thin: behaviour lives in host/ and shared/.
 */
import { app, BrowserWindow, ipcMain, session, shell, dialog, protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep, extname } from 'node:path';
import { channels, type EventName, type EventPayload } from '../shared/ipc/contract';
import { dispatch } from '../host/ipc/dispatch';
import { createServices, type Services } from '../host/services';
import { securityHeaders } from '../host/csp';
import { isAppUrl, isSafeExternalUrl } from './guards';
import { SafeStorageSecretStore } from './secret-store';

const root = join(__dirname, '..', '..');
const rendererDir = join(root, 'dist', 'renderer');
/** The renderer is served from a privileged app:// scheme (not file://) so every file gets its CSP header. */
const rendererUrl = 'app://preflight/index.html';
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.json': 'application/json' };

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
let win: BrowserWindow | undefined;
let services: Services | undefined;

if (process.env.PREFLIGHT_USER_DATA) app.setPath('userData', process.env.PREFLIGHT_USER_DATA);
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

function emit<E extends EventName>(event: E, payload: EventPayload<E>) {
  win?.webContents.send(`preflight-event:${event}`, payload);
}

function createWindow() {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Preflight',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) {
      void dialog
        .showMessageBox(win!, { type: 'question', buttons: ['Open', 'Cancel'], defaultId: 1, message: `Open this link in your browser?`, detail: url })
        .then(async (r) => {
          if (r.response === 0) await shell.openExternal(url);
        });
    }
    return { action: 'deny' };
  });
  void win.loadURL(rendererUrl);
}

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  protocol.handle('app', async (request) => {
    const rel = decodeURIComponent(new URL(request.url).pathname).replace(/^\/+/, '') || 'index.html';
    const full = normalize(join(rendererDir, rel));
    if (!full.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
    try {
      return new Response(await readFile(full), { headers: { 'content-type': MIME[extname(full)] ?? 'application/octet-stream', ...securityHeaders(rel) } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  services = await createServices({
    host: 'electron',
    version: app.getVersion(),
    workspaceDir: process.env.PREFLIGHT_WORKSPACE ?? join(root, 'examples'),
    dataDir: app.getPath('userData'),
    secrets: new SafeStorageSecretStore(join(app.getPath('userData'), 'secrets')),
    emit,
  });
  for (const channel of Object.keys(channels)) {
    ipcMain.handle(`preflight:${channel}`, (event, args: unknown) => {
      const frameUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(frameUrl, rendererUrl)) return { ok: false, error: { code: 'forbidden', message: 'IPC from a frame outside the app' } };
      return dispatch(services!.handlers, channel, args);
    });
  }
  createWindow();
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void services?.close());
