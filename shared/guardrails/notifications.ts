/** Web push and mobile push guardrails: title and body against each platform's visible length. */
import type { RawFinding } from './types';
import { limitsFor } from './webpush-limits';

/** Flags a title or body longer than a platform shows, naming the platforms that cut it. */
export function checkNotification(channel: 'webpush' | 'push', fields: Record<string, string>, where: { node?: string; target?: string } = {}): RawFinding[] {
  const out: RawFinding[] = [];
  const code = channel === 'webpush' ? 'webpush-length' : 'push-length';
  for (const field of ['title', 'body'] as const) {
    const value = fields[field];
    if (value === undefined) continue;
    const n = [...value].length;
    const cut = limitsFor(channel).filter((l) => n > l[field]);
    if (cut.length)
      out.push({ code, ...where, field, message: `${field} has ${n} characters: cut on ${cut.map((l) => `${l.label} (~${l[field]})`).join(', ')}` });
  }
  return out;
}
