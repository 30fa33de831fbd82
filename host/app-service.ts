/**
 * App-level handlers: host information, the recent workspaces (kept on the main side in both hosts)
 * and the native shell's capabilities (dialogs, PDF export, data folder). The desktop app passes a
 * `NativeShell` (electron/native-shell.ts); the browser host has none, so those channels answer a
 * typed "unavailable" value.
 */
import type { Handlers } from './ipc/dispatch';
import type { ServiceContext } from './context';
import type { ChannelArgs, ChannelResult } from '../shared/ipc/contract';
import { CANIEMAIL_SOURCE } from '../shared/guardrails/compat/data';

type Result<C extends 'app.revealDataFolder' | 'dialog.openWorkspace' | 'dialog.openFiles' | 'dialog.saveFile' | 'dialog.savePdf'> = ChannelResult<C>;

/** What only the desktop shell can do. Each method returns the channel's result (never "unavailable"). */
export interface NativeShell {
  revealDataFolder(): Promise<Result<'app.revealDataFolder'>>;
  openWorkspaceDialog(): Promise<Result<'dialog.openWorkspace'>>;
  openFilesDialog(args: ChannelArgs<'dialog.openFiles'>): Promise<Result<'dialog.openFiles'>>;
  saveFileDialog(args: ChannelArgs<'dialog.saveFile'>): Promise<Result<'dialog.saveFile'>>;
  /** Save dialog (PDF), then renders `html` to PDF (Chromium's printer, hidden hardened window) and writes it there. */
  savePdfDialog(args: ChannelArgs<'dialog.savePdf'>): Promise<Result<'dialog.savePdf'>>;
  /** The renderer is subscribed to `app.command`: send what was held; returns how many. */
  rendererReady(): number;
  /** Native open dialog for the file holding a secret; the main side reads it (the path never reaches the renderer). */
  chooseSecretFile(o: { title: string; message: string }): Promise<{ status: 'chosen'; text: string } | { status: 'cancelled' }>;
}

/** The answer of a native-only channel under the browser host. */
export function unavailable(what: string) {
  return { status: 'unavailable' as const, message: `${what} is not available in the browser host; use the desktop app` };
}

/** The browser host's answer to a PDF export: it has no printer of its own; the renderer saves the HTML report instead. */
export const PDF_UNAVAILABLE_MESSAGE = 'PDF export is available in the desktop app, not in the browser host';

type AppChannel = 'app.info' | 'app.ready' | 'app.revealDataFolder' | 'app.recentWorkspaces' | 'dialog.openWorkspace' | 'dialog.openFiles' | 'dialog.saveFile' | 'dialog.savePdf';

export function appHandlers(ctx: ServiceContext): Pick<Handlers, AppChannel> {
  const native = ctx.native;
  return {
    'app.info': async () => ({ version: ctx.version, host: ctx.host, dataDir: ctx.dataDir, emailData: { package: CANIEMAIL_SOURCE.package, updated: CANIEMAIL_SOURCE.updated, url: CANIEMAIL_SOURCE.url } }),
    'app.ready': async () => ({ held: native ? native.rendererReady() : 0 }),
    'app.revealDataFolder': async () => (native ? native.revealDataFolder() : unavailable('Showing the data folder')),
    // Both hosts keep the list on the main side (host/workspace-access.ts).
    'app.recentWorkspaces': async () => ({ status: 'done', items: ctx.workspaceAccess.recent().map((r) => ({ ...r })) }),
    'dialog.openWorkspace': async () => {
      if (!native) return unavailable('The folder dialog');
      const r = await native.openWorkspaceDialog();
      // The person chose this folder in the main process's own dialog: it may now be opened.
      if (r.status === 'chosen') ctx.workspaceAccess.grant(r.path);
      return r;
    },
    'dialog.openFiles': async (args) => (native ? native.openFilesDialog(args) : unavailable('The open dialog')),
    'dialog.saveFile': async (args) => (native ? native.saveFileDialog(args) : unavailable('The save dialog')),
    'dialog.savePdf': async (args) => (native ? native.savePdfDialog(args) : { status: 'unavailable', message: PDF_UNAVAILABLE_MESSAGE }),
  };
}
