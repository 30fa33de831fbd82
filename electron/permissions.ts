/**
 * Permission requests from web content (camera, microphone, notifications, geolocation, …) are
 * denied by default. The only grant is writing sanitised text to the clipboard from the app's own
 * top-level page (copy buttons); email previews and anything else get nothing.
 */
import { isAppUrl } from './guards';

/** Permissions the app's own page may use. Everything else is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export interface PermissionQuery {
  permission: string;
  /** The URL of the frame asking (Electron: `details.requestingUrl`, or the check handler's `requestingOrigin`). */
  requestingUrl: string | undefined;
  /** False for a request from a subframe (an email preview). Unknown counts as a subframe. */
  isMainFrame: boolean | undefined;
}

/** True only for an allowed permission asked by the app's own top-level page. */
export function permissionDecision(q: PermissionQuery, appUrl: string): boolean {
  if (!ALLOWED_PERMISSIONS.has(q.permission)) return false;
  if (q.isMainFrame !== true) return false;
  return q.requestingUrl !== undefined && isAppUrl(q.requestingUrl, appUrl);
}
