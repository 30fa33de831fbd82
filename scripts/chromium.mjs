// Finds a Chromium for the end-to-end tests: $PREFLIGHT_CHROMIUM, a system Chromium/Chrome, or
// Playwright's own download. On Debian as root with none present, installs the `chromium` package.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

/** The flags every launch uses: no sandbox as root, and no background traffic into a closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export function findChromium() {
  if (process.env.PREFLIGHT_CHROMIUM && existsSync(process.env.PREFLIGHT_CHROMIUM)) return process.env.PREFLIGHT_CHROMIUM;
  for (const p of SYSTEM) if (existsSync(p)) return p;
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core');
    const p = chromium.executablePath();
    if (p && existsSync(p)) return p;
  } catch {
    /* Playwright's own browser is not installed */
  }
  return null;
}

/** Returns a Chromium path, installing Debian's package when possible; otherwise explains and returns null. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const debian = existsSync('/etc/debian_version');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (debian && root) {
    console.log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' });
    }
    return findChromium();
  }
  const hint = debian ? 'sudo apt-get install -y chromium' : process.platform === 'darwin' ? 'brew install --cask chromium' : 'npx playwright install chromium';
  console.error(`No Chromium found for the end-to-end tests. Install one with:\n  ${hint}\n(or set PREFLIGHT_CHROMIUM to a Chromium/Chrome executable)`);
  return null;
}
