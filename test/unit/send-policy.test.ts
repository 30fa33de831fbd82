import { describe, expect, it } from 'vitest';
import { backoffMs, decide, DEFAULT_RETRY, parseRetryAfter } from '../../shared/send/policy';

const res = (status: number, extra: Partial<{ retryAfter: string; body: unknown; parsed: boolean }> = {}) => ({ kind: 'response' as const, status, body: extra.body ?? { success: status < 300, message: 'm' }, parsed: extra.parsed ?? true, retryAfter: extra.retryAfter });
const fixed = { random: () => 0.5, now: 0 };

describe('retry policy', () => {
  it('a 2xx reply is acknowledged: accepted and validated, not delivered', () => {
    expect(decide(res(200), 1, DEFAULT_RETRY, fixed)).toEqual({ action: 'settle', state: 'acknowledged', reason: expect.stringContaining('not yet delivered') });
  });
  it('a 2xx reply that cannot be read is unknown, never retried', () => {
    expect(decide(res(200, { parsed: false, body: '{"code": 2' }), 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'settle', state: 'unknown' });
  });
  it('429 and 503 are retried, honouring Retry-After', () => {
    expect(decide(res(429, { retryAfter: '7' }), 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'retry', delayMs: 7000 });
    expect(decide(res(503), 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'retry' });
  });
  it('429 after the last attempt is failed, saying the platform did not act', () => {
    expect(decide(res(429), DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'settle', state: 'failed', reason: expect.stringContaining('did not act') });
  });
  it('a Retry-After beyond what Preflight waits fails the batch instead of waiting', () => {
    expect(decide(res(429, { retryAfter: '3600' }), 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'settle', state: 'failed' });
  });
  it('a refused connection or DNS failure is retried: nothing left the machine', () => {
    expect(decide({ kind: 'not-sent', code: 'ECONNREFUSED', message: 'x' }, 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'retry' });
    expect(decide({ kind: 'not-sent', code: 'ENOTFOUND', message: 'x' }, DEFAULT_RETRY.maxAttempts, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'settle', state: 'failed' });
  });
  it.each([500, 502, 504])('HTTP %i is unknown and never retried', (status) => {
    expect(decide(res(status), 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'settle', state: 'unknown' });
  });
  it('a timeout or reset after sending is unknown and never retried', () => {
    expect(decide({ kind: 'lost', code: 'TIMEOUT', message: 'no reply' }, 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'settle', state: 'unknown' });
    expect(decide({ kind: 'lost', code: 'ECONNRESET', message: 'reset' }, 1, DEFAULT_RETRY, fixed)).toMatchObject({ action: 'settle', state: 'unknown' });
  });
  it("4xx other than 429 is failed with the platform's message", () => {
    expect(decide(res(400, { body: { message: 'Invalid request: id is required' } }), 1, DEFAULT_RETRY, fixed)).toEqual({ action: 'settle', state: 'failed', reason: 'HTTP 400: Invalid request: id is required' });
  });
  it('401 refreshes credentials once when they can be refreshed, and fails otherwise', () => {
    expect(decide(res(401), 1, DEFAULT_RETRY, { ...fixed, canRefresh: true })).toMatchObject({ action: 'refresh' });
    expect(decide(res(401), 2, DEFAULT_RETRY, { ...fixed, canRefresh: false })).toMatchObject({ action: 'settle', state: 'failed' });
  });
  it('backoff grows exponentially with jitter and stops at the cap', () => {
    const cfg = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, cfg, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, cfg, () => 0)).toBe(200);
  });
  it('Retry-After is read as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000);
    expect(parseRetryAfter(new Date(5000).toUTCString(), 0)).toBe(5000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
