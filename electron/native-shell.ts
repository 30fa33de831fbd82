/**
 * The Electron side of the native capabilities: open and save dialogs, the QA report's PDF export
 * (pdf-export.ts), revealing the data folder,
 * and the one place a link is opened in the system browser (after confirmation, http(s) only —
 * see external-links.ts). Implements host/app-service.ts `NativeShell`.
 */
import { app, dialog, shell, type BrowserWindow } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import type { NativeShell } from '../host/app-service';
import type { ConfirmRequest } from '../host/confirm';
import { writeFileAtomically } from '../host/atomic-write';
import { confirmDialogOptions, confirmed, MAX_SECRET_FILE_BYTES, secretFileDialogOptions } from './confirm-dialog';
import { openExternalAfterConfirm, type ExternalOutcome } from './external-links';
import { renderHtmlToPdf } from './pdf-export';
import { pdfSaveDialogOptions } from './pdf-options';

export interface NativeShellOptions {
  window: () => BrowserWindow | undefined;
  dataDir: string;
  rendererReady: () => number;
}

export function createNativeShell(o: NativeShellOptions): NativeShell {
  return {
    async revealDataFolder() {
      const error = await shell.openPath(o.dataDir);
      if (error) throw new Error(`the data folder ${o.dataDir} could not be shown: ${error}`);
      return { status: 'done', path: o.dataDir };
    },
    async openWorkspaceDialog() {
      const options = { title: 'Open Workspace', buttonLabel: 'Open', properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
      const w = o.window();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      const path = r.filePaths[0];
      return r.canceled || !path ? { status: 'cancelled' } : { status: 'chosen', path };
    },
    async openFilesDialog(args) {
      const properties: ('openFile' | 'multiSelections')[] = args.multiple ? ['openFile', 'multiSelections'] : ['openFile'];
      const options = { title: args.title ?? 'Import', properties, filters: args.filters };
      const w = o.window();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled || r.filePaths.length === 0 ? { status: 'cancelled' } : { status: 'chosen', paths: r.filePaths as [string, ...string[]] };
    },
    async saveFileDialog(args) {
      const options = { title: args.title ?? 'Export', defaultPath: args.suggestedName, filters: args.filters };
      const w = o.window();
      const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return { status: 'cancelled' };
      // The path comes from the person's own choice in the native dialog, never from the renderer.
      await writeFileAtomically(r.filePath, args.content);
      return { status: 'saved', path: r.filePath };
    },
    async savePdfDialog(args) {
      const options = pdfSaveDialogOptions(args);
      const w = o.window();
      const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return { status: 'cancelled' };
      const pdf = await renderHtmlToPdf(args.html, { countryCode: app.getLocaleCountryCode() });
      // As for saveFile: the path is the person's own choice in the native dialog.
      await writeFileAtomically(r.filePath, pdf);
      return { status: 'saved', path: r.filePath, bytes: pdf.length };
    },
    rendererReady: () => o.rendererReady(),
    async chooseSecretFile(args) {
      const options = secretFileDialogOptions(args);
      const w = o.window();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      const path = r.filePaths[0];
      if (r.canceled || !path) return { status: 'cancelled' };
      // The person chose this path in the native dialog; it is read here and never leaves the main side.
      if ((await stat(path)).size > MAX_SECRET_FILE_BYTES) throw new Error(`the chosen file is larger than ${MAX_SECRET_FILE_BYTES / 1024} KB; a token file holds the token alone`);
      return { status: 'chosen', text: await readFile(path, 'utf8') };
    },
  };
}

/** Asks the person in a native message box (host/confirm.ts decides when and what). */
export async function confirmNatively(request: ConfirmRequest, parent: BrowserWindow | undefined): Promise<boolean> {
  const options = confirmDialogOptions(request);
  const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  return confirmed(r.response);
}

/** Asks before opening an http(s) link in the system browser. The only caller of `shell.openExternal`. */
export function openLinkExternally(url: string, parent: BrowserWindow | undefined): Promise<ExternalOutcome> {
  return openExternalAfterConfirm(
    url,
    async (href) => {
      const options = { type: 'question' as const, buttons: ['Open in Browser', 'Cancel'], defaultId: 1, cancelId: 1, message: 'Open this link in your browser?', detail: href };
      const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return r.response === 0;
    },
    (href) => shell.openExternal(href),
  );
}

/** Tells the person why a path handed to the app (open with, drop) was not opened. */
export function explainUnsupported(path: string, reason: string, parent: BrowserWindow | undefined): void {
  const options = { type: 'warning' as const, message: `Preflight cannot open ${path}`, detail: `Because ${reason}.` };
  void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options));
}
