/**
 * Where a secret may go. Every stored secret (an app token, an OAuth client secret) is bound to
 * the origin (scheme, host and port) of the environment it was given for, to the auth mode it
 * serves and, for a client secret, to its client id. A secret is handed out only for a matching
 * binding, and a request carrying it leaves only for that origin (host/platform/auth.ts).
 * Changing an environment's region or base URL origin therefore drops its secrets: the person
 * enters them again for the new destination.
 */
import { REGION_BASE_URLS } from '../environments';

/** The two kinds of secret an environment can hold. */
export type SecretKind = 'apptoken' | 'oauth-client-secret';
export const SECRET_KINDS: readonly SecretKind[] = ['apptoken', 'oauth-client-secret'];

export interface SecretBinding {
  /** `scheme://host:port` of the environment's base URL, or {@link SANDBOX_ORIGIN}. */
  origin: string;
  /** How the secret is used: an app token in the body, or an OAuth client secret at the token endpoint. */
  authMode: 'apptoken' | 'oauth';
  /** The OAuth client the secret belongs to. */
  clientId?: string;
}

/**
 * The built-in sandbox listens on a new port each run; its secrets are bound to "the sandbox of
 * this run" rather than to a port, and a request for it leaves only for the running sandbox.
 */
export const SANDBOX_ORIGIN = 'preflight:sandbox';

/** What a binding is computed from (shared/environments.ts EnvironmentConfig fits). */
export interface BindableEnvironment {
  region: 'eu' | 'us' | 'custom' | 'sandbox';
  baseUrl: string;
  oauthClientId?: string;
}

/** `scheme://host:port` of a URL (the port only when not the default), or undefined for a non-URL. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === 'null' ? undefined : u.origin;
  } catch {
    return undefined;
  }
}

/** The origin an environment's settings point at (region hosts, the sandbox, or the custom URL). */
export function environmentOrigin(env: BindableEnvironment): string {
  if (env.region === 'sandbox') return SANDBOX_ORIGIN;
  const url = env.region === 'custom' ? env.baseUrl : REGION_BASE_URLS[env.region];
  return originOf(url) ?? `invalid:${url}`;
}

/** The binding a secret of this kind gets (and must match) for an environment's current settings. */
export function bindingFor(env: BindableEnvironment, kind: SecretKind): SecretBinding {
  const origin = environmentOrigin(env);
  return kind === 'apptoken' ? { origin, authMode: 'apptoken' } : { origin, authMode: 'oauth', clientId: env.oauthClientId ?? '' };
}

/** True when a stored secret's binding allows it to be used for `wanted`. */
export function sameBinding(stored: SecretBinding, wanted: SecretBinding): boolean {
  return stored.origin === wanted.origin && stored.authMode === wanted.authMode && (stored.clientId ?? '') === (wanted.clientId ?? '');
}

/** How a binding's destination reads in messages. */
export function destinationLabel(origin: string): string {
  return origin === SANDBOX_ORIGIN ? 'the built-in sandbox' : origin;
}

/**
 * The secrets a settings change leaves without a destination: every secret when the origin changes
 * (region or base URL). Switching the auth mode drops nothing: each secret is bound to its own mode
 * and never used in the other's place. A client secret is bound to its client id too, so after a
 * change of client id it is not handed out (until the id is changed back or a new secret entered).
 */
export function secretsDroppedBy(before: BindableEnvironment | undefined, after: BindableEnvironment): SecretKind[] {
  if (!before || environmentOrigin(before) === environmentOrigin(after)) return [];
  return [...SECRET_KINDS];
}
