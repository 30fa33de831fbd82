/**
 * Pure security guards for the Electron shell (no Electron import, so unit tests load them):
 * which URLs the app's own frames have, which links may open externally, and what to do when a
 * frame tries to navigate or open a window. electron/window.ts only wires these to events.
 */

/** True for a frame URL that belongs to the app (its bundled renderer), false for anything else. */
export function isAppUrl(url: string, rendererIndexUrl: string): boolean {
  try {
    const u = new URL(url);
    const app = new URL(rendererIndexUrl);
    if (app.protocol === 'file:') return u.protocol === 'file:' && u.pathname === app.pathname;
    // Compare scheme, host and port, not `origin`: WHATWG URL gives custom schemes such as app:
    // (and data:, blob: of them…) the opaque origin "null", and "null" === "null" would let any
    // such URL pass as the app.
    return u.protocol === app.protocol && u.host !== '' && u.host === app.host;
  } catch {
    return false;
  }
}

/** True for a link that may be offered for opening in the system browser: http(s) only, no credentials in it. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * What to do with a navigation:
 * - `allow`: let it happen (only a subframe loading its own srcdoc/blank document or an app page);
 * - `ask-external`: cancel it and offer to open the http(s) link in the system browser (main frame
 *   only: a subframe, such as an email preview, can navigate itself without any click, so its
 *   http(s) navigations are denied silently rather than turned into prompts);
 * - `open-file`: cancel it and treat the file as opened with the app (a file dropped on the window
 *   makes Chromium navigate to its file: URL when the page does not handle the drop itself);
 * - `deny`: cancel it.
 * The main frame never navigates: the renderer is a single page.
 */
export type NavigationDecision = { action: 'allow' } | { action: 'deny' } | { action: 'ask-external'; url: string } | { action: 'open-file'; path: string };

export function navigationDecision(url: string, o: { isMainFrame: boolean; appUrl: string; platform?: NodeJS.Platform }): NavigationDecision {
  if (!o.isMainFrame) return url === 'about:srcdoc' || url === 'about:blank' || isAppUrl(url, o.appUrl) ? { action: 'allow' } : { action: 'deny' };
  if (isSafeExternalUrl(url)) return { action: 'ask-external', url };
  const path = filePathFromUrl(url, o.platform ?? process.platform);
  if (path !== undefined) return { action: 'open-file', path };
  return { action: 'deny' };
}

/** A `window.open` / `target=_blank` request: never a new Electron window; http(s) may be offered externally. */
export function windowOpenDecision(url: string): { action: 'deny' } | { action: 'ask-external'; url: string } {
  return isSafeExternalUrl(url) ? { action: 'ask-external', url } : { action: 'deny' };
}

/** The local path of a `file:` URL (no host), or undefined. */
export function filePathFromUrl(url: string, platform: NodeJS.Platform): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'file:' || (u.hostname !== '' && u.hostname !== 'localhost')) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return undefined;
  }
  if (platform === 'win32') {
    // file:///C:/x → C:\x
    if (/^\/[A-Za-z]:\//.test(path)) return path.slice(1).replace(/\//g, '\\');
    return undefined;
  }
  return path || undefined;
}
