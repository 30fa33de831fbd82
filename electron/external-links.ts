/**
 * The one way a link leaves the app: http(s) only, and only after the person confirms.
 * `confirm` and `open` are injected (a message box and `shell.openExternal` in electron/native-shell.ts),
 * so the flow is unit-tested without Electron.
 */
import { isSafeExternalUrl } from './guards';

export type ExternalOutcome = 'opened' | 'refused' | 'cancelled' | 'failed';

export async function openExternalAfterConfirm(url: string, confirm: (url: string) => Promise<boolean>, open: (url: string) => Promise<void>): Promise<ExternalOutcome> {
  if (!isSafeExternalUrl(url)) return 'refused';
  // Normalised form: what the person is shown is exactly what is opened.
  const href = new URL(url).href;
  if (!(await confirm(href))) return 'cancelled';
  try {
    await open(href);
    return 'opened';
  } catch {
    return 'failed';
  }
}
