/**
 * A send while it runs: its live account (built from the records its journal receives), and the
 * progress event the UI gets after each record.
 */
import type { EventPayload } from '../../shared/ipc/contract';
import { countBatches, countTargets, statusOf, type SendAccount } from '../../shared/send/journal';
import type { JournalWriter } from './journal-writer';

export interface Running {
  account: SendAccount;
  writer: JournalWriter;
  cancel: boolean;
  done: Promise<void>;
  startedAt: number;
  toSend: number;
  finished: number;
  error?: string;
}

/** The `send.progress` event of a send: counts, status and an ETA from the pace so far (0 once it stopped). */
export function progressOf(r: Running, live: boolean, batch?: SendAccount['batches'][number]): EventPayload<'send.progress'> {
  const a = r.account;
  const elapsed = performance.now() - r.startedAt;
  const etaMs = live && r.finished > 0 ? Math.round((elapsed / r.finished) * (r.toSend - r.finished)) : live ? null : 0;
  const bc = countBatches(a.batches);
  return {
    sendId: a.plan.sendId,
    done: bc.acknowledged + bc.failed + bc.unknown,
    total: a.batches.length,
    status: statusOf(a, live),
    batchCounts: bc,
    targetCounts: countTargets(a.batches),
    etaMs,
    ...(batch ? { batch: { ...batch } } : {}),
  };
}
