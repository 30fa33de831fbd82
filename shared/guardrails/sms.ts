/** SMS guardrails: segment count (for this user's values and for the longest values in the data) and UCS-2 characters. */
import { smsLength, type SmsMetrics } from '../channels/sms';
import type { RawFinding } from './types';

/** Above this many segments a message is flagged: carriers and costs make long SMS a mistake more often than not. */
export const MAX_SMS_SEGMENTS = 10;

/** UCS-2 messages by the characters that force it: in a scan they come from the template and repeat. */
const ucs2Messages = new Map<string, string>();

function ucs2Message(nonGsm: readonly string[]): string {
  const key = nonGsm.length === 1 ? nonGsm[0]! : nonGsm.join('\u0000');
  let m = ucs2Messages.get(key);
  if (m === undefined) {
    m = `${nonGsm.map((c) => `“${c}”`).join(' ')} force${nonGsm.length === 1 ? 's' : ''} UCS-2: 70 characters per segment instead of 160`;
    if (ucs2Messages.size >= 1024) ucs2Messages.clear();
    ucs2Messages.set(key, m);
  }
  return m;
}

/** Checks one rendered SMS: more than 10 segments, characters that force UCS-2. */
export function checkSms(metrics: SmsMetrics, where: { node?: string; target?: string } = {}): RawFinding[] {
  const out: RawFinding[] = [];
  if (metrics.segments > MAX_SMS_SEGMENTS) out.push({ code: 'sms-segments', ...where, field: 'text', message: `the SMS is ${metrics.segments} segments: ${smsLength(metrics)}, ${metrics.encoding}; over ${MAX_SMS_SEGMENTS}` });
  if (metrics.encoding === 'UCS-2') out.push({ code: 'sms-ucs2', ...where, field: 'text', message: ucs2Message(metrics.nonGsm) });
  return out;
}

/**
 * For each attribute, the longest value any user would get (per-user value, param or profile):
 * rendering with these gives the longest message the data can produce.
 */
export function longestValues(references: readonly string[], users: readonly string[], resolve: (name: string, user: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>; // "__proto__" is a name like any other
  for (const name of references) {
    let best: unknown = '';
    let bestLen = -1;
    for (const u of users) {
      const v = resolve(name, u);
      const len = v === null || v === undefined ? 0 : typeof v === 'string' ? v.length : JSON.stringify(v).length;
      if (len > bestLen) {
        best = v;
        bestLen = len;
      }
    }
    out[name] = best;
  }
  return out;
}

/** The finding for the longest possible SMS of a node (campaign level). */
export function checkLongestSms(metrics: SmsMetrics, node: string): RawFinding[] {
  if (metrics.segments <= 1) return [];
  return [
    {
      code: 'sms-longest-value',
      node,
      field: 'text',
      message: `with the longest values in the data the SMS is ${smsLength(metrics)}, ${metrics.encoding}, ${metrics.segments} segments${metrics.segments > MAX_SMS_SEGMENTS ? ` (over ${MAX_SMS_SEGMENTS})` : ''}`,
    },
  ];
}
