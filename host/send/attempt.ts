/**
 * One HTTP attempt of one batch: POST the body with the credentials merged in at the last moment,
 * classify how it ended for the retry policy, and scrub every secret from what is kept.
 */
import type { AttemptOutcome } from '../../shared/send/policy';
import { classifyNetworkError } from '../../shared/send/policy';
import { scrubSecrets } from '../../shared/secrets/scrub';
import { postWithAuth, type RequestAuth } from '../platform/auth';
import { SecretDestinationError } from '../platform/destination';
import { BeforeWriteError, postJson, type Agents } from './wire';

export interface AttemptResult {
  outcome: AttemptOutcome;
  durationMs: number;
  /** The platform's reply (parsed JSON, or the raw text), secrets scrubbed; null without a reply. */
  response: unknown;
}

export { executeUrl } from '../../shared/send/request';

export interface AttemptOptions {
  /** Awaited once connected, before the first byte of the request is written (the durable `sending` record). */
  beforeWrite?: () => Promise<void>;
  agents?: Agents;
}

/**
 * Sends one execute body once. Every network ending is an outcome; the only exception is a failed
 * `beforeWrite` (the journal), rethrown as it came: then nothing was sent and sending must stop.
 */
export async function attemptOnce(url: string, body: Record<string, unknown>, auth: RequestAuth, timeoutMs: number, o: AttemptOptions = {}): Promise<AttemptResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const res = await postWithAuth(url, auth, body, timeoutMs, (u, r) => postJson({ url: u, ...r, beforeWrite: o.beforeWrite, agents: o.agents }));
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
    if (e instanceof BeforeWriteError) throw e.reason;
    // A secret aimed at the wrong origin never leaves: stop, rather than classify it as a network outcome.
    if (e instanceof SecretDestinationError) throw e;
    const err = e as Error & { code?: string; notWritten?: boolean; cause?: { code?: string; message?: string } };
    const code = err.code ?? err.cause?.code ?? err.name;
    const message = scrubSecrets(`${err.cause?.message ?? err.message}${code && code !== 'TIMEOUT' && !err.message.includes(code) ? ` (${code})` : ''}`, auth.secrets);
    // Provably unsent (refused, unresolvable, or failed before any byte was written) is retried; anything else may have reached the platform.
    const kind = err.notWritten === true ? 'not-sent' : classifyNetworkError(code);
    return { outcome: { kind, code, message }, durationMs: took(), response: null };
  }
}
