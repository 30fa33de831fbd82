/**
 * Electron main process: wiring only. The decisions live in pure modules next to this file
 * (guards, permissions, ipc-guard, window-state, menu-template, recent-workspaces, open-with,
 * command-queue) and the behaviour in host/ and shared/ (the same services the browser host serves).
 */
import { app, BrowserWindow, dialog, ipcMain, session, protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { join, normalize, resolve, sep, extname } from 'node:path';
import { channels, type ChannelName, type EventName, type EventPayload } from '../shared/ipc/contract';
import type { AppCommand } from '../shared/ipc/channels/app';
import { dispatch, type Handlers } from '../host/ipc/dispatch';
import { createServices, type Services } from '../host/services';
import { securityHeaders } from '../host/csp';
import { guardSender } from './ipc-guard';
import { permissionDecision } from './permissions';
import { createSecretStore } from './secret-store';
import { createMainWindow, hardenWebContents } from './window';
import { installMenu } from './menu';
import { createNativeShell, openLinkExternally, explainUnsupported, confirmNatively } from './native-shell';
import { CommandQueue } from './command-queue';
import { classifyOpenedPath, pathsFromArgv } from './open-with';
import { addRecent, parseRecent, type RecentWorkspace } from './recent-workspaces';
import { readJson, writeJson } from './json-file';

const APP_NAME = 'Preflight';
const root = join(__dirname, '..', '..');
const rendererDir = join(root, 'dist', 'renderer');
/** The renderer is served from a privileged app:// scheme (not file://) so every file gets its CSP header. */
const rendererUrl = 'app://preflight/index.html';
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ttf': 'font/ttf', '.json': 'application/json' };

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
let recent: RecentWorkspace[] = parseRecent(readJson(recentFile), process.platform);
let launchWorkspace: string | undefined;

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
  // Before the services start, the first workspace handed over (argv, macOS open-file) becomes the initial one.
  if (!services && !launchWorkspace && opened.command.command === 'open-workspace') launchWorkspace = opened.command.path;
  commands.push(opened.command);
  return opened.command;
}

function refreshMenu() {
  installMenu({
    platform: process.platform,
    appName: APP_NAME,
    recent,
    isPackaged: app.isPackaged,
    actions: {
      command: (command, path) => commands.push({ command, path }),
      revealDataFolder: () => void services?.handlers['app.revealDataFolder']({}).catch((e: unknown) => console.warn(String(e))),
      clearRecent: () => setRecent([]),
    },
  });
}

function setRecent(list: RecentWorkspace[]) {
  recent = list;
  try {
    writeJson(recentFile, recent);
  } catch {
    // The list is a convenience; failing to save it must not fail opening a workspace.
  }
  if (list.length === 0) app.clearRecentDocuments();
  refreshMenu();
}

/** Records every workspace the renderer opens successfully in the recent list (menu, dock, jump list). */
function withRecentWorkspaces(handlers: Handlers): Handlers {
  const open = handlers['workspace.open'];
  return {
    ...handlers,
    'workspace.open': async (args) => {
      const snapshot = await open(args);
      if (!snapshot.diagnostics.some((d) => d.code === 'workspace-missing')) {
        setRecent(addRecent(recent, snapshot.dir, process.platform));
        app.addRecentDocument(snapshot.dir);
      }
      return snapshot;
    },
  };
}

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
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
      callback(permissionDecision({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, rendererUrl)),
    );
    ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
      permissionDecision({ permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame }, rendererUrl),
    );
    ses.setDevicePermissionHandler(() => false);

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
      workspaceDir: launchWorkspace ?? process.env.PREFLIGHT_WORKSPACE ?? recent[0]?.path ?? join(root, 'examples'),
      dataDir,
      secrets: createSecretStore(join(dataDir, 'secrets')),
      emit,
      // Bundled beside main.cjs by scripts/build.mjs: big send checks run there, off the main process's event loop.
      verdictWorker: join(__dirname, 'verdict-worker.mjs'),
      native: createNativeShell({ window: () => win, dataDir, recent: () => recent, rendererReady: () => commands.markReady() }),
      confirm: (request) => confirmNatively(request, win),
    });
    const handlers = withRecentWorkspaces(services.handlers);
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
