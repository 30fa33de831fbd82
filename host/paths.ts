/** Where the built app and its data live, for the browser host and the CLI. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The platform's app-data location (the same folder Electron's `app.getPath('userData')` uses). */
export function defaultDataDir(appName = 'Preflight'): string {
  if (process.env.PREFLIGHT_DATA_DIR) return process.env.PREFLIGHT_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
}
