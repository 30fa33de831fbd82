/**
 * The send journal's record shapes and its replay. A journal is one append-only JSON Lines file per
 * send: the plan first (every batch with its targets), then each batch's transitions. Replaying it
 * gives an exact account of every batch — acknowledged, failed, unknown or never sent — even when
 * the app died mid-write: a torn last line is reported, never fatal. Two runs of one send that
 * overlapped (which the send manager's lock exists to prevent) are reported, and the account is
 * marked so that nothing resumes or re-sends it automatically.
 */
import type { FinalState } from './policy';
import type { SendPlan } from './plan';

/**
 * Version 2: a resume after a run that never ended says so (`recovered`), which lets the replay tell
 * a restart after a crash from two runs overlapping. Version 1 journals are read as before.
 */
export const JOURNAL_VERSION = 2;

export type JournalRecord =
  | ({ t: 'plan'; v: number; at: string } & SendPlan)
  /** What the person confirmed, written with the plan: the override reason when blocking errors were overridden. */
  | { t: 'confirm'; at: string; recipients: number; typed?: string; override?: { reason: string; errors: string[] }; mayReceiveTwice?: number }
  /** Written and flushed before the request of attempt `attempt` leaves. */
  | { t: 'sending'; at: string; i: number; attempt: number }
  /** The attempt was not acted on by the platform (refused, 429, 503); another follows after `delayMs`. */
  | { t: 'retry'; at: string; i: number; attempt: number; reason: string; http: number | null; delayMs: number }
  | { t: 'result'; at: string; i: number; state: FinalState; http: number | null; response: unknown; durationMs: number; attempts: number; reason: string }
  /** The person decided to leave these unknown batches alone. */
  | { t: 'skip'; at: string; batches: number[]; reason: string }
  /**
   * A resume began; `baseUrl` is where it sends (the sandbox moves port between runs). `recovered`:
   * the run before it never wrote its end (the app stopped), so no other run is going on.
   */
  | { t: 'resume'; at: string; batches: number[]; baseUrl?: string; recovered?: boolean }
  /** Written (and flushed) before re-send `sendId` of these batches is created: each batch is re-sent at most once from here. */
  | { t: 'resend'; at: string; batches: number[]; sendId: string }
  | { t: 'cancel'; at: string }
  | { t: 'end'; at: string };

/** Where a batch stands: `never-sent` covers planned batches and ones whose every attempt was refused before acting. */
export type BatchState = 'never-sent' | 'sending' | FinalState;

export interface BatchAccount {
  index: number;
  targets: number;
  state: BatchState;
  httpStatus: number | null;
  response: unknown;
  durationMs: number | null;
  attempts: number;
  reason?: string;
  /** True when the request was in flight when the app stopped: its outcome is unknown. */
  interrupted?: boolean;
  /** The person chose to skip this unknown batch. */
  skipped?: boolean;
  /** The send these batches were re-sent as (they are not re-sent again from here). */
  resentAs?: string;
  /** Two overlapping runs both sent this batch: its users may have received the message twice. */
  repeated?: boolean;
  /** For a repeated batch, the strongest outcome an earlier run recorded. */
  prior?: FinalState;
  xid: string;
}

export type SendStatus = 'running' | 'completed' | 'cancelled' | 'interrupted';

/** The account of one send, as replayed from its journal. */
export interface SendAccount {
  plan: SendPlan;
  batches: BatchAccount[];
  ended: boolean;
  cancelled: boolean;
  resumes: number;
  /** When the send was confirmed and its first request could leave (the confirm record); the plan's `createdAt` is when it was previewed. */
  startedAt?: string;
  /** When the last run wrote its end. */
  finishedAt?: string;
  /** True while a run (the first, or a resume) has begun and not written its end. */
  runOpen: boolean;
  /** The journal format of its plan record (JOURNAL_VERSION when written by this build). */
  version: number;
  /** Set when the journal records two runs of this send at once: it is reported and never resumed or re-sent automatically. */
  overlapping?: boolean;
  /** Problems found while reading the journal (torn or corrupt lines, overlapping runs), in plain language. */
  problems: string[];
}

export interface Counts {
  acknowledged: number;
  failed: number;
  unknown: number;
  neverSent: number;
  sending: number;
}

/** A fresh account for a plan: every batch never sent. */
export function accountOf(plan: SendPlan): SendAccount {
  return {
    plan,
    batches: plan.batches.map((b) => ({ index: b.i, targets: b.targets.length, state: 'never-sent', httpStatus: null, response: null, durationMs: null, attempts: 0, xid: b.xid })),
    ended: false,
    cancelled: false,
    resumes: 0,
    runOpen: false,
    version: JOURNAL_VERSION,
    problems: [],
  };
}

export interface ReplayResult {
  account?: SendAccount;
  problems: string[];
}

/** Serialises one record as a journal line. */
export function journalLine(r: JournalRecord): string {
  return JSON.stringify(r) + '\n';
}

/** Builds the plan record. */
export function planRecord(plan: SendPlan, at = new Date().toISOString()): JournalRecord {
  return { t: 'plan', v: JOURNAL_VERSION, at, ...plan };
}

/**
 * Replays a journal's text. `live` says the send is still running in this process (so an open
 * `sending` is in flight, not interrupted).
 */
