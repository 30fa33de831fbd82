import { describe, expect, it } from 'vitest';
import { batchMessage, batchStatusText, sendHeadline, sortBatches, type BatchFacts } from '../../shared/send/batch-text';

const counts = (c: Partial<Record<'acknowledged' | 'failed' | 'unknown' | 'neverSent' | 'sending', number>>) => ({ acknowledged: 0, failed: 0, unknown: 0, neverSent: 0, sending: 0, ...c });
const send = { environment: { name: 'Staging' }, kind: 'send', status: 'completed', batchCount: 3 };

describe("a send's headline", () => {
  it('says "Sent" only when the platform accepted something', () => {
    expect(sendHeadline({ ...send, batchCounts: counts({ acknowledged: 2, unknown: 1 }) })).toBe('Sent to Staging: 2 of 3 batches accepted');
  });
  it('a send whose every attempt was refused says nothing reached the platform', () => {
    expect(sendHeadline({ ...send, batchCount: 1, batchCounts: counts({ failed: 1 }), batches: [{ state: 'failed', httpStatus: null }] })).toBe('Nothing reached Staging: 0 of 1 batch accepted');
  });
  it('a send the platform rejected says nothing was sent', () => {
    expect(sendHeadline({ ...send, batchCount: 1, batchCounts: counts({ failed: 1 }), batches: [{ state: 'failed', httpStatus: 400 }] })).toBe('Nothing was sent to Staging: 0 of 1 batch accepted');
  });
  it('a send with only unknown outcomes says so', () => {
    expect(sendHeadline({ ...send, batchCount: 2, batchCounts: counts({ unknown: 1, failed: 1 }) })).toBe('Outcome unknown in Staging: 0 of 2 batches accepted, 1 batch unknown');
  });
});

describe('a batch in words', () => {
  const b = (x: Partial<BatchFacts>): BatchFacts => ({ index: 0, state: 'acknowledged', httpStatus: 200, response: null, attempts: 1, durationMs: 5, targets: 2, ...x });
  it("an accepted batch shows the platform's message", () => {
    const x = b({ response: { code: 200, success: true, message: 'Campaign execution accepted' }, reason: 'accepted and validated by the platform (not yet delivered)' });
    expect([batchStatusText(x), batchMessage(x)]).toEqual(['Accepted', 'Campaign execution accepted']);
  });
  it('a refused connection reads as words, not a code', () => {
    const x = b({ state: 'failed', httpStatus: null, attempts: 6, reason: 'not sent: ECONNREFUSED on all 6 attempts (the platform did not act on it)' });
    expect([batchStatusText(x), batchMessage(x)]).toEqual(['Failed — never reached the platform', 'connection refused on all 6 attempts: the request never reached the platform']);
  });
  it("a 500 keeps the platform's message once", () => {
    const x = b({ state: 'unknown', httpStatus: 500, response: { code: 500, success: false, message: 'Internal server error' }, reason: 'HTTP 500: Internal server error; the platform may have acted' });
    expect([batchStatusText(x), batchMessage(x)]).toEqual(['Unknown — may have reached the platform', 'HTTP 500: Internal server error; the platform may have acted']);
  });
  it("a rate-limited batch shows the platform's message and the reason", () => {
    const x = b({ state: 'failed', httpStatus: 429, response: { message: 'Rate limit exhausted' }, reason: 'rate limited (HTTP 429) on all 6 attempts (the platform did not act on it)' });
    expect([batchStatusText(x), batchMessage(x)]).toEqual(['Failed — turned away, not acted on', 'Rate limit exhausted — rate limited (HTTP 429) on all 6 attempts (the platform did not act on it)']);
  });
  it('sorting by status puts what needs a decision first, then by batch number', () => {
    const rows = [b({ index: 0 }), b({ index: 1, state: 'unknown' }), b({ index: 2, state: 'failed' }), b({ index: 3, state: 'unknown' })];
    expect(sortBatches(rows, 'status').map((r) => r.index)).toEqual([1, 3, 2, 0]);
    expect(sortBatches(rows, 'batch').map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });
});
