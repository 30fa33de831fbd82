/**
 * Runs a plan's batches against the platform from this (main) process: bounded concurrency, a
 * per-environment pace, the retry policy, and the journal written before and after every request.
 * Cancelling stops new batches; batches in flight finish and are recorded.
 */
import { bodyOf, type SendPlan } from '../../shared/send/plan';
import { decide, DEFAULT_RETRY, type RetryConfig } from '../../shared/send/policy';
import type { JournalRecord } from '../../shared/send/journal';
import type { RequestAuth } from '../platform/auth';
import { checkDestination } from '../platform/destination';
import { scrubSecrets } from '../../shared/secrets/scrub';
import { attemptOnce, executeUrl } from './attempt';
import type { JournalWriter } from './journal-writer';
import type { Agents } from './wire';

export interface RunOptions {
  plan: SendPlan;
  /** Which batches to send (0-based), in order. */
  indexes: number[];
  journal: JournalWriter;
  /** Resolved per batch, so rotated or refreshed credentials are picked up mid-send. */
  credentials: () => Promise<RequestAuth>;
  limiter?: { take(): Promise<void> };
  concurrency: number;
  timeoutMs?: number;
  retry?: RetryConfig;
  isCancelled: () => boolean;
  /** Called after each record is durable (the live view and progress events). */
  onRecord?: (r: JournalRecord) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Keep-alive connections for the execute calls. */
  agents?: Agents;
}

export interface RunOutcome {
  /** Set when the journal could not be written: sending stopped at once. */
  journalError?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sends the given batches and writes the closing `end` record. */
export async function runBatches(o: RunOptions): Promise<RunOutcome> {
  const url = executeUrl(o.plan.environment.baseUrl);
  const retry = o.retry ?? DEFAULT_RETRY;
  const sleep = o.sleep ?? defaultSleep;
  const timeoutMs = o.timeoutMs ?? 30_000;
  let next = 0;
  let journalError: string | undefined;
  const stopped = () => journalError !== undefined || o.isCancelled();

  const pending = new Set<Promise<void>>();
  /**
   * Appends a record; the promise resolves once it is durable. A `sending` record is awaited before
   * the request leaves. A result is not awaited by the worker: the next `sending` record's sync covers
   * it (same file, in order), and a crash before that sync reads as "in flight" (unknown) — never
   * as less than what happened.
   */
  const record = (r: JournalRecord): Promise<void> => {
    const p = o.journal.append(r).then(() => o.onRecord?.(r));
    pending.add(p);
    p.then(
      () => pending.delete(p),
      (e: Error) => {
        pending.delete(p);
        journalError ??= `the send journal could not be written (${e.message}); sending stopped`;
      },
    );
    return p;
  };

  const sendBatch = async (i: number) => {
    const body = bodyOf(o.plan, i);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let auth: RequestAuth;
      try {
        auth = await o.credentials();
        // The plan's URL must be where these credentials were given for (a stale plan, a changed environment).
        checkDestination(auth, url);
      } catch (e) {
        await record({ t: 'result', at: now(), i, state: 'failed', http: null, response: null, durationMs: 0, attempts: attempt - 1, reason: `not sent: ${(e as Error).message}` });
        return;
      }
      await o.limiter?.take();
      // The `sending` record is durable before the first byte leaves; it is written once the
      // connection is up, so a crash leaves as little as possible between the two.
      const r = await attemptOnce(url, body, auth, timeoutMs, { beforeWrite: () => record({ t: 'sending', at: now(), i, attempt }), agents: o.agents });
      const d = decide(r.outcome, attempt, retry, { canRefresh: !refreshed && auth.refresh !== undefined });
      const http = r.outcome.kind === 'response' ? r.outcome.status : null;
      const reason = scrubSecrets(d.reason, auth.secrets);
      if (d.action === 'settle') {
        void record({ t: 'result', at: now(), i, state: d.state, http, response: r.response, durationMs: r.durationMs, attempts: attempt, reason });
        return;
      }
      if (d.action === 'refresh') {
        refreshed = true;
        const again = await auth.refresh!().catch(() => false);
        if (!again) {
          await record({ t: 'result', at: now(), i, state: 'failed', http, response: r.response, durationMs: r.durationMs, attempts: attempt, reason: 'authentication failed (HTTP 401) and refreshing the credentials did not help' });
          return;
        }
        await record({ t: 'retry', at: now(), i, attempt, reason, http, delayMs: 0 });
        continue;
      }
      void record({ t: 'retry', at: now(), i, attempt, reason, http, delayMs: d.delayMs });
      await sleep(d.delayMs);
      // A cancel during the wait leaves the batch never sent: the platform did not act on it.
      if (stopped()) return;
    }
  };

  const worker = async () => {
    while (!stopped() && next < o.indexes.length) {
      const i = o.indexes[next++]!;
      try {
        await sendBatch(i);
      } catch (e) {
        // Only the journal can throw here: without a durable record nothing more may be sent.
        journalError ??= `the send journal could not be written (${(e as Error).message}); sending stopped`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, o.indexes.length)) }, worker));
  await Promise.allSettled([...pending]);
  if (!journalError) {
    try {
      await record({ t: 'end', at: now() });
    } catch (e) {
      journalError = `the send journal could not be closed (${(e as Error).message})`;
    }
  }
  return journalError ? { journalError } : {};
}

function now() {
  return new Date().toISOString();
}
