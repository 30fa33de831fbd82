/**
 * The desktop app's main-side confirmation (no Electron import, so it is unit-tested): the native
 * message box a change of destination or a new secret is confirmed in, and the open dialog a
 * secret's file is chosen in. The renderer can trigger neither answer: the box is drawn and
 * answered by the OS, and its text comes from host/confirm.ts, not from the renderer.
 */
import type { ConfirmRequest } from '../host/confirm';

/** Options for `dialog.showMessageBox`: the confirming button first, Cancel the default (Enter or Esc is no). */
export function confirmDialogOptions(r: ConfirmRequest) {
  return {
    type: 'warning' as const,
    buttons: [r.confirmLabel, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Preflight',
    message: r.title,
    detail: r.detail.join('\n\n'),
  };
}

/** A `showMessageBox` answer is a yes only for the confirming button. */
export function confirmed(response: number): boolean {
  return response === 0;
}

/** A secret's file is one short line: anything bigger is not read. */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** Options for `dialog.showOpenDialog` when choosing the file holding a secret (one file, no folders). */
export function secretFileDialogOptions(o: { title: string; message: string }) {
  return { title: o.title, message: o.message, buttonLabel: 'Use this file', properties: ['openFile' as const, 'dontAddToRecent' as const] };
}
