/**
 * How the sandbox authenticates a call, like the platform: an app token in the body (400 when
 * missing, 401 when unknown) or an OAuth bearer token issued by its own `oauth/token` route (401
 * once expired). A switchable outcome makes every authenticated call answer 401, 403 or 410, so
 * "test connection" and the send path can be tried against each answer.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type ConnectionOutcomeSwitch = 'normal' | 'unauthorized' | 'forbidden' | 'gone';

export interface SandboxAuthState {
  appTokens: Set<string>;
  /** Bearer tokens issued by the sandbox's `oauth/token`: token → expiry (ms since epoch). */
  bearerTokens?: Map<string, number>;
  /** How authenticated calls answer (default `normal`). */
  outcome?: ConnectionOutcomeSwitch;
  /** The clock for bearer expiry (tests may replace it). */
  now?: () => number;
}

export type AuthOutcome = { ok: true; via: 'apptoken' | 'bearer' } | { ok: false; status: 400 | 401 | 403 | 410; message: string };

const SWITCHED: Record<Exclude<ConnectionOutcomeSwitch, 'normal'>, AuthOutcome> = {
  unauthorized: { ok: false, status: 401, message: 'Authentication failed' },
  forbidden: { ok: false, status: 403, message: 'API access is not enabled for this account' },
  gone: { ok: false, status: 410, message: 'This API endpoint has been switched off' },
};

function bearerOf(headers: IncomingHttpHeaders): string | undefined {
  const h = headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

/** Checks the credentials of one API call. */
export function authenticate(headers: IncomingHttpHeaders, body: Record<string, unknown>, state: SandboxAuthState): AuthOutcome {
  let outcome: AuthOutcome;
  const bearer = bearerOf(headers);
  if (bearer !== undefined) {
    const expiresAt = state.bearerTokens?.get(bearer);
    if (expiresAt === undefined) outcome = { ok: false, status: 401, message: 'Authentication failed: unknown bearer token' };
    else if (expiresAt <= (state.now ?? Date.now)()) outcome = { ok: false, status: 401, message: 'Authentication failed: the bearer token has expired' };
    else outcome = { ok: true, via: 'bearer' };
  } else if (typeof body.apptoken !== 'string' || body.apptoken === '') outcome = { ok: false, status: 400, message: 'Missing apptoken' };
  else if (!state.appTokens.has(body.apptoken)) outcome = { ok: false, status: 401, message: 'Authentication failed: unknown app token' };
  else outcome = { ok: true, via: 'apptoken' };
  if (outcome.ok && state.outcome && state.outcome !== 'normal') return SWITCHED[state.outcome];
  return outcome;
}
