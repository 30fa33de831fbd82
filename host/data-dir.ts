/**
 * The app's data folder is private to the person: sandbox calls, webhook events, send journals and
 * environments hold customers' ids and values. Folders are created 0700 and files 0600 (POSIX; on
 * Windows the folder inherits the user profile's access rules and modes mean nothing). Everything
 * the host creates there goes through these helpers; `tightenDataDir` fixes what older versions
 * left readable by others.
 */
import { appendFileSync, chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const posix = process.platform !== 'win32';

/** Sets a mode, ignoring a path we may not change (not ours): the caller's files stay usable. */
function chmodQuietly(path: string, mode: number) {
  try {
    chmodSync(path, mode);
  } catch {
    // EPERM on a folder the person pointed us at but does not own: nothing better to do than use it.
  }
}

/** Creates a folder (and its missing parents) private to the user, and makes an existing one private. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (posix) chmodQuietly(dir, PRIVATE_DIR_MODE);
}

const tightened = new Set<string>();

/** Appends to a file created 0600 (an existing one is made 0600 on the first append of this run). */
export function appendPrivate(file: string, text: string): void {
  appendFileSync(file, text, { mode: PRIVATE_FILE_MODE });
  if (posix && !tightened.has(file)) {
    tightened.add(file);
    chmodQuietly(file, PRIVATE_FILE_MODE);
  }
}

/** Makes the data folder, its folders and their files private (two levels deep: that is all the host writes). */
export function tightenDataDir(dataDir: string): void {
  ensurePrivateDir(dataDir);
  if (!posix) return;
  const walk = (dir: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      let st;
      try {
        // lstat: a link is not followed, so nothing outside the folder is changed.
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if ((st.mode & 0o077) !== 0) chmodQuietly(path, PRIVATE_DIR_MODE);
        if (depth > 0) walk(path, depth - 1);
      } else if (st.isFile() && (st.mode & 0o077) !== 0) chmodQuietly(path, PRIVATE_FILE_MODE);
    }
  };
  walk(dataDir, 1);
}
