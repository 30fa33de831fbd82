import { describe, expect, it } from 'vitest';
import { countTargets, journalLine, planRecord, replayJournal, statusOf, type JournalRecord } from '../../shared/send/journal';
import { planSend } from '../../shared/send/plan';

const plan = planSend({ sendId: 'S', environment: { id: 'e', name: 'E', baseUrl: 'http://x', production: false }, campaignId: 'C', data: { target_by: 'user_id', target: ['a', 'b', 'c', 'd'], params: {}, target_with_params: {} }, batchSize: 1 });
const at = '2026-01-01T00:00:00.000Z';
const text = (...rs: JournalRecord[]) => [planRecord(plan, at), ...rs].map(journalLine).join('');

describe('journal replay', () => {
  it('accounts every batch: acknowledged, failed, unknown and never sent', () => {
    const r = replayJournal(
      text(
        { t: 'sending', at, i: 0, attempt: 1 },
        { t: 'result', at, i: 0, state: 'acknowledged', http: 200, response: {}, durationMs: 3, attempts: 1, reason: 'ok' },
        { t: 'sending', at, i: 1, attempt: 1 },
        { t: 'result', at, i: 1, state: 'failed', http: 400, response: {}, durationMs: 3, attempts: 1, reason: 'bad' },
        { t: 'sending', at, i: 2, attempt: 1 },
      ),
    );
    expect(r.account!.batches.map((b) => b.state)).toEqual(['acknowledged', 'failed', 'unknown', 'never-sent']);
    expect(r.account!.batches[2]!.interrupted).toBe(true);
    expect(statusOf(r.account!, false)).toBe('interrupted');
    expect(countTargets(r.account!.batches)).toMatchObject({ acknowledged: 1, failed: 1, unknown: 1, neverSent: 1 });
  });

  it('a batch whose attempts were all turned away before acting (429 then stop) counts as never sent', () => {
    const r = replayJournal(text({ t: 'sending', at, i: 0, attempt: 1 }, { t: 'retry', at, i: 0, attempt: 1, reason: '429', http: 429, delayMs: 10 }));
    expect(r.account!.batches[0]!.state).toBe('never-sent');
  });

  it('tolerates and reports a torn last line (crash mid-write)', () => {
    const full = text({ t: 'sending', at, i: 0, attempt: 1 });
    const torn = full + '{"t":"result","at":"2026-01-01T00:00:00.000Z","i":0,"sta';
    const r = replayJournal(torn);
    expect(r.account!.batches[0]!.state).toBe('unknown');
    expect(r.problems).toEqual(['line 3 was cut short (the app stopped while writing it); it is ignored']);
  });

  it('a corrupt middle line is reported and skipped, never fatal', () => {
    const lines = text({ t: 'sending', at, i: 0, attempt: 1 }).split('\n');
    lines.splice(1, 0, 'garbage');
    const r = replayJournal(lines.join('\n'));
    expect(r.account).toBeDefined();
    expect(r.problems[0]).toMatch(/line 2 is not valid JSON/);
  });

  it('a journal cut inside its plan made no request, and says so', () => {
    const r = replayJournal(journalLine(planRecord(plan, at)).slice(0, 40));
    expect(r.account).toBeUndefined();
    expect(r.problems.at(-1)).toMatch(/no request was made/);
  });

  it('a cancelled send that ended reads as cancelled; an ended one as completed', () => {
    expect(statusOf(replayJournal(text({ t: 'cancel', at }, { t: 'end', at })).account!, false)).toBe('cancelled');
    expect(statusOf(replayJournal(text({ t: 'end', at })).account!, false)).toBe('completed');
  });
});
