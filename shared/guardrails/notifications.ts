/** Web push and mobile push guardrails: title and body against each platform's visible length. */
import type { RawFinding } from './types';
import { codePointLength } from '../channels/graphemes';
import { limitsFor } from './webpush-limits';

/** Messages by channel, field and length (up to 1,000): the same few recur for every user of a scan. */
const messages = { webpush: { title: [] as (string | null)[], body: [] as (string | null)[] }, push: { title: [] as (string | null)[], body: [] as (string | null)[] } };

function lengthMessage(channel: 'webpush' | 'push', field: 'title' | 'body', n: number): string | null {
  const known = messages[channel][field];
  let m = known[n];
  if (m === undefined) {
    const cut = limitsFor(channel).filter((l) => n > l[field]);
    m = cut.length ? `${field} has ${n} characters: cut on ${cut.map((l) => `${l.label} (~${l[field]})`).join(', ')}` : null;
    if (n < 1000) known[n] = m;
  }
  return m;
}

/** Flags a title or body longer than a platform shows, naming the platforms that cut it. */
export function checkNotification(channel: 'webpush' | 'push', fields: Record<string, string>, where: { node?: string; target?: string } = {}): RawFinding[] {
  const out: RawFinding[] = [];
  const code = channel === 'webpush' ? 'webpush-length' : 'push-length';
  for (const field of ['title', 'body'] as const) {
    const value = fields[field];
    if (value === undefined) continue;
    const message = lengthMessage(channel, field, codePointLength(value));
    if (message) out.push({ code, ...where, field, message });
  }
  return out;
}
