// Tells whether Electron's binary is installed, without requiring `electron` (which, from
// Electron 42 on, tries to download the binary on first use and fails on closed networks).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Returns { path } when the binary is present, or { reason } saying why not. */
export function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed (run npm ci)' };
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkgDir, 'path.txt');
  if (!existsSync(pathFile) && !override) return { reason: 'Electron binary not installed (its download needs internet access beyond the npm registry)' };
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const full = override ? join(override, rel) : join(pkgDir, 'dist', rel);
  return existsSync(full) ? { path: full } : { reason: `Electron binary not installed (${full} is missing)` };
}
