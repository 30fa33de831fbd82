import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalWriter } from '../../host/send/journal-writer';
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

describe('overlapping runs of one send', () => {
  const ok = (i: number): JournalRecord => ({ t: 'result', at, i, state: 'acknowledged', http: 200, response: {}, durationMs: 3, attempts: 1, reason: 'ok' });
  const head: JournalRecord[] = [{ t: 'confirm', at, recipients: 4 }, { t: 'sending', at, i: 0, attempt: 1 }, ok(0), { t: 'cancel', at }, { t: 'end', at }];

  it('two resumes that ran at once are refused and reported, and the batches both sent are marked', () => {
    const r = replayJournal(text(...head, { t: 'resume', at, batches: [1, 2, 3] }, { t: 'resume', at, batches: [1, 2, 3] }, { t: 'sending', at, i: 1, attempt: 1 }, { t: 'sending', at, i: 1, attempt: 1 }, ok(1), ok(1), { t: 'end', at }, { t: 'end', at }));
    expect(r.account!.overlapping).toBe(true);
    expect(r.problems.filter((p) => p.includes('two runs of this send overlapped')).map((p) => p.split(':')[0])).toEqual(['line 8', 'line 10', 'line 14']);
    expect(r.account!.batches[1]).toMatchObject({ state: 'acknowledged', repeated: true });
    expect(r.account!.batches[1]!.reason).toMatch(/may have received the message twice/);
  });

  it('a resume after the app stopped mid-run is not an overlap', () => {
    const r = replayJournal(
      text(
        { t: 'confirm', at, recipients: 4 },
        { t: 'sending', at, i: 0, attempt: 1 },
        { t: 'result', at, i: 0, state: 'unknown', http: null, response: null, durationMs: 0, attempts: 1, reason: 'in flight when the app stopped' },
        { t: 'resume', at, batches: [1, 2, 3], recovered: true },
        { t: 'sending', at, i: 1, attempt: 1 },
        ok(1),
        { t: 'end', at },
      ),
    );
    expect(r.problems).toEqual([]);
    expect(r.account!.overlapping).toBeUndefined();
  });

  it('a journal from before version 2 resumes after a crash as before (its resume records carry no "recovered")', () => {
    const v1 = [{ ...planRecord(plan, at), v: 1 }, { t: 'confirm', at, recipients: 4 }, { t: 'sending', at, i: 0, attempt: 1 }, ok(0), { t: 'resume', at, batches: [1, 2, 3] }, { t: 'end', at }].map((x) => journalLine(x as JournalRecord)).join('');
    expect(replayJournal(v1).problems).toEqual([]);
  });

  it('a batch sent by two runs never reads as less than its strongest outcome', () => {
    const r = replayJournal(text(...head.slice(0, 3), { t: 'sending', at, i: 0, attempt: 1 }, { t: 'result', at, i: 0, state: 'failed', http: 400, response: {}, durationMs: 3, attempts: 1, reason: 'bad' }));
    expect(r.account!.batches[0]).toMatchObject({ state: 'acknowledged', repeated: true });
    const torn = replayJournal(text(...head.slice(0, 3), { t: 'sending', at, i: 0, attempt: 1 }));
    expect(torn.account!.batches[0]).toMatchObject({ state: 'acknowledged', repeated: true });
  });

  it('retries of one batch in one run are not an overlap', () => {
    const r = replayJournal(text({ t: 'confirm', at, recipients: 4 }, { t: 'sending', at, i: 0, attempt: 1 }, { t: 'retry', at, i: 0, attempt: 1, reason: '429', http: 429, delayMs: 1 }, { t: 'sending', at, i: 0, attempt: 2 }, ok(0)));
    expect(r.problems).toEqual([]);
    expect(r.account!.batches[0]).toMatchObject({ state: 'acknowledged', attempts: 1 });
  });
});

