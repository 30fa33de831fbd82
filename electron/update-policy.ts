/**
 * Auto-update decisions, without Electron (unit-tested in test/unit/electron-update-policy.test.ts);
 * electron/updater.ts wires them to electron-updater in the main process. The renderer has no part
 * in it: no channel starts a check, a download or an install.
 *
 * - Whether a build updates at all: only an installed (packaged) release whose build wrote a
 *   publish configuration (resources/app-update.yml, written by electron-builder from
 *   electron-builder.yml's `publish`) pointing at an https feed; not a development build, not a
 *   build without a feed, not the Linux deb (its package manager updates it), not when the person
 *   sets PREFLIGHT_UPDATES=off.
 * - When: a minute after start, then once a day (the last check is kept in the data folder).
 * - What the person is asked: a download only after "Download", an install only after "Restart
 *   and Install" or "Install When I Quit" — never on its own; no restart offered while a send runs.
 */
import { parse } from 'yaml';

export interface UpdateFacts {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** The text of the build's resources/app-update.yml, or undefined when it has none. */
  publishConfig: string | undefined;
  env: { PREFLIGHT_UPDATES?: string; APPIMAGE?: string };
}

export type UpdateAvailability = { enabled: true; feed: string } | { enabled: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The https feed a publish configuration points at, or why it is not used. */
function feedOf(text: string): UpdateAvailability {
  let config: unknown;
  try {
    config = parse(text);
  } catch {
    config = undefined;
  }
  if (!isRecord(config) || typeof config.provider !== 'string') return { enabled: false, reason: "the build's publish configuration (app-update.yml) cannot be read" };
  if (config.provider === 'github') {
    if (typeof config.owner !== 'string' || typeof config.repo !== 'string' || !config.owner || !config.repo) return { enabled: false, reason: "the build's GitHub feed names no owner and repo" };
    const host = typeof config.host === 'string' && config.host ? config.host : 'github.com';
    const protocol = typeof config.protocol === 'string' ? config.protocol : 'https';
    const feed = `${protocol}://${host}/${config.owner}/${config.repo}/releases`;
    return protocol === 'https' ? { enabled: true, feed } : { enabled: false, reason: `the release feed ${feed} is not https` };
  }
  if (config.provider === 'generic') {
    const url = typeof config.url === 'string' ? config.url : '';
    let https = false;
    try {
      https = new URL(url).protocol === 'https:';
    } catch {
      // not a URL: refused below
    }
    return https ? { enabled: true, feed: url } : { enabled: false, reason: `the release feed ${url || '(none)'} is not https` };
  }
  return { enabled: false, reason: `the build's publish provider "${config.provider}" is not one Preflight updates from (github, or generic over https)` };
}

/** Whether this build checks for updates, and where. */
export function updateAvailability(f: UpdateFacts): UpdateAvailability {
  if (!f.isPackaged) return { enabled: false, reason: 'this is a development build (installed releases update themselves)' };
  if (f.env.PREFLIGHT_UPDATES === 'off') return { enabled: false, reason: 'updates are turned off with PREFLIGHT_UPDATES=off' };
  if (f.publishConfig === undefined) return { enabled: false, reason: 'this build has no release feed (it was built without a publish configuration)' };
  // electron-updater replaces a running AppImage; an app installed from the deb belongs to the package manager.
  if (f.platform === 'linux' && !f.env.APPIMAGE) return { enabled: false, reason: 'Preflight was installed from a package: your package manager updates it' };
  return feedOf(f.publishConfig);
}

/** The first automatic check waits until the app has settled. */
export const FIRST_CHECK_DELAY_MS = 60_000;
/** Then once a day. */
export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What is kept between runs (update-state.json in the data folder). */
export interface UpdateState {
  lastCheckedAt?: number;
}

/** Reads the kept state leniently: anything unexpected is "never checked". */
export function parseUpdateState(v: unknown): UpdateState {
  if (!isRecord(v)) return {};
  const t = v.lastCheckedAt;
  return typeof t === 'number' && Number.isFinite(t) && t >= 0 ? { lastCheckedAt: t } : {};
}

/** Milliseconds until the next automatic check. */
export function nextCheckDelay(o: { now: number; lastCheckedAt?: number }): number {
  if (o.lastCheckedAt === undefined) return FIRST_CHECK_DELAY_MS;
  const due = o.lastCheckedAt + CHECK_INTERVAL_MS - o.now;
  return Math.min(CHECK_INTERVAL_MS, Math.max(FIRST_CHECK_DELAY_MS, due));
}

/** Options for `dialog.showMessageBox` (a structural subset of Electron's). */
export interface UpdateDialog {
  type: 'info' | 'question' | 'warning';
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: true;
  title: string;
  message: string;
  detail: string;
}

/** An update was found: download it? Later is the default (Enter and Esc say no). */
export function availableDialog(o: { appName: string; current: string; version: string }): UpdateDialog {
  return {
    type: 'info',
    buttons: ['Download', 'Later'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: o.appName,
    message: `${o.appName} ${o.version} is available (you have ${o.current}).`,
    detail: 'It downloads in the background and is installed only when you choose to. Its signature and checksum are checked before it is installed.',
  };
}

export type DownloadedChoice = 'restart' | 'on-quit' | 'not-now';
const RESTART = 'Restart and Install';
const ON_QUIT = 'Install When I Quit';

/** The update is downloaded: install it now (restart), when the person quits, or not now. */
export function downloadedDialog(o: { appName: string; version: string; sendsRunning: number }): UpdateDialog {
  const buttons = o.sendsRunning > 0 ? [ON_QUIT, 'Not Now'] : [RESTART, ON_QUIT, 'Not Now'];
  const running = o.sendsRunning === 1 ? '1 send is running' : `${o.sendsRunning} sends are running`;
  return {
    type: 'question',
    buttons,
    defaultId: buttons.length - 1,
    cancelId: buttons.length - 1,
    noLink: true,
    title: o.appName,
    message: `${o.appName} ${o.version} is ready to install.`,
    detail: o.sendsRunning > 0 ? `${running}: ${o.appName} will not restart now. Choose "${ON_QUIT}" to install it the next time you quit.` : `${o.appName} restarts to install it. "Not Now" keeps it for later; nothing is installed without your choice.`,
  };
}

/** The person's answer to `downloadedDialog` (any other answer is "not now"). */
export function downloadedChoice(d: UpdateDialog, response: number): DownloadedChoice {
  const label = d.buttons[response];
  return label === RESTART ? 'restart' : label === ON_QUIT ? 'on-quit' : 'not-now';
}

export type ManualResult = { kind: 'not-available'; appName: string; current: string } | { kind: 'error'; appName: string; message: string } | { kind: 'disabled'; appName: string; reason: string };

/** The answer to "Check for Updates…" when there is nothing to download (automatic checks stay silent then). */
export function manualResultDialog(r: ManualResult): UpdateDialog {
  const base = { buttons: ['OK'], defaultId: 0, cancelId: 0, noLink: true as const, title: r.appName };
  if (r.kind === 'not-available') return { ...base, type: 'info', message: `${r.appName} ${r.current} is the latest version.`, detail: '' };
  if (r.kind === 'error') return { ...base, type: 'warning', message: `${r.appName} could not check for updates.`, detail: r.message };
  return { ...base, type: 'info', message: `${r.appName} does not update itself here.`, detail: `Because ${r.reason}.` };
}
