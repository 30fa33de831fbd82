/**
 * Which folders the renderer may open as a workspace. The renderer is untrusted, so it cannot name
 * an arbitrary folder (`/etc`): `workspace.open` accepts only a folder the main side has seen the
 * person choose —
 * - the folder the app was started with (`--workspace DIR`, `PREFLIGHT_WORKSPACE`, the sample),
 * - one chosen in the main process's folder dialog (desktop app: `dialog.openWorkspace`),
 * - one handed to the app by the system (a drop, "open with", a second launch; desktop app),
 * - one in the recent list, which the main side keeps in the data folder and fills only with
 *   folders that were opened through one of the ways above (so the browser host, which has no
 *   dialog, can reopen any workspace it was once started with).
 * Folders are compared by real path (after links), so a link to an allowed folder is that folder,
 * and a refusal reads the same whether or not the named folder exists.
 */
import { readFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { addRecent, parseRecent, samePath, type RecentWorkspace } from './recent-workspaces';
import { writeFileAtomicallySync } from './atomic-write';

/** `workspace.open` named a folder the main side was not given (typed IPC error `forbidden`). */
export class WorkspaceNotAllowedError extends Error {
  readonly code = 'forbidden' as const;
}

export interface WorkspaceAccessOptions {
  /** Where the recent list is kept (`<data>/recent-workspaces.json`); without it, kept in memory. */
  recentFile?: string;
  platform?: NodeJS.Platform;
}

export class WorkspaceAccess {
  private readonly granted: string[] = [];
  private list: RecentWorkspace[];
  private readonly listeners = new Set<(list: readonly RecentWorkspace[]) => void>();
  private readonly platform: NodeJS.Platform;

  constructor(private readonly o: WorkspaceAccessOptions = {}) {
    this.platform = o.platform ?? process.platform;
    this.list = o.recentFile ? parseRecent(readJsonOrUndefined(o.recentFile), this.platform) : [];
  }

  /** The main side saw this folder chosen (start-up, dialog, drop, open with): it may be opened. */
  grant(path: string): void {
    const p = resolve(path);
    if (!this.granted.some((g) => samePath(g, p, this.platform))) this.granted.push(p);
  }

  /** The recent list, newest first. */
  recent(): readonly RecentWorkspace[] {
    return this.list;
  }

  /** Empties the recent list (File ▸ Open Recent ▸ Clear). Folders granted in this run stay allowed. */
  clearRecent(): void {
    this.setList([]);
  }

  /** Called with the new list whenever it changes (the desktop app rebuilds its menu). */
  onRecentChange(fn: (list: readonly RecentWorkspace[]) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Resolves when `dir` may be opened; otherwise rejects with a message that names only `dir`. */
  async check(dir: string): Promise<void> {
    const wanted = resolve(dir);
    const allowed = [...this.granted, ...this.list.map((r) => r.path)];
    if (allowed.some((a) => samePath(a, wanted, this.platform))) return;
    const real = await realpath(wanted).catch(() => undefined);
    if (real) {
      for (const a of allowed) {
        const ra = await realpath(a).catch(() => undefined);
        if (ra && samePath(ra, real, this.platform)) return;
      }
    }
    throw new WorkspaceNotAllowedError(`${dir} was not opened from this app: a workspace is opened from the folder dialog, the recent list, a folder dropped on the window, or the command line (npm run web -- --workspace DIR)`);
  }

  /** Records a folder that was opened, first in the recent list (and grants it for this run). */
  opened(dir: string): void {
    this.grant(dir);
    this.setList(addRecent(this.list, resolve(dir), this.platform));
  }

  private setList(list: RecentWorkspace[]): void {
    this.list = list;
    if (this.o.recentFile) {
      try {
        writeFileAtomicallySync(this.o.recentFile, `${JSON.stringify(list, null, 2)}\n`, { mode: 0o600 });
      } catch {
        // The list is a convenience; failing to save it must not fail opening a workspace.
      }
    }
    for (const fn of this.listeners) fn(list);
  }
}

function readJsonOrUndefined(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
