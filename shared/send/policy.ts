/**
 * The retry policy. Execute calls are not idempotent (a repeated call sends again), so a batch is
 * retried automatically only when the platform cannot have acted on it: the connection was refused
 * or the host name did not resolve before the request left, or the platform answered 429 or 503.
 * Anything after which it may have acted (timeout, reset, other 5xx, an unreadable 2xx reply) is
 * `unknown` and handed to the person; other 4xx are `failed`.
 */

/** How one attempt ended. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string | null; body: unknown; parsed: boolean }
  /** The request never left: connection refused, DNS failure. */
  | { kind: 'not-sent'; code: string; message: string }
  /** The request may have left: timeout, reset, socket closed mid-exchange. */
  | { kind: 'lost'; code: string; message: string };

export type FinalState = 'acknowledged' | 'failed' | 'unknown';

export type Decision =
  | { action: 'retry'; delayMs: number; reason: string }
  /** 401 with refreshable credentials: refresh once, then try again at once. */
  | { action: 'refresh'; reason: string }
  | { action: 'settle'; state: FinalState; reason: string };

export interface RetryConfig {
  /** Attempts in all, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap of the exponential backoff. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the batch is failed (the platform did not act). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryConfig = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000 };

/** Error codes (Node/undici) meaning the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Classifies a network error code: only refusals and name failures prove nothing was sent. */
export function classifyNetworkError(code: string | undefined): 'not-sent' | 'lost' {
  return code !== undefined && NOT_SENT_CODES.has(code) ? 'not-sent' : 'lost';
}

/** Parses a Retry-After header (seconds or an HTTP date) into milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Capped exponential backoff with jitter (half fixed, half random) for attempt n (1-based). */
export function backoffMs(attempt: number, cfg: RetryConfig, random: () => number = Math.random): number {
  const exp = Math.min(cfg.maxDelayMs, cfg.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

function platformMessage(body: unknown): string {
  if (body && typeof body === 'object' && 'message' in body && typeof (body as { message: unknown }).message === 'string') return (body as { message: string }).message;
  return typeof body === 'string' ? body.slice(0, 200) : '';
}

/**
 * Decides what follows attempt `attempt` (1-based). `canRefresh` is true while a 401 has not yet
 * been answered with one credential refresh.
 */
export function decide(outcome: AttemptOutcome, attempt: number, cfg: RetryConfig = DEFAULT_RETRY, opts: { canRefresh?: boolean; random?: () => number; now?: number } = {}): Decision {
  const last = attempt >= cfg.maxAttempts;
  const wait = (reason: string, retryAfter?: string | null): Decision => {
    const asked = parseRetryAfter(retryAfter, opts.now);
    if (asked !== undefined && asked > cfg.maxRetryAfterMs) return { action: 'settle', state: 'failed', reason: `${reason}; the platform asked to wait ${Math.round(asked / 1000)} s, longer than Preflight waits (nothing was sent)` };
    if (last) return { action: 'settle', state: 'failed', reason: `${reason} on all ${attempt} attempts (the platform did not act on it)` };
    return { action: 'retry', delayMs: Math.max(asked ?? 0, backoffMs(attempt, cfg, opts.random)), reason };
  };
  if (outcome.kind === 'not-sent') return wait(`not sent: ${outcome.code}`);
  if (outcome.kind === 'lost') return { action: 'settle', state: 'unknown', reason: `${outcome.message}: the request may have reached the platform` };
  const { status } = outcome;
  if (status >= 200 && status < 300) {
    if (!outcome.parsed) return { action: 'settle', state: 'unknown', reason: `HTTP ${status} but the reply could not be read: the platform may have acted` };
    if (outcome.body && typeof outcome.body === 'object' && (outcome.body as { success?: unknown }).success === false) return { action: 'settle', state: 'unknown', reason: `HTTP ${status} with success: false: ${platformMessage(outcome.body)}` };
    return { action: 'settle', state: 'acknowledged', reason: 'accepted and validated by the platform (not yet delivered)' };
  }
  if (status === 429) return wait('rate limited (HTTP 429)', outcome.retryAfter);
  if (status === 503) return wait('service unavailable (HTTP 503)', outcome.retryAfter);
  if (status === 401 && opts.canRefresh) return { action: 'refresh', reason: 'authentication failed (HTTP 401): refreshing credentials once' };
  if (status >= 400 && status < 500) return { action: 'settle', state: 'failed', reason: `HTTP ${status}: ${platformMessage(outcome.body) || 'rejected by the platform'}` };
  return { action: 'settle', state: 'unknown', reason: `HTTP ${status}: ${platformMessage(outcome.body) || 'server error'}; the platform may have acted` };
}
