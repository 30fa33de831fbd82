/**
 * What the UI and exports see of a send: summaries for the history, the per-batch detail, and the
 * CSV exports (history rows; a batch's users as a target list that can be loaded again).
 */
import { toCsv } from '../targets/csv-export';
import { countBatches, countTargets, statusOf, type SendAccount, type SendStatus } from './journal';
import type { SendPlan } from './plan';

/** What every view of a planned send states: which send, where, what and how many. */
export function planFacts(p: SendPlan) {
  return {
    kind: p.kind,
    ...(p.parentSendId ? { parentSendId: p.parentSendId } : {}),
    environment: p.environment,
    campaignId: p.campaignId,
    targetBy: p.targetBy,
    recipients: p.recipients,
    batchCount: p.batches.length,
    batchSize: p.batchSize,
  };
}

/** One line of send history: the plan's facts with the journal's account of it. */
export function summaryOf(a: SendAccount, live: boolean) {
  const p = a.plan;
  return {
    sendId: p.sendId,
    createdAt: p.createdAt,
    // When it went out (the confirmation), and when its last run ended: the plan was made when the preview opened.
    ...(a.startedAt ? { startedAt: a.startedAt } : {}),
    ...(a.finishedAt ? { finishedAt: a.finishedAt } : {}),
    ...planFacts(p),
    status: statusOf(a, live) as SendStatus,
    batchCounts: countBatches(a.batches),
    targetCounts: countTargets(a.batches),
    problems: a.problems,
    ...(a.overlapping ? { overlapping: true } : {}),
    ...(p.override ? { override: p.override } : {}),
  };
}
export type SendSummaryView = ReturnType<typeof summaryOf>;

export function detailOf(a: SendAccount, live: boolean) {
  return { ...summaryOf(a, live), options: a.plan.options, batches: a.batches.map((b) => ({ ...b })) };
}

/** True for a send the person should look at: unknown batches not yet decided, or batches never sent after a stop. */
export function needsAttention(s: SendSummaryView, a: SendAccount): boolean {
  if (s.status === 'running') return false;
  if (a.overlapping) return true;
  if (a.batches.some((b) => b.state === 'unknown' && !b.skipped && !b.resentAs)) return true;
  return s.status !== 'completed' && s.batchCounts.neverSent > 0;
}

const HISTORY_COLUMNS = ['send_id', 'created_at', 'started_at', 'kind', 'environment', 'production', 'campaign_id', 'target_by', 'recipients', 'batches', 'status', 'acknowledged_targets', 'failed_targets', 'unknown_targets', 'never_sent_targets', 'override_reason'];

/** The history as CSV, one row per send. */
export function historyCsv(rows: SendSummaryView[]): string {
  return toCsv(
    HISTORY_COLUMNS,
    rows.map((s) => [
      s.sendId,
      s.createdAt,
      s.startedAt ?? '',
      s.kind,
      s.environment.name,
      String(s.environment.production),
      s.campaignId,
      s.targetBy,
      String(s.recipients),
      String(s.batchCount),
      s.status,
      String(s.targetCounts.acknowledged),
      String(s.targetCounts.failed),
      String(s.targetCounts.unknown + s.targetCounts.sending),
      String(s.targetCounts.neverSent),
      s.override?.reason ?? '',
    ]),
  );
}

/** The users of some batches as a target list: the id column named by target_by, then one column per per-user value. */
export function targetListCsv(plan: SendPlan, indexes: number[]): { csv: string; count: number } {
  const users: [string, Record<string, unknown>][] = [];
  const keys = new Set<string>();
  for (const i of indexes) {
    const b = plan.batches[i];
    if (!b) continue;
    for (const t of b.targets) {
      const v = b.twp?.[t] ?? {};
      for (const k of Object.keys(v)) keys.add(k);
      users.push([t, v]);
    }
  }
  const cols = [...keys];
  const cell = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  return {
    csv: toCsv(
      [plan.targetBy, ...cols],
      users.map(([t, v]) => [t, ...cols.map((k) => cell(v[k]))]),
    ),
    count: users.length,
  };
}
