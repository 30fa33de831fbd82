/**
 * Handlers for the workspace folder: open one (only a folder the main side was given), re-read it,
 * read and save the files the app edits; emits external changes.
 */
import type { Handlers } from './ipc/dispatch';
import type { ServiceContext } from './context';
import { readWorkspace } from './workspace';
import { readWorkspaceText, writeWorkspaceText } from './workspace-files';
import { watchWorkspace } from './workspace-watch';

/** The current workspace folder, shared by the workspace and review handlers. */
export interface WorkspaceRef {
  dir: string;
}

type WorkspaceChannels = 'workspace.open' | 'workspace.current' | 'workspace.readFile' | 'workspace.writeFile';

export function workspaceHandlers(ctx: ServiceContext, ref: WorkspaceRef = { dir: ctx.workspaceDir }): Pick<Handlers, WorkspaceChannels> & { close(): void } {
  let stopWatching = () => {};
  const watchCurrent = () => {
    stopWatching();
    stopWatching = watchWorkspace(ref.dir, (paths) => ctx.emit('workspace.changed', { paths }));
  };
  return {
    'workspace.open': async ({ dir }) => {
      // The renderer may name only a folder the main side was given (host/workspace-access.ts).
      if (dir !== undefined) await ctx.workspaceAccess.check(dir);
      const snapshot = await readWorkspace(dir ?? ref.dir);
      if (!snapshot.diagnostics.some((d) => d.code === 'workspace-missing')) {
        ref.dir = snapshot.dir;
        ctx.workspaceAccess.opened(snapshot.dir);
        watchCurrent();
      }
      return snapshot;
    },
    'workspace.current': async () => readWorkspace(ref.dir),
    'workspace.readFile': async ({ path }) => ({ path, text: await readWorkspaceText(ref.dir, path) }),
    'workspace.writeFile': async ({ path, text, expected }) => {
      const { absolutePath: _real, ...r } = await writeWorkspaceText(ref.dir, path, text, expected);
      return { path, ...r };
    },
    close: () => stopWatching(),
  };
}
