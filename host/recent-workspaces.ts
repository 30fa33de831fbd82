/**
 * The recent workspaces list (File ▸ Open Recent, and `app.recentWorkspaces`): newest first, no
 * duplicates (compared case-insensitively on Windows and macOS, whose file systems usually are),
 * at most `MAX_RECENT`. Pure list operations; host/workspace-access.ts keeps the list in the data
 * folder for the desktop app and the browser host alike.
 */

export const MAX_RECENT = 10;

export interface RecentWorkspace {
  path: string;
  name: string;
}

/** True when two absolute paths name the same folder on `platform` (case-insensitive on Windows and macOS). */
export function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const key = sameKey(platform);
  return key(a) === key(b);
}

const sameKey = (platform: NodeJS.Platform) => (p: string) => {
  const trimmed = p.replace(/[\\/]+$/, '');
  return platform === 'linux' ? trimmed : trimmed.toLowerCase();
};

function baseName(path: string): string {
  const parts = path.replace(/[\\/]+$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** Puts `path` first, removing an earlier entry for the same folder and anything past the limit. */
export function addRecent(list: readonly RecentWorkspace[], path: string, platform: NodeJS.Platform): RecentWorkspace[] {
  const key = sameKey(platform);
  const k = key(path);
  return [{ path, name: baseName(path) }, ...list.filter((r) => key(r.path) !== k)].slice(0, MAX_RECENT);
}

/** Removes one folder (e.g. one that no longer exists). */
export function removeRecent(list: readonly RecentWorkspace[], path: string, platform: NodeJS.Platform): RecentWorkspace[] {
  const key = sameKey(platform);
  return list.filter((r) => key(r.path) !== key(path));
}

/** Reads a saved list (parsed JSON of any shape), keeping only well-formed absolute paths. */
export function parseRecent(raw: unknown, platform: NodeJS.Platform): RecentWorkspace[] {
  if (!Array.isArray(raw)) return [];
  let list: RecentWorkspace[] = [];
  for (const item of [...raw].reverse()) {
    const path = typeof item === 'string' ? item : typeof item === 'object' && item !== null ? (item as { path?: unknown }).path : undefined;
    if (typeof path !== 'string' || !isAbsolutePath(path, platform) || path.length > 4096) continue;
    list = addRecent(list, path, platform);
  }
  return list;
}

export function isAbsolutePath(path: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? /^([A-Za-z]:[\\/]|\\\\[^\\]+\\)/.test(path) : path.startsWith('/');
}
