/**
 * The main window and the guards every web contents gets: navigation, new windows and <webview>
 * denied (decisions in guards.ts), window size and position remembered (window-state.ts).
 */
import { BrowserWindow, screen, type WebContents } from 'electron';
import { join } from 'node:path';
import { navigationDecision, windowOpenDecision } from './guards';
import { effectiveWebPreferences, insecureWebPreferences } from './window-options';
import { parseWindowState, restoreBounds, MIN_SIZE, type WindowState } from './window-state';
import { readJson, writeJson } from './json-file';

export interface GuardActions {
  appUrl: string;
  /** An http(s) link the page tried to navigate to or open: ask, then open in the system browser. */
  offerExternal(url: string): void;
  /** A file dropped on the window (its drop became a navigation to the file: URL). */
  openPath(path: string): void;
}

/** Attaches the navigation, window-open and webview guards to one web contents (every one the app creates). */
export function hardenWebContents(contents: WebContents, o: GuardActions): void {
  contents.on('will-frame-navigate', (event) => {
    const d = navigationDecision(event.url, { isMainFrame: event.isMainFrame, appUrl: o.appUrl });
    if (d.action === 'allow') return;
    event.preventDefault();
    if (d.action === 'ask-external') o.offerExternal(d.url);
    if (d.action === 'open-file') o.openPath(d.path);
  });
  // Belt and braces: the top-level page never navigates (will-frame-navigate above already acted on it).
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url, { isMainFrame: event.isMainFrame, appUrl: o.appUrl }).action !== 'allow') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    if (d.action === 'ask-external') o.offerExternal(d.url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Creates the main window where it was last left (fitted to the displays present now); throws rather than open an insecure one. */
export function createMainWindow(o: { preloadDir: string; dataDir: string; appUrl: string; title: string }): BrowserWindow {
  const stateFile = join(o.dataDir, 'window-state.json');
  const displays = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const restored = restoreBounds(parseWindowState(readJson(stateFile)), displays);
  const win = new BrowserWindow({
    ...restored.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: o.title,
    show: false,
    // Keep these literal and inline: the security scan reads them here.
    webPreferences: {
      preload: join(o.preloadDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      // Middle-click must not open anything (new windows are denied anyway).
      disableBlinkFeatures: 'Auxclick',
      // A file dropped where the page does not handle drops becomes a navigation to its file: URL,
      // which the navigation guard cancels and turns into "open with" (guards.navigationDecision).
      navigateOnDragDrop: true,
      spellcheck: false,
    },
  });
  const effective = effectiveWebPreferences(win.webContents);
  const problems = effective ? insecureWebPreferences(effective) : [];
  if (problems.length > 0) {
    win.destroy();
    throw new Error(`refusing to open a window with insecure settings: ${problems.join('; ')}`);
  }
  if (restored.maximized) win.maximize();
  if (restored.fullScreen) win.setFullScreen(true);
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
    try {
      writeJson(stateFile, state);
    } catch {
      // Not remembering the window's place is not worth failing a quit over.
    }
  });
  void win.loadURL(o.appUrl);
  return win;
}
