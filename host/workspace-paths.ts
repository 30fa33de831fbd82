/**
 * The one path guard for files under a workspace folder, used by every read and write the main side
 * makes there (campaigns, reviews, reports, settings, the data panel's `.preflight/` files, the
 * folder scan). A path is checked as text first (relative, no `.`/`..`), then by its **real** path:
 * links are followed, and the result must lie inside the workspace's own real path. A file that does
 * not exist yet is judged by its nearest existing parent (the missing parts cannot be links), and a
 * dangling link on the way is refused, because writing through it would create its target.
 *
 * Callers read and write the returned real path, so what is written is what was checked. A local
 * process that swaps a folder for a link between the check and the write is not stopped (it can
 * already write the workspace); the guard stops links that are there when the app saves, such as a
 * `reports/` folder that points elsewhere.
 */
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';

/** A workspace path the main side refuses; `path` is workspace-relative, as the renderer named it. */
export class WorkspacePathError extends Error {
  /** The typed IPC error code (host/ipc/dispatch.ts). */
  readonly code = 'forbidden' as const;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** True when `rel` is a plain relative path with forward slashes and no `.`, `..` or empty parts. */
export function isPlainRelativePath(rel: string): boolean {
  if (rel === '' || rel.length > 1024 || rel.includes('\\') || rel.includes('\0') || rel.startsWith('/') || isAbsolute(rel)) return false;
  return rel.split('/').every((p) => p !== '' && p !== '.' && p !== '..');
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** True when `inner` is `root` itself or lies inside it (both real, absolute paths). */
function inside(root: string, inner: string): boolean {
  if (inner === root) return true;
  const r = relative(root, inner);
  return r !== '' && !r.startsWith('..' + sep) && r !== '..' && !isAbsolute(r);
}

/**
 * The real absolute path of `rel` inside the workspace `dir`, or a WorkspacePathError naming `rel`
 * when it is not a plain relative path or resolves outside the workspace.
 */
export async function resolveInWorkspace(dir: string, rel: string): Promise<string> {
  if (!isPlainRelativePath(rel)) throw new WorkspacePathError(rel, `${rel} is not a path inside the workspace`);
  const root = await realpath(resolve(dir));
  const parts = rel.split('/');
  const missing: string[] = [];
  let probe = join(root, ...parts);
  let real: string;
  for (;;) {
    try {
      real = await realpath(probe);
      break;
    } catch (e) {
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') throw e;
    }
    // `probe` does not resolve: a missing part (fine, it is created inside what resolves) or a
    // dangling link (refused: writing through it would create its target wherever it points).
    let isLink = false;
    try {
      isLink = (await lstat(probe)).isSymbolicLink();
    } catch (e) {
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') throw e;
    }
    if (isLink) throw new WorkspacePathError(rel, `${rel} cannot be used: ${relative(root, probe).split(sep).join('/')} is a link to something that does not exist; Preflight only reads and writes inside the workspace`);
    missing.unshift(basename(probe));
    probe = dirname(probe);
  }
  const full = missing.length ? join(real, ...missing) : real;
  if (!inside(root, full)) {
    const linked = await firstLink(root, parts);
    throw new WorkspacePathError(rel, `${rel} is outside the workspace${linked ? `: ${linked} is a link to a place outside it` : ''}; Preflight only reads and writes inside the workspace`);
  }
  return full;
}

/** The first part of `parts` (under `root`) that is a symbolic link, as a workspace-relative path. */
async function firstLink(root: string, parts: string[]): Promise<string | undefined> {
  for (let i = 1; i <= parts.length; i++) {
    try {
      if ((await lstat(join(root, ...parts.slice(0, i)))).isSymbolicLink()) return parts.slice(0, i).join('/') + (i < parts.length ? '/' : '');
    } catch {
      return undefined;
    }
  }
  return undefined;
}
