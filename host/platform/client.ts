/**
 * The platform's HTTP client: `POST {base}/api/external/{verb}/{object}` with a JSON body carrying
 * the environment's credentials (host/platform/auth.ts), one retry after a 401 when the credentials
 * can be refreshed (OAuth). Every outcome is a value; secrets are scrubbed from anything returned.
 */
import type { EnvironmentConfig } from '../../shared/environments';
import type { PlatformFailure } from '../../shared/ipc/channels/platform';
import { methodUrl } from '../../shared/platform/assumptions';
import { describeErrors, parseEnvelope, type Envelope, type UnreadableResponse } from '../../shared/platform/envelope';
import type { SecretStore } from '../secrets';
import { scrubSecrets } from '../../shared/secrets/scrub';
import { credentialsFor, postWithAuth, type RequestAuth } from './auth';
import { SecretDestinationError } from './destination';
import { OAuthTokenError } from './oauth';

/** What one call observed. */
export type CallOutcome = { kind: 'response'; status: number; envelope?: Envelope; unreadable?: UnreadableResponse } | { kind: 'network'; error: string } | { kind: 'no-credentials'; error: string };

export interface CallOptions {
  timeoutMs?: number;
}

async function post(url: string, auth: RequestAuth, body: Record<string, unknown>, timeoutMs: number): Promise<CallOutcome> {
  try {
    const res = await postWithAuth(url, auth, body, timeoutMs);
    const parsed = parseEnvelope(res.text);
    return parsed.ok ? { kind: 'response', status: res.status, envelope: parsed.envelope } : { kind: 'response', status: res.status, unreadable: parsed.problem };
  } catch (e) {
    if (e instanceof SecretDestinationError) return { kind: 'no-credentials', error: e.message };
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const code = err.cause?.code;
    const what = err.name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : code ? `${code}${err.cause?.message ? `: ${err.cause.message}` : ''}` : err.message;
    return { kind: 'network', error: scrubSecrets(`${new URL(url).host}: ${what}`, auth.secrets) };
  }
}

/** An OAuth token that could not be had is a network problem or a refusal, not missing credentials. */
function credentialFailure(e: unknown, known: readonly string[]): CallOutcome {
  const message = scrubSecrets((e as Error).message, known);
  if (e instanceof OAuthTokenError) {
    if (e.kind === 'unreachable') return { kind: 'network', error: message };
    const status = e.kind === 'refused' && e.status ? e.status : 502;
    return { kind: 'response', status, envelope: { code: status, success: false, message, extra: {} } };
  }
  return { kind: 'no-credentials', error: message };
}

/** Calls one API method of an environment. */
export async function callPlatform(env: EnvironmentConfig, secrets: SecretStore, verb: string, object: string, body: Record<string, unknown>, options: CallOptions = {}): Promise<CallOutcome> {
  let auth: RequestAuth;
  try {
    auth = await credentialsFor(env, secrets);
  } catch (e) {
    return credentialFailure(e, secrets.known());
  }
  const url = methodUrl(env.baseUrl, verb, object);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const first = await post(url, auth, body, timeoutMs);
  if (first.kind === 'response' && first.status === 401 && auth.refresh) {
    try {
      if (await auth.refresh()) return post(url, auth, body, timeoutMs);
    } catch (e) {
      return credentialFailure(e, auth.secrets);
    }
  }
  return first;
}

/** The envelope of a successful call, or the failure to show (plain message, status, raw answer). */
export function successOf(o: CallOutcome, what: string): { ok: true; envelope: Envelope } | { ok: false; failure: PlatformFailure } {
  if (o.kind === 'network') return { ok: false, failure: { kind: 'unreachable', message: `Could not reach the API to ${what}: ${o.error}` } };
  if (o.kind === 'no-credentials') return { ok: false, failure: { kind: 'no-credentials', message: `Cannot ${what}: ${o.error}.` } };
  if (o.unreadable) return { ok: false, failure: { kind: 'unreadable', message: `Could not ${what}: ${o.unreadable.message}`, httpStatus: o.status, raw: o.unreadable.raw } };
  const env = o.envelope!;
  if (o.status >= 200 && o.status < 300 && env.success !== false) return { ok: true, envelope: env };
  const detail = [env.message, describeErrors(env.errors)].filter(Boolean).join(' — ');
  return { ok: false, failure: { kind: 'http', httpStatus: o.status, message: `Could not ${what}: the API answered ${o.status}${detail ? ` (${detail})` : ''}.` } };
}
