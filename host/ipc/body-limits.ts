/**
 * The largest request body the browser host reads for each IPC channel, checked before anything
 * is buffered (host/http/body.ts). Ordinary channels carry a few fields and get a few MB; the
 * channels below carry what a person loaded or wrote, and their limit says why it is what it is.
 * File imports never cross this transport: the renderer's import worker reads the picked file.
 */
import type { ChannelName } from '../../shared/ipc/contract';

const MB = 1024 * 1024;

/** What every channel not listed below may send. */
export const DEFAULT_BODY_LIMIT = 4 * MB;

const LIMITS: Partial<Record<ChannelName, number>> = {
  // The whole data set, once per import, paste or undo (host/held-data.ts; targets, params,
  // per-user columns): 100,000 users with 10 per-user values are about 15 MB of JSON; this leaves
  // room for a million. The app's sends name it by revision; a one-off caller may still give it.
  'data.set': 256 * MB,
  // A part of a data set (shared/data/parts.ts): 10,000 users, each with values of any size.
  'data.part': 256 * MB,
  'send.prepare': 256 * MB,
  // The QA report's HTML (its schema allows 200 MB), JSON-escaped.
  'review.exportReport': 256 * MB,
  // Review state: a mark and a comment per user and node (100,000 users × 3 nodes ≈ 30 MB).
  'review.save': 64 * MB,
  // The data a campaign is reviewed with, kept for the next start: the same data as a send.
  'data.keep': 256 * MB,
  // Imported profiles (one object of values per user).
  'data.keepProfiles': 256 * MB,
  // Campaign, settings, review and report files written from the editor.
  'workspace.writeFile': 64 * MB,
};

/** The body limit of a channel, in bytes (the default for unknown names: they are refused after reading). */
export function bodyLimitFor(channel: string): number {
  return Object.prototype.hasOwnProperty.call(LIMITS, channel) ? LIMITS[channel as ChannelName]! : DEFAULT_BODY_LIMIT;
}
