/**
 * Credentials for one API call to an environment: the app token in the body, or an OAuth 2.0
 * client-credentials bearer token (cached until expiry, refreshed once on 401). The send path and
 * the platform client both go through here, so no other module handles secrets directly.
 */
import type { SecretStore } from '../secrets';
import { oauthSecretKey } from '../../shared/platform/assumptions';
import { cachedToken, dropToken, fetchToken } from './oauth';

export interface RequestAuth {
  /** Fields to merge into the JSON body (e.g. `apptoken`). */
  bodyFields: Record<string, string>;
  headers: Record<string, string>;
  /** Every secret value in this auth, to scrub from anything recorded or shown. */
  secrets: string[];
  /**
   * Called once after a 401: refreshes the credentials in place (this object's headers and secrets
   * change) and returns true when a retry makes sense. App tokens cannot be refreshed.
   */
  refresh?: () => Promise<boolean>;
}

/** What credentialsFor needs of an environment (shared/environments.ts EnvironmentConfig fits). */
export interface AuthEnvironment {
  id: string;
  name: string;
  authMode?: 'apptoken' | 'oauth';
  oauthClientId?: string;
  baseUrl?: string;
}

/** Resolves the credentials of an environment, or throws a plain-language error when none are stored. */
export async function credentialsFor(environment: AuthEnvironment, secrets: SecretStore): Promise<RequestAuth> {
  if (environment.authMode !== 'oauth') {
    const token = await secrets.get(environment.id);
    if (!token) throw new Error(`no app token is stored for environment "${environment.name}"`);
    return { bodyFields: { apptoken: token }, headers: {}, secrets: [token] };
  }
  const { oauthClientId: clientId, baseUrl } = environment;
  if (!clientId) throw new Error(`environment "${environment.name}" uses OAuth but has no client id`);
  if (!baseUrl) throw new Error(`environment "${environment.name}" has no base URL to fetch an OAuth token from`);
  const clientSecret = await secrets.get(oauthSecretKey(environment.id));
  if (!clientSecret) throw new Error(`no OAuth client secret is stored for environment "${environment.name}"`);
  const token = cachedToken(baseUrl, clientId) ?? (await fetchToken(baseUrl, clientId, clientSecret));
  const auth: RequestAuth = { bodyFields: {}, headers: { authorization: `Bearer ${token}` }, secrets: [token, clientSecret] };
  let refreshed = false;
  auth.refresh = async () => {
    if (refreshed) return false;
    refreshed = true;
    dropToken(baseUrl, clientId);
    const fresh = await fetchToken(baseUrl, clientId, clientSecret);
    auth.headers.authorization = `Bearer ${fresh}`;
    auth.secrets.push(fresh);
    return true;
  };
  return auth;
}

/** Replaces every secret of an auth in a string (errors and responses can echo request data). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('***');
  return out;
}

/** How a request goes out when not through fetch (the send path's host/send/wire.ts, which knows whether any byte was written). */
export type PostTransport = (url: string, r: { headers: Record<string, string>; body: string; timeoutMs: number }) => Promise<{ status: number; retryAfter: string | null; text: string }>;

/**
 * POSTs a JSON body with the credentials merged in at the last moment (the one place a secret meets
 * a request) and returns the reply with every secret scrubbed from its text. Network failures and
 * timeouts reject with the transport's error; callers classify them (the send path and the platform
 * client treat them differently).
 */
export async function postWithAuth(url: string, auth: RequestAuth, body: Record<string, unknown>, timeoutMs: number, transport?: PostTransport): Promise<{ status: number; retryAfter: string | null; text: string }> {
  if (transport) {
    const r = await transport(url, { headers: { accept: 'application/json', 'content-type': 'application/json', ...auth.headers }, body: JSON.stringify({ ...auth.bodyFields, ...body }), timeoutMs });
    return { ...r, text: scrubSecrets(r.text, auth.secrets) };
  }
  const res = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...auth.headers },
    body: JSON.stringify({ ...auth.bodyFields, ...body }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: scrubSecrets(await res.text(), auth.secrets) };
}
