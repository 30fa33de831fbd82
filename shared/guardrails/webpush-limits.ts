/**
 * Where notification titles and bodies get cut, per platform. One table for the guardrails and the
 * previews. Platforms do not publish these numbers: they depend on font, window size and OS version,
 * so each figure is the commonly cited visible length from the sources named, rounded, and treated as
 * "about". Update the table (and its source) rather than hard-coding numbers elsewhere.
 *
 * Sources (retrieved for this table; re-check when a platform redesigns its notifications):
 * - Issue #5 of this project: Chrome on Windows about 70/140, Firefox about 50/200, macOS much shorter.
 * - OneSignal, "Web Push Notification Content Guide" / "Notification character limits"
 *   (documentation.onesignal.com): Chrome Windows ~60–80 title / ~120–150 body; macOS ~40 / ~90;
 *   Android ~65 / ~240 (collapsed); iOS lock screen ~178 characters of body (4 lines) and a
 *   single-line title (~50).
 * - Pushwoosh / PushEngage character-limit guides repeat the same ranges.
 */

export type NotificationPlatform = 'chrome-windows' | 'chrome-macos' | 'chrome-android' | 'firefox-windows' | 'ios' | 'android';

export interface NotificationLimit {
  platform: NotificationPlatform;
  label: string;
  /** Which channel the platform belongs to. */
  channel: 'webpush' | 'push';
  /** Visible title characters before the platform truncates (about). */
  title: number;
  /** Visible body characters before the platform truncates (about). */
  body: number;
  source: string;
}

export const NOTIFICATION_LIMITS: readonly NotificationLimit[] = [
  { platform: 'chrome-windows', label: 'Chrome · Windows', channel: 'webpush', title: 70, body: 140, source: 'Issue #5; OneSignal character limits (60–80 / 120–150)' },
  { platform: 'chrome-macos', label: 'Chrome · macOS', channel: 'webpush', title: 40, body: 90, source: 'OneSignal character limits (macOS ~40 / ~90)' },
  { platform: 'chrome-android', label: 'Chrome · Android', channel: 'webpush', title: 65, body: 240, source: 'OneSignal character limits (Android ~65 / ~240 collapsed)' },
  { platform: 'firefox-windows', label: 'Firefox · Windows', channel: 'webpush', title: 50, body: 200, source: 'Issue #5 (Firefox ~50 / ~200)' },
  { platform: 'ios', label: 'iOS', channel: 'push', title: 50, body: 178, source: 'OneSignal character limits (iOS ~178 body on the lock screen, one-line title)' },
  { platform: 'android', label: 'Android', channel: 'push', title: 65, body: 240, source: 'OneSignal character limits (Android ~65 / ~240 collapsed)' },
];

const BY_CHANNEL = {
  webpush: NOTIFICATION_LIMITS.filter((l) => l.channel === 'webpush'),
  push: NOTIFICATION_LIMITS.filter((l) => l.channel === 'push'),
};

/** The limits for one channel, in table order (checked for every user of a scan: filtered once). */
export function limitsFor(channel: 'webpush' | 'push'): readonly NotificationLimit[] {
  return BY_CHANNEL[channel];
}

/** Cuts a text at a visible limit the way notification UIs do (code points, then an ellipsis). */
export function truncateAt(text: string, limit: number): { text: string; truncated: boolean } {
  const chars = [...text];
  if (chars.length <= limit) return { text, truncated: false };
  return {
    text:
      chars
        .slice(0, Math.max(0, limit - 1))
        .join('')
        .trimEnd() + '…',
    truncated: true,
  };
}
