/**
 * Auto-update wiring, main process only: electron-updater against the release feed the build was
 * made with (resources/app-update.yml). Whether and when to check, and what to ask, is decided in
 * update-policy.ts; this file only carries it out. No IPC channel reaches it: the renderer cannot
 * start a check, a download or an install. The person starts a check from the menu ("Check for
 * Updates…"), or the app checks on its own once a day; a download starts only after "Download", an
 * install only after "Restart and Install" or "Install When I Quit".
 *
 * electron-updater fetches over https and verifies what it downloaded before installing: the
 * sha512 from the feed for every platform, the Authenticode publisher on Windows (when the running
 * app is signed), and Squirrel.Mac's code-signature check on macOS.
 */
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import { autoUpdater } from 'electron-updater';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, writeJson } from './json-file';
import { availableDialog, downloadedChoice, downloadedDialog, manualResultDialog, nextCheckDelay, parseUpdateState, updateAvailability, type UpdateAvailability, type UpdateDialog } from './update-policy';

export interface UpdaterOptions {
  appName: string;
  dataDir: string;
  window: () => BrowserWindow | undefined;
  /** How many sends are running now (no restart offered while one is). */
  sendsRunning: () => Promise<number>;
}

export interface Updater {
  /** "Check for Updates…": always answers, even when updates are off here. */
  checkFromMenu(): void;
}

function readPublishConfig(): string | undefined {
  try {
    return readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return undefined;
  }
}

export function startUpdater(o: UpdaterOptions): Updater {
  const availability: UpdateAvailability = updateAvailability({
    isPackaged: app.isPackaged,
    platform: process.platform,
    publishConfig: app.isPackaged ? readPublishConfig() : undefined,
    env: { PREFLIGHT_UPDATES: process.env.PREFLIGHT_UPDATES, APPIMAGE: process.env.APPIMAGE },
  });
  const stateFile = join(o.dataDir, 'update-state.json');
  const ask = async (d: UpdateDialog): Promise<number> => {
    const w = o.window();
    const options = d as MessageBoxOptions;
    return (w ? await dialog.showMessageBox(w, options) : await dialog.showMessageBox(options)).response;
  };

  if (!availability.enabled) {
    console.log(`updates: off (${availability.reason})`);
    return { checkFromMenu: () => void ask(manualResultDialog({ kind: 'disabled', appName: o.appName, reason: availability.reason })) };
  }

  // Nothing happens without the person's yes: no download on its own, no install on quit unless chosen.
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.logger = { info: (m: unknown) => console.log(`updates: ${String(m)}`), warn: (m: unknown) => console.warn(`updates: ${String(m)}`), error: (m: unknown) => console.warn(`updates: ${String(m)}`), debug: () => {} };

  let busy = false;
  let downloadedVersion: string | undefined;
  let installOnQuit = false;
  let installing = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = () => {
    clearTimeout(timer);
    const delay = nextCheckDelay({ now: Date.now(), ...parseUpdateState(readJson(stateFile)) });
    timer = setTimeout(() => void check(false), delay);
    timer.unref();
  };

  async function offerInstall(version: string) {
    const d = downloadedDialog({ appName: o.appName, version, sendsRunning: await o.sendsRunning().catch(() => 0) });
    const choice = downloadedChoice(d, await ask(d));
    if (choice === 'restart') {
      installing = true;
      autoUpdater.quitAndInstall(false, true);
    } else if (choice === 'on-quit') installOnQuit = true;
  }

  async function check(manual: boolean) {
    if (busy) return;
    if (downloadedVersion) {
      // Already downloaded: asking again is the only useful answer.
      if (manual) await offerInstall(downloadedVersion);
      return;
    }
    busy = true;
    try {
      const result = await autoUpdater.checkForUpdates();
      writeJson(stateFile, { lastCheckedAt: Date.now() });
      const info = result?.updateInfo;
      if (!result?.isUpdateAvailable || !info) {
        if (manual) await ask(manualResultDialog({ kind: 'not-available', appName: o.appName, current: app.getVersion() }));
        return;
      }
      const yes = (await ask(availableDialog({ appName: o.appName, current: app.getVersion(), version: info.version }))) === 0;
      if (!yes) return;
      await autoUpdater.downloadUpdate();
      downloadedVersion = info.version;
      await offerInstall(info.version);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      console.warn(`updates: ${message}`);
      if (manual) await ask(manualResultDialog({ kind: 'error', appName: o.appName, message }));
    } finally {
      busy = false;
      schedule();
    }
  }

  // "Install When I Quit": the install runs when the person quits, without relaunching the app.
  app.on('before-quit', (event) => {
    if (!installOnQuit || installing || !downloadedVersion) return;
    installing = true;
    event.preventDefault();
    autoUpdater.autoRunAppAfterInstall = false;
    autoUpdater.quitAndInstall(true, false);
  });

  schedule();
  return { checkFromMenu: () => void check(true) };
}