describe('a torn last line, cut at every byte of its record', () => {
  // What was durable before the last record: batch 0 acknowledged, batch 1 in flight, batch 2 retried once.
  const before: JournalRecord[] = [
    { t: 'confirm', at, recipients: 4 },
    { t: 'sending', at, i: 0, attempt: 1 },
    { t: 'result', at, i: 0, state: 'acknowledged', http: 200, response: { code: 200, success: true, message: 'Campaign execution accepted' }, durationMs: 3, attempts: 1, reason: 'accepted and validated by the platform (not yet delivered)' },
    { t: 'sending', at, i: 2, attempt: 1 },
    { t: 'retry', at, i: 2, attempt: 1, reason: 'rate limited (HTTP 429)', http: 429, delayMs: 500 },
    { t: 'sending', at, i: 1, attempt: 1 },
  ];
  const lasts: [string, JournalRecord, string[]][] = [
    // The torn record is ignored; what it would have said is never less than what the rest says.
    ['the result of the batch in flight (acknowledged)', { t: 'result', at, i: 1, state: 'acknowledged', http: 200, response: { code: 200, success: true }, durationMs: 9, attempts: 1, reason: 'ok' }, ['acknowledged', 'unknown', 'never-sent', 'never-sent']],
    ['a "sending" (flushed before its request leaves, so a torn one sent nothing)', { t: 'sending', at, i: 3, attempt: 1 }, ['acknowledged', 'unknown', 'never-sent', 'never-sent']],
    ['a retry of the batch in flight', { t: 'retry', at, i: 1, attempt: 1, reason: 'service unavailable (HTTP 503)', http: 503, delayMs: 800 }, ['acknowledged', 'unknown', 'never-sent', 'never-sent']],
    ['the end record', { t: 'end', at }, ['acknowledged', 'unknown', 'never-sent', 'never-sent']],
    ['a skip', { t: 'skip', at, batches: [1], reason: 'checked with the platform' }, ['acknowledged', 'unknown', 'never-sent', 'never-sent']],
    ['a re-send of the batch', { t: 'resend', at, batches: [1], sendId: '20260101-000000-abcdef' }, ['acknowledged', 'unknown', 'never-sent', 'never-sent']],
  ];
  for (const [name, last, states] of lasts)
    it(`${name}: every cut is tolerated and reported, and no batch counts as less than before it`, () => {
      const base = text(...before);
      const line = journalLine(last);
      const whole = replayJournal(base);
      expect(whole.account!.batches.map((b) => b.state)).toEqual(states);
      for (let k = 1; k < line.length - 1; k++) {
        const r = replayJournal(base + line.slice(0, k));
        expect(r.account, `cut at byte ${k}`).toBeDefined();
        expect(r.problems, `cut at byte ${k}`).toEqual([`line ${before.length + 2} was cut short (the app stopped while writing it); it is ignored`]);
        expect(
          r.account!.batches.map((b) => b.state),
          `cut at byte ${k}`,
        ).toEqual(states);
        expect(countTargets(r.account!.batches), `cut at byte ${k}`).toEqual(countTargets(whole.account!.batches));
        expect(r.account!.batches[1]!.skipped ?? false).toBe(false);
        expect(r.account!.batches[1]!.resentAs).toBeUndefined();
        expect(statusOf(r.account!, false)).toBe('interrupted');
      }
      // Cut only before its newline, the record is whole and counts.
      expect(replayJournal(base + line.slice(0, -1)).problems).toEqual([]);
    });

  it('a record appended after a torn last line is kept: the fragment is ended first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'preflight-torn-'));
    try {
      const path = join(dir, 'j.jsonl');
      writeFileSync(path, text(...before) + journalLine({ t: 'result', at, i: 1, state: 'acknowledged', http: 200, response: {}, durationMs: 9, attempts: 1, reason: 'ok' }).slice(0, 30));
      const w = await JournalWriter.reopen(path);
      await w.append({ t: 'result', at, i: 1, state: 'unknown', http: null, response: null, durationMs: 0, attempts: 1, reason: 'in flight when the app stopped' });
      await w.close();
      const r = replayJournal(readFileSync(path, 'utf8'));
      expect(r.account!.batches[1]!.state).toBe('unknown');
      expect(r.account!.batches[1]!.interrupted).toBeUndefined();
      expect(r.problems).toEqual([`line ${before.length + 2} is not valid JSON; it is ignored`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
