/**
 * A send's result in words: the headline of a send, and per batch a status a person can read and
 * the platform's message (not cut JSON), plus the orders and filters of the batch table. Pure, so
 * the wording is tested once and every view says the same.
 */
import type { BatchState } from './journal';

/** What the wording needs of a batch (the journal's BatchAccount and the IPC batch row both fit). */
export interface BatchFacts {
  index: number;
  state: BatchState;
  httpStatus: number | null;
  response: unknown;
  attempts: number;
  durationMs: number | null;
  targets: number;
  reason?: string;
}

/** What the headline needs of a send. */
export interface SendFacts {
  environment: { name: string };
  kind: string;
  status: string;
  batchCount: number;
  batchCounts: { acknowledged: number; failed: number; unknown: number; neverSent: number; sending: number };
  batches?: Pick<BatchFacts, 'state' | 'httpStatus'>[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * The heading of a send's result. "Sent" only when the platform accepted something; when nothing
 * can have reached anyone it says so, and when the only outcome is unknown it says that.
 */
export function sendHeadline(s: SendFacts): string {
  const c = s.batchCounts;
  const of = `${c.acknowledged.toLocaleString('en')} of ${plural(s.batchCount, 'batch', 'batches')} accepted`;
  const test = s.kind === 'test' ? ' (test send)' : '';
  if (s.status === 'running') return `Sending to ${s.environment.name}: ${of} so far${test}`;
  if (c.acknowledged > 0) return `Sent to ${s.environment.name}: ${of}${test}`;
  if (c.unknown + c.sending > 0) return `Outcome unknown in ${s.environment.name}: ${of}, ${plural(c.unknown + c.sending, 'batch', 'batches')} unknown${test}`;
  // Nothing was acted on: failed batches were turned away or refused, the rest never left.
  const reachedNobody = (s.batches ?? []).every((b) => b.state !== 'failed' || b.httpStatus === null);
  return `${reachedNobody ? `Nothing reached ${s.environment.name}` : `Nothing was sent to ${s.environment.name}`}: ${of}${test}`;
}

/** A batch's state in words. */
export function batchStatusText(b: Pick<BatchFacts, 'state' | 'httpStatus'>): string {
  switch (b.state) {
    case 'acknowledged':
      return 'Accepted';
    case 'unknown':
      return 'Unknown — may have reached the platform';
    case 'never-sent':
      return 'Never sent';
    case 'sending':
      return 'Sending…';
    case 'failed':
      if (b.httpStatus === null) return 'Failed — never reached the platform';
      if (b.httpStatus === 429 || b.httpStatus === 503) return 'Failed — turned away, not acted on';
      return `Failed — rejected by the platform (HTTP ${b.httpStatus})`;
  }
}

/** Network error codes as words. */
const CODE_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EAI_NONAME: 'host name not found',
  EAI_FAIL: 'host name lookup failed',
  ENETUNREACH: 'network unreachable',
  EHOSTUNREACH: 'host unreachable',
  ECONNRESET: 'connection closed before the request was written',
  TIMEOUT: 'no connection in time',
};

/** The platform's own message in a reply envelope, if it has one. */
export function platformMessage(response: unknown): string | undefined {
  if (response && typeof response === 'object' && !Array.isArray(response)) {
    const m = (response as { message?: unknown }).message;
    if (typeof m === 'string' && m.trim() !== '') return m.trim();
  }
  return typeof response === 'string' && response.trim() !== '' ? response.trim().slice(0, 300) : undefined;
}

/** The recorded reason with network codes in words ("not sent: ECONNREFUSED on all 6 attempts" → "connection refused on all 6 attempts: …"). */
export function reasonText(reason: string | undefined): string {
  if (!reason) return '';
  const m = /^not sent: ([A-Z][A-Z0-9_]+)(.*)$/.exec(reason);
  if (!m) return reason;
  const words = CODE_WORDS[m[1]!] ?? m[1]!;
  const rest = m[2]!.replace(/\s*\(the platform did not act on it\)\s*$/, '');
  return `${words}${rest}: the request never reached the platform`;
}

/**
 * What to read in a batch's message cell: the platform's message for an accepted batch; otherwise
 * the platform's message (when it sent one) with the recorded reason in words.
 */
export function batchMessage(b: Pick<BatchFacts, 'state' | 'response' | 'reason'>): string {
  const platform = platformMessage(b.response);
  if (b.state === 'acknowledged') return platform ?? reasonText(b.reason);
  const reason = reasonText(b.reason);
  if (!platform) return reason;
  if (!reason || reason.includes(platform)) return reason || platform;
  return `${platform} — ${reason}`;
}

/** Batch table orders: by number, by status (what needs a decision first), by HTTP status, time or attempts. */
export type BatchSort = 'batch' | 'status' | 'http' | 'time' | 'attempts';

const STATUS_RANK: Record<BatchState, number> = { unknown: 0, failed: 1, 'never-sent': 2, sending: 3, acknowledged: 4 };

/** Sorts batches (a copy) by `key`, then by batch number. */
export function sortBatches<T extends BatchFacts>(batches: readonly T[], key: BatchSort): T[] {
  const value = (b: T): number => {
    switch (key) {
      case 'status':
        return STATUS_RANK[b.state];
      case 'http':
        return b.httpStatus ?? -1;
      case 'time':
        return -(b.durationMs ?? -1);
      case 'attempts':
        return -b.attempts;
      default:
        return 0;
    }
  };
  return batches.slice().sort((a, b) => value(a) - value(b) || a.index - b.index);
}
