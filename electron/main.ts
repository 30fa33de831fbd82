/**
 * Electron main process: wiring only. The decisions live in pure modules next to this file
 * (guards, permissions, ipc-guard, window-state, menu-template, open-with,
 * command-queue) and the behaviour in host/ and shared/ (the same services the browser host serves).
 */
import { app, BrowserWindow, dialog, ipcMain, session, protocol } from 'electron';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { channels, type ChannelName, type EventName, type EventPayload } from '../shared/ipc/contract';
import type { AppCommand } from '../shared/ipc/channels/app';
import { dispatch } from '../host/ipc/dispatch';
import { createServices, type Services } from '../host/services';
import { readStaticFile } from '../host/http/static-files';
import { guardSender } from './ipc-guard';
import { permissionDecision } from './permissions';
import { createSecretStore } from './secret-store';
import { createMainWindow, hardenWebContents } from './window';
import { installMenu } from './menu';
import { createNativeShell, openLinkExternally, explainUnsupported, confirmNatively } from './native-shell';
import { CommandQueue } from './command-queue';
import { aboutPanelOptions } from './about';
import { classifyOpenedPath, pathsFromArgv } from './open-with';
import { WorkspaceAccess } from '../host/workspace-access';
import { startUpdater, type Updater } from './updater';

const APP_NAME = 'Preflight';
const root = join(__dirname, '..', '..');
const rendererDir = join(root, 'dist', 'renderer');
/** The renderer is served from a privileged app:// scheme (not file://) so every file gets its CSP header. */
const rendererUrl = 'app://preflight/index.html';

// Sandbox every renderer, whatever a window's own options say.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Data folder (settings, journals, secrets): the platform's app-data location, the same folder the
// browser host and CLI use (host/paths.ts). Tests give each run its own.
app.setName(APP_NAME);
app.setPath('userData', process.env.PREFLIGHT_USER_DATA ?? join(app.getPath('appData'), APP_NAME));
const dataDir = app.getPath('userData');
const recentFile = join(dataDir, 'recent-workspaces.json');

let win: BrowserWindow | undefined;
let services: Services | undefined;
// The recent list and the folders the renderer may open live on the main side (host/workspace-access.ts).
const workspaces = new WorkspaceAccess({ recentFile, platform: process.platform });
let launchWorkspace: string | undefined;
let updater: Updater | undefined;

function emit<E extends EventName>(event: E, payload: EventPayload<E>) {
  if (win && !win.isDestroyed()) win.webContents.send(`preflight-event:${event}`, payload);
}
const commands = new CommandQueue((c) => emit('app.command', c));

const isDirectory = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return undefined;
  }
};

/** A path handed to the app (open with, open-file, second instance, drop): a command, or an explanation. */
function openPath(path: string, cwd = process.cwd()): AppCommand | undefined {
  const opened = classifyOpenedPath(resolve(cwd, path), isDirectory);
  if (opened.kind === 'unsupported') {
    if (app.isReady()) explainUnsupported(opened.path, opened.reason, win);
    else console.warn(`not opening ${opened.path}: ${opened.reason}`);
    return undefined;
  }
  // The system handed this folder to the app (drop, open with, second launch): the renderer may open it.
  if (opened.command.command === 'open-workspace' && opened.command.path) workspaces.grant(opened.command.path);
  // Before the services start, the first workspace handed over (argv, macOS open-file) becomes the initial one.
  if (!services && !launchWorkspace && opened.command.command === 'open-workspace') launchWorkspace = opened.command.path;
  commands.push(opened.command);
  return opened.command;
}

function refreshMenu() {
  installMenu({
    platform: process.platform,
    appName: APP_NAME,
    recent: workspaces.recent(),
    isPackaged: app.isPackaged,
    actions: {
      command: (command, path) => commands.push({ command, path }),
      revealDataFolder: () => void services?.handlers['app.revealDataFolder']({}).catch((e: unknown) => console.warn(String(e))),
      clearRecent: () => workspaces.clearRecent(),
      checkForUpdates: () => updater?.checkFromMenu(),
    },
  });
}

workspaces.onRecentChange((list) => {
  if (list.length === 0) app.clearRecentDocuments();
  else app.addRecentDocument(list[0]!.path);
  refreshMenu();
});

// Single instance: a second launch (e.g. "open with" on Windows and Linux) hands its paths to this one.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const p of pathsFromArgv(argv, { isPackaged: app.isPackaged })) openPath(p, workingDirectory);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  // macOS delivers "open with" and dock drops as events, possibly before `ready`.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPath(path);
  });

  for (const p of pathsFromArgv(process.argv, { isPackaged: app.isPackaged })) openPath(p);

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      appUrl: rendererUrl,
      offerExternal: (url) => void openLinkExternally(url, win),
      openPath: (path) => void openPath(path),
    });
  });

  app.whenReady().then(async () => {
    app.setAboutPanelOptions(aboutPanelOptions(APP_NAME, app.getVersion()));
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionDecision({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, rendererUrl)));
    ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => permissionDecision({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }, rendererUrl));
    ses.setDevicePermissionHandler(() => false);

    protocol.handle('app', async (request) => {
      const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
      return file.status === 200 ? new Response(file.body, { headers: file.headers }) : new Response(file.message, { status: file.status });
    });

    services = await createServices({
      host: 'electron',
      version: app.getVersion(),
      workspaceDir: launchWorkspace ?? process.env.PREFLIGHT_WORKSPACE ?? workspaces.recent()[0]?.path ?? join(root, 'examples'),
      dataDir,
      secrets: createSecretStore(join(dataDir, 'secrets')),
      emit,
      // Bundled beside main.cjs by scripts/build.mjs: big send checks run there, off the main process's event loop.
      verdictWorker: join(__dirname, 'verdict-worker.mjs'),
      native: createNativeShell({ window: () => win, dataDir, rendererReady: () => commands.markReady() }),
      confirm: (request) => confirmNatively(request, win),
      workspaceAccess: workspaces,
    });
    const handlers = services.handlers;
    for (const channel of Object.keys(channels) as ChannelName[]) {
      ipcMain.handle(
        `preflight:${channel}`,
        guardSender(
          rendererUrl,
          (_event, args: unknown) => dispatch(handlers, channel, args),
          (reason) => console.warn(`refused ${channel}: ${reason}`),
        ),
      );
    }

    // Main process only (electron/updater.ts): off for builds without a release feed.
    updater = startUpdater({
      appName: APP_NAME,
      dataDir,
      window: () => win,
      sendsRunning: async () => (await handlers['send.history']({ status: 'running' })).length,
    });
    refreshMenu();
    try {
      win = createMainWindow({ preloadDir: __dirname, dataDir, appUrl: rendererUrl, title: APP_NAME });
    } catch (e) {
      dialog.showErrorBox('Preflight cannot start', e instanceof Error ? e.message : String(e));
      app.exit(1);
      return;
    }
    // Commands wait for the renderer's `app.ready`; a reload makes it not ready again. If the page
    // never calls `app.ready` (an older renderer), commands flow shortly after it has loaded.
    win.webContents.on('did-navigate', () => commands.markNotReady());
    win.webContents.on('did-finish-load', () => setTimeout(() => commands.markReady(), 2000));
    win.on('closed', () => (win = undefined));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services?.close());
}
