/** Handlers for the workspace folder: open one, re-read the current one. */
import type { Handlers } from './ipc/dispatch';
import type { ServiceContext } from './context';
import { readWorkspace } from './workspace';

export function workspaceHandlers(ctx: ServiceContext): Pick<Handlers, 'workspace.open' | 'workspace.current'> {
  let workspaceDir = ctx.workspaceDir;
  return {
    'workspace.open': async ({ dir }) => {
      const snapshot = await readWorkspace(dir ?? workspaceDir);
      if (!snapshot.diagnostics.some((d) => d.code === 'workspace-missing')) workspaceDir = snapshot.dir;
      return snapshot;
    },
    'workspace.current': async () => readWorkspace(workspaceDir),
  };
}
