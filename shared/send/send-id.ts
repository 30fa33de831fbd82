/**
 * Send ids: `YYYYMMDD-HHMMSS-xxxxxx` (UTC time, then 6 random hex digits) — sortable by time and
 * safe as file names. The one pattern every check uses (the journal folder, the IPC contract).
 */

/** What a send id looks like. */
export const SEND_ID_RE = /^\d{8}-\d{6}-[a-f0-9]{6}$/;

/** A new send id for a send planned at `at`. */
export function newSendId(at = new Date()): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${at.getUTCFullYear()}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}-${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`;
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(3));
  return `${stamp}-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
