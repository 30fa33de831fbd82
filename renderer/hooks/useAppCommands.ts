/**
 * Subscribes to the desktop shell's menu commands (`app.command`) and to workspace changes on disk
 * (`workspace.changed`), then tells the shell the renderer is ready (held commands are sent).
 * This screen carries out `open-workspace` and `export-report`; other commands belong to other screens.
 */
import { useEffect, useRef } from 'react';
import type { AppCommand } from '../../shared/ipc/channels/app';
import { api, call } from '../api/client';
import { useWorkspace } from '../stores/workspace';

export function useAppCommands(exportReport: () => Promise<void>): void {
  const exportRef = useRef(exportReport);
  exportRef.current = exportReport;
  useEffect(() => {
    const openWorkspace = async (c: AppCommand) => {
      let path = c.path;
      if (!path) {
        const r = await call('dialog.openWorkspace', {});
        if (r.status === 'chosen') path = r.path;
        else if (r.status === 'unavailable') {
          // The browser host has no folder dialog: it opens the folders it was started with (its recent list).
          const recent = await call('app.recentWorkspaces', {});
          const known = recent.status === 'done' ? recent.items.map((i) => i.path) : [];
          path = window.prompt(`Open a workspace this host was started with (npm run web -- --workspace DIR):\n${known.join('\n')}`, known[0] ?? '') ?? undefined;
        }
      }
      if (!path) return;
      await useWorkspace.getState().open(path);
      if (c.campaign) useWorkspace.getState().select(c.campaign);
    };
    const offCommand = api.on('app.command', (c) => {
      if (c.command === 'open-workspace') void openWorkspace(c);
      else if (c.command === 'export-report') void exportRef.current();
    });
    const offChanged = api.on('workspace.changed', ({ paths }) => void useWorkspace.getState().externalChange(paths));
    void call('app.ready', {}).catch(() => undefined);
    return () => {
      offCommand();
      offChanged();
    };
  }, []);
}
