/**
 * "Open with" and drops: turns a path the app was handed (command line on Windows and Linux, the
 * macOS `open-file` event, a second instance's argv, a file dropped on the window) into an
 * `app.command`. A folder is a workspace; a campaign file (`<workspace>/campaigns/x.yaml`) opens
 * its workspace and selects it; a data file is offered to the import flow.
 */
import type { AppCommand } from '../shared/ipc/channels/app';

const CAMPAIGN_EXT = /\.(ya?ml|json)$/i;
const DATA_EXT = /\.(csv|tsv|txt|json)$/i;

/**
 * The paths in an argv: without the executable, switches (Chromium's and Playwright's, e.g.
 * `--inspect=0`, may come before or after the app's arguments; macOS adds `-psn_…`), and — in
 * development, where Electron is started as `electron <app folder> …` — the app folder.
 */
export function pathsFromArgv(argv: readonly string[], o: { isPackaged: boolean }): string[] {
  const out: string[] = [];
  let afterDoubleDash = false;
  let appFolderSkipped = o.isPackaged;
  for (const a of argv.slice(1)) {
    if (!afterDoubleDash && a === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && a.startsWith('-')) continue;
    if (a.trim() === '') continue;
    if (!appFolderSkipped) {
      appFolderSkipped = true;
      continue;
    }
    out.push(a);
  }
  return out;
}

export type OpenedPath = { kind: 'command'; command: AppCommand } | { kind: 'unsupported'; path: string; reason: string };

function splitPath(p: string): { dir: string; name: string; sep: string } {
  const trimmed = p.replace(/[\\/]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  const sep = i >= 0 ? trimmed[i]! : '/';
  return { dir: i > 0 ? trimmed.slice(0, i) : i === 0 ? sep : '.', name: trimmed.slice(i + 1), sep };
}

/**
 * Classifies an absolute path. `isDirectory` is injected (fs.statSync in the app, a table in tests);
 * it returns undefined for a path that does not exist.
 */
export function classifyOpenedPath(path: string, isDirectory: (p: string) => boolean | undefined): OpenedPath {
  const dirFlag = isDirectory(path);
  if (dirFlag === undefined) return { kind: 'unsupported', path, reason: 'it does not exist' };
  if (dirFlag) return { kind: 'command', command: { command: 'open-workspace', path } };
  const { dir, name } = splitPath(path);
  const parent = splitPath(dir);
  if (CAMPAIGN_EXT.test(name) && parent.name === 'campaigns') {
    return { kind: 'command', command: { command: 'open-workspace', path: parent.dir, campaign: `campaigns/${name}` } };
  }
  if (DATA_EXT.test(name)) return { kind: 'command', command: { command: 'import-data', path } };
  if (CAMPAIGN_EXT.test(name)) return { kind: 'unsupported', path, reason: 'a campaign file opens with Preflight only from the campaigns folder of a workspace' };
  return { kind: 'unsupported', path, reason: 'Preflight opens workspace folders, campaign files and data files (CSV, TSV, JSON)' };
}
