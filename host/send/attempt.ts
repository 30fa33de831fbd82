/**
 * One HTTP attempt of one batch: POST the body with the credentials merged in at the last moment,
 * classify how it ended for the retry policy, and scrub every secret from what is kept.
 */
import type { AttemptOutcome } from '../../shared/send/policy';
import { classifyNetworkError } from '../../shared/send/policy';
import { scrubSecrets } from '../../shared/secrets/scrub';
import { postWithAuth, type RequestAuth } from '../platform/auth';

export interface AttemptResult {
  outcome: AttemptOutcome;
  durationMs: number;
  /** The platform's reply (parsed JSON, or the raw text), secrets scrubbed; null without a reply. */
  response: unknown;
}

/** Execute endpoint of an environment's base URL. */
export function executeUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/external/execute/campaign`;
}

/** Sends one execute body once. Never throws: every ending is an outcome. */
export async function attemptOnce(url: string, body: Record<string, unknown>, auth: RequestAuth, timeoutMs: number): Promise<AttemptResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const res = await postWithAuth(url, auth, body, timeoutMs);
    const text = res.text;
    let response: unknown = text;
    let parsed = false;
    try {
      response = JSON.parse(text);
      parsed = true;
    } catch {
      // Keep the raw text: an unreadable reply is shown as it came.
    }
    return { outcome: { kind: 'response', status: res.status, retryAfter: res.retryAfter, body: response, parsed }, durationMs: took(), response };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
    const code = timedOut ? 'TIMEOUT' : (err.cause?.code ?? err.name);
    const message = scrubSecrets(timedOut ? `no reply within ${timeoutMs} ms` : `${err.cause?.message ?? err.message}${err.cause?.code ? ` (${err.cause.code})` : ''}`, auth.secrets);
    const kind = timedOut ? 'lost' : classifyNetworkError(err.cause?.code);
    return { outcome: { kind, code, message }, durationMs: took(), response: null };
  }
}
