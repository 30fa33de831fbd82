/**
 * Credentials for one API call to an environment: the app token in the body, or an OAuth 2.0
 * client-credentials bearer token (cached until expiry, refreshed once on 401). The send path and
 * the platform client both go through here, so no other module handles secrets directly. A secret
 * is asked of the store for the environment's current destination (shared/secrets/binding.ts),
 * and a request carrying it leaves only for that origin (./destination.ts).
 */
import type { SecretStore } from '../secrets';
import { bindingFor, destinationLabel, environmentOrigin, originOf } from '../../shared/secrets/binding';
import { scrubSecrets } from '../../shared/secrets/scrub';
import { checkDestination } from './destination';
import { cachedToken, dropToken, fetchToken, tokenUrlOf } from './oauth';

export interface RequestAuth {
  /** Fields to merge into the JSON body (e.g. `apptoken`). */
  bodyFields: Record<string, string>;
  headers: Record<string, string>;
  /** Every secret value known to this process, to scrub from anything recorded or shown. */
  secrets: string[];
  /** The only origin a request with these credentials may go to. */
  origin: string;
  environmentName: string;
  /**
   * Called once after a 401: refreshes the credentials in place (this object's headers and secrets
   * change) and returns true when a retry makes sense. App tokens cannot be refreshed.
   */
  refresh?: () => Promise<boolean>;
}

/** What credentialsFor needs of an environment: its settings with the base URL resolved (EnvironmentConfig fits). */
export interface AuthEnvironment {
  id: string;
  name: string;
  region: 'eu' | 'us' | 'custom' | 'sandbox';
  authMode?: 'apptoken' | 'oauth';
  oauthClientId?: string;
  /** Where calls go now: region host, the running sandbox, or the custom URL. */
  baseUrl: string;
}

/** Why a stored secret is not handed out: none stored, or one given for another destination. */
function missing(what: string, env: AuthEnvironment): Error {
  return new Error(`no ${what} is stored for environment "${env.name}" at ${destinationLabel(environmentOrigin(env))}`);
}

/** Resolves the credentials of an environment, or throws a plain-language error when none are stored for its destination. */
export async function credentialsFor(environment: AuthEnvironment, secrets: SecretStore): Promise<RequestAuth> {
  const origin = originOf(environment.baseUrl);
  if (!origin) throw new Error(`environment "${environment.name}" has no usable base URL`);
  const base = { origin, environmentName: environment.name };
  if (environment.authMode !== 'oauth') {
    const token = await secrets.get({ environmentId: environment.id, kind: 'apptoken' }, bindingFor(environment, 'apptoken'));
    if (!token) throw missing('app token', environment);
    return { ...base, bodyFields: { apptoken: token }, headers: {}, secrets: [token, ...secrets.known()] };
  }
  const { oauthClientId: clientId, baseUrl } = environment;
  if (!clientId) throw new Error(`environment "${environment.name}" uses OAuth but has no client id`);
  const clientSecret = await secrets.get({ environmentId: environment.id, kind: 'oauth-client-secret' }, bindingFor(environment, 'oauth-client-secret'));
  if (!clientSecret) throw missing(`OAuth client secret for client "${clientId}"`, environment);
  const known = [clientSecret, ...secrets.known()];
  const tokenUrl = tokenUrlOf(baseUrl);
  checkDestination(base, tokenUrl);
  const token = cachedToken(baseUrl, clientId) ?? (await fetchToken(baseUrl, clientId, clientSecret, known));
  const auth: RequestAuth = { ...base, bodyFields: {}, headers: { authorization: `Bearer ${token}` }, secrets: [token, ...known] };
  let refreshed = false;
  auth.refresh = async () => {
    if (refreshed) return false;
    refreshed = true;
    dropToken(baseUrl, clientId);
    checkDestination(base, tokenUrl);
    const fresh = await fetchToken(baseUrl, clientId, clientSecret, known);
    auth.headers.authorization = `Bearer ${fresh}`;
    auth.secrets.push(fresh);
    return true;
  };
  return auth;
}

/** How a request goes out when not through fetch (the send path's host/send/wire.ts, which knows whether any byte was written). */
export type PostTransport = (url: string, r: { headers: Record<string, string>; body: string; timeoutMs: number }) => Promise<{ status: number; retryAfter: string | null; text: string }>;

/**
 * POSTs a JSON body with the credentials merged in at the last moment (the one place a secret meets
 * a request), after checking the URL is on the credentials' origin, and returns the reply with
 * every representation of every known secret scrubbed from its text — the one place answers come
 * in, so connection verdicts, campaign lists, send results, journals and history are clean by
 * construction. Network failures and timeouts reject with the transport's error; callers classify
 * them (the send path and the platform client treat them differently) and scrub their messages.
 */
export async function postWithAuth(url: string, auth: RequestAuth, body: Record<string, unknown>, timeoutMs: number, transport?: PostTransport): Promise<{ status: number; retryAfter: string | null; text: string }> {
  checkDestination(auth, url);
  if (transport) {
    const r = await transport(url, { headers: { accept: 'application/json', 'content-type': 'application/json', ...auth.headers }, body: JSON.stringify({ ...auth.bodyFields, ...body }), timeoutMs });
    return { ...r, text: scrubSecrets(r.text, auth.secrets) };
  }
  const res = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...auth.headers },
    body: JSON.stringify({ ...auth.bodyFields, ...body }),
    signal: AbortSignal.timeout(timeoutMs),
    // A redirect would carry the body (and its token) to wherever the answer points.
    redirect: 'manual',
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: scrubSecrets(await res.text(), auth.secrets) };
}
