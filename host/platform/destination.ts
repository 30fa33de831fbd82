/**
 * The one check before a request carrying a secret leaves: its URL must be on the origin the
 * credentials were resolved for. The send path (host/send/executor.ts, attempt.ts), the platform
 * client (host/platform/client.ts) and the OAuth token request (host/platform/oauth.ts) all pass
 * through it — through `postWithAuth` or directly — so a plan, a stale draft or a hand-edited
 * settings file that points elsewhere gets a refusal, never the secret.
 */
import { originOf } from '../../shared/secrets/binding';

/** A request that would have carried a secret to an origin it was not given for; nothing left. */
export class SecretDestinationError extends Error {}

/** Throws SecretDestinationError unless `url` is on `allowedOrigin`. */
export function checkDestination(allowed: { origin: string; environmentName?: string }, url: string): void {
  const target = originOf(url);
  if (target !== undefined && target === allowed.origin) return;
  const whose = allowed.environmentName ? ` of environment "${allowed.environmentName}"` : '';
  throw new SecretDestinationError(`the credentials${whose} were given for ${allowed.origin}, not for ${target ?? 'that address'}`);
}