export function replayJournal(text: string, opts: { live?: boolean } = {}): ReplayResult {
  const problems: string[] = [];
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n');
  let account: SendAccount | undefined;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    const isLast = n === lines.length - 1 || (n === lines.length - 2 && endsClean && lines[n + 1] === '');
    let r: JournalRecord;
    try {
      r = JSON.parse(line) as JournalRecord;
      if (!r || typeof r !== 'object' || Array.isArray(r)) throw new TypeError('not a record');
    } catch {
      problems.push(isLast && !endsClean ? `line ${n + 1} was cut short (the app stopped while writing it); it is ignored` : `line ${n + 1} is not valid JSON; it is ignored`);
      continue;
    }
    if (!account) {
      if (r.t !== 'plan') {
        problems.push(`line ${n + 1}: the journal does not start with its plan`);
        return { problems };
      }
      const { t: _t, v, at: _at, ...plan } = r;
      account = { ...accountOf(plan), problems, version: typeof v === 'number' ? v : 1 };
      continue;
    }
    applyJournalRecord(account, r, n + 1, problems);
  }
  if (!account) {
    problems.push('the journal has no readable plan: no request was made for this send');
    return { problems };
  }
  if (!opts.live)
    for (const b of account.batches)
      if (b.state === 'sending') {
        b.state = strongest(b.prior, 'unknown');
        b.interrupted = true;
        b.reason = 'the app stopped while this request was in flight: the platform may have acted';
      }
  return { account, problems };
}

/** How much a final state says the platform may have done (failed: it did not act; unknown: it may have; acknowledged: it did). */
const STRENGTH: Record<FinalState, number> = { failed: 1, unknown: 2, acknowledged: 3 };
const strongest = (a: FinalState | undefined, b: FinalState): FinalState => (a !== undefined && STRENGTH[a] > STRENGTH[b] ? a : b);

/** Applies one record after the plan to an account (replay, and the live view of a running send). */
export function applyJournalRecord(a: SendAccount, r: JournalRecord, line: number, problems: string[] = a.problems) {
  const at = line > 0 ? `line ${line}` : 'a record';
  const batch = (i: number) => {
    const b = a.batches[i];
    if (!b) problems.push(`${at}: batch ${i + 1} is not in the plan; the record is ignored`);
    return b;
  };
  const overlap = (what: string) => {
    a.overlapping = true;
    problems.push(`${at}: ${what}: two runs of this send overlapped. Preflight will not resume or re-send it; check its users with the platform (export them from the batch table)`);
  };
  switch (r.t) {
    case 'sending': {
      const b = batch(r.i);
      if (!b) break;
      // One run sends a batch only while it is never sent (its first attempt, or the next one after a retry record).
      if (b.state !== 'never-sent') {
        b.repeated = true;
        if (b.state !== 'sending') b.prior = strongest(b.prior, b.state);
        overlap(`batch ${r.i + 1} was sent again while it was ${b.state}`);
      }
      Object.assign(b, { state: 'sending', attempts: r.attempt });
      break;
    }
    case 'retry': {
      // The platform did not act on this attempt: until another one leaves, nothing was sent.
      const b = batch(r.i);
      if (b) Object.assign(b, { state: b.prior ?? 'never-sent', attempts: r.attempt, httpStatus: r.http, reason: `${r.reason} (retrying)` });
      break;
    }
    case 'result': {
      const b = batch(r.i);
      if (!b) break;
      // A repeated batch keeps the strongest outcome of its runs: never counted as less than what happened.
      const state = strongest(b.prior, r.state);
      const reason = b.repeated ? `${r.reason} (sent by two overlapping runs: its users may have received the message twice)` : r.reason;
      Object.assign(b, { state, httpStatus: r.http, response: r.response, durationMs: r.durationMs, attempts: r.attempts, reason, interrupted: undefined });
      break;
    }
    case 'confirm':
      if (r.override) a.plan.override = r.override;
      a.startedAt ??= r.at;
      a.runOpen = true;
      break;
    case 'skip':
      for (const i of r.batches) {
        const b = batch(i);
        if (b) b.skipped = true;
      }
      break;
    case 'resend':
      for (const i of r.batches) {
        const b = batch(i);
        if (b) b.resentAs = r.sendId;
      }
      break;
    case 'resume':
      // A resume while a run is open is a restart after a crash only when it says so (version 2 on).
      if (a.runOpen && !r.recovered && a.version >= 2) overlap('a resume began while an earlier run had not ended');
      a.resumes++;
      if (r.baseUrl) a.plan.environment = { ...a.plan.environment, baseUrl: r.baseUrl };
      a.ended = false;
      a.cancelled = false;
      a.runOpen = true;
      break;
    case 'cancel':
      a.cancelled = true;
      break;
    case 'end':
      if (!a.runOpen && a.ended) overlap('a second end record with no run between');
      a.ended = true;
      a.runOpen = false;
      a.finishedAt = r.at;
      break;
    case 'plan':
      problems.push(`${at}: a second plan record; it is ignored`);
      break;
    default:
      problems.push(`${at}: unknown record type; it is ignored`);
  }
}

/** Batch counts by state. */
export function countBatches(batches: BatchAccount[]): Counts {
  const c: Counts = { acknowledged: 0, failed: 0, unknown: 0, neverSent: 0, sending: 0 };
  for (const b of batches) {
    if (b.state === 'never-sent') c.neverSent++;
    else c[b.state]++;
  }
  return c;
}

/** Recipient counts by batch state. */
export function countTargets(batches: BatchAccount[]): Counts {
  const c: Counts = { acknowledged: 0, failed: 0, unknown: 0, neverSent: 0, sending: 0 };
  for (const b of batches) {
    if (b.state === 'never-sent') c.neverSent += b.targets;
    else c[b.state] += b.targets;
  }
  return c;
}

/** The overall status of a send. `live` is true while it runs in this process. */
export function statusOf(a: SendAccount, live: boolean): SendStatus {
  if (live) return 'running';
  if (a.cancelled) return 'cancelled';
  if (a.ended) return 'completed';
  // A journal without an end record: the app stopped during the send.
  return 'interrupted';
}
