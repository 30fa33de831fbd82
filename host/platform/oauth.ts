/**
 * OAuth 2.0 client credentials: fetches a bearer token from `{base}/api/oauth/token` and caches it
 * per base URL and client id until shortly before it expires. Secrets stay in this process: errors
 * never echo the client secret or a token.
 */
import { OAUTH } from '../../shared/platform/assumptions';
import { scrubSecrets } from '../../shared/secrets/scrub';

interface CachedToken {
  token: string;
  expiresAt: number;
}

const cache = new Map<string, CachedToken>();

/** Why a token could not be had: the endpoint was unreachable, refused the client, or answered nonsense. */
export class OAuthTokenError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'refused' | 'invalid',
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The clock used for expiry (replaced in tests so expiry needs no waiting). */
export const oauthClock = { now: () => Date.now() };

/** Forgets every cached token (tests, and "sign out" of an environment). */
export function clearOAuthCache(): void {
  cache.clear();
}

const keyOf = (baseUrl: string, clientId: string) => `${baseUrl.replace(/\/+$/, '')}\n${clientId}`;

/** The cached token when it is still valid. */
export function cachedToken(baseUrl: string, clientId: string): string | undefined {
  const c = cache.get(keyOf(baseUrl, clientId));
  return c && c.expiresAt > oauthClock.now() ? c.token : undefined;
}

/** Drops the cached token (after a 401). */
export function dropToken(baseUrl: string, clientId: string): void {
  cache.delete(keyOf(baseUrl, clientId));
}

/** The token endpoint of a base URL. */
export function tokenUrlOf(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${OAUTH.tokenPath}`;
}

/**
 * Requests a new token and caches it; throws a plain-language error that names no secret (every
 * secret in `known` is scrubbed from what the endpoint answered). The caller has checked the
 * destination (host/platform/destination.ts).
 */
export async function fetchToken(baseUrl: string, clientId: string, clientSecret: string, known: readonly string[] = [], timeoutMs = 15_000): Promise<string> {
  const url = tokenUrlOf(baseUrl);
  const form = new URLSearchParams({ grant_type: OAUTH.grantType, client_id: clientId, client_secret: clientSecret });
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form.toString(), signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    throw new OAuthTokenError(`could not reach the OAuth token endpoint ${url}: ${err.cause?.code ?? err.name}`, 'unreachable');
  }
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* handled below: no access_token */
  }
  if (!res.ok) {
    const why = typeof json.error_description === 'string' ? json.error_description : typeof json.message === 'string' ? json.message : typeof json.error === 'string' ? json.error : `HTTP ${res.status}`;
    throw new OAuthTokenError(`the OAuth token endpoint refused the client credentials (${res.status}): ${scrubSecrets(why, [clientSecret, ...known])}`, 'refused', res.status);
  }
  const token = typeof json.access_token === 'string' ? json.access_token : undefined;
  if (!token) throw new OAuthTokenError('the OAuth token endpoint answered without an access_token', 'invalid', res.status);
  const lifetime = Number(json.expires_in) > 0 ? Number(json.expires_in) : OAUTH.defaultExpiresInSeconds;
  const early = Math.min(OAUTH.earlySeconds, lifetime / 10);
  cache.set(keyOf(baseUrl, clientId), { token, expiresAt: oauthClock.now() + (lifetime - early) * 1000 });
  return token;
}
