/**
 * Pure security guards for the Electron shell (no Electron import, so unit tests load them):
 * which URLs the app's own frames have, which links may open externally.
 */

/** True for a frame URL that belongs to the app (its bundled renderer), false for anything else. */
export function isAppUrl(url: string, rendererIndexUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(rendererIndexUrl);
    if (app.protocol === 'file:') return u.protocol === 'file:' && u.pathname === app.pathname;
    return u.origin === app.origin;
  } catch {
    return false;
  }
}

/** True for a link that may be offered for opening in the system browser: http(s) only. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}
