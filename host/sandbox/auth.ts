/**
 * How the sandbox authenticates a call, like the platform: an app token in the body (400 when
 * missing, 401 when unknown). OAuth bearer tokens are added with the platform integration work.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface SandboxAuthState {
  appTokens: Set<string>;
}

export type AuthOutcome = { ok: true } | { ok: false; status: 400 | 401; message: string };

/** Checks the credentials of one API call. */
export function authenticate(_headers: IncomingHttpHeaders, body: Record<string, unknown>, state: SandboxAuthState): AuthOutcome {
  if (typeof body.apptoken !== 'string' || body.apptoken === '') return { ok: false, status: 400, message: 'Missing apptoken' };
  if (!state.appTokens.has(body.apptoken)) return { ok: false, status: 401, message: 'Authentication failed: unknown app token' };
  return { ok: true };
}
