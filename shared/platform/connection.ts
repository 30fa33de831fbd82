/**
 * "Test connection": turns the outcome of one cheap API call into a plain-language verdict that
 * tells apart an unreachable host, a rejected credential, API access not enabled, a switched-off
 * endpoint and success (status codes documented in docs/xtremepush-api.md).
 */

export type ConnectionOutcome = 'ok' | 'unreachable' | 'bad-request' | 'unauthorized' | 'forbidden' | 'not-found' | 'gone' | 'rate-limited' | 'server-error' | 'unreadable' | 'no-credentials' | 'unexpected';

/** What a person is told about a connection test. */
export interface ConnectionVerdict {
  outcome: ConnectionOutcome;
  ok: boolean;
  httpStatus?: number;
  title: string;
  explanation: string;
  /** The platform's own message or the network error, when there is one. */
  detail?: string;
}

/** What the connection test observed: a network failure, or an HTTP status with an optional message. */
export type ConnectionObservation = { kind: 'network'; error: string } | { kind: 'no-credentials'; error: string } | { kind: 'http'; status: number; message?: string; readable: boolean };

/** Classifies one observation of `list/campaign` for the environment named `environmentName`. */
export function classifyConnection(o: ConnectionObservation, environmentName: string): ConnectionVerdict {
  if (o.kind === 'no-credentials') return { outcome: 'no-credentials', ok: false, title: 'No credentials stored', explanation: `Preflight has no app token or OAuth client secret for "${environmentName}". Add it in the environment's settings.`, detail: o.error };
  if (o.kind === 'network')
    return {
      outcome: 'unreachable',
      ok: false,
      title: 'Cannot reach the API',
      explanation: 'The server did not answer. Check the region or base URL, your network connection, VPN or proxy.',
      detail: o.error,
    };
  const s = o.status;
  const base = { httpStatus: s, ...(o.message ? { detail: o.message } : {}) };
  if (s >= 200 && s < 300) {
    if (!o.readable) return { ...base, outcome: 'unreadable', ok: false, title: 'Not an Xtremepush API', explanation: "The server answered, but not with the API's JSON. The base URL may point at a website or a proxy." };
    return { ...base, outcome: 'ok', ok: true, title: 'Connected', explanation: `Preflight can read campaigns in "${environmentName}".` };
  }
  switch (s) {
    case 400:
      return { ...base, outcome: 'bad-request', ok: false, title: 'Request refused (400)', explanation: 'The API refused the request as invalid; a missing app token also gives this answer.' };
    case 401:
      return { ...base, outcome: 'unauthorized', ok: false, title: 'Authentication failed (401)', explanation: 'The app token or OAuth client credentials were not accepted. Check they belong to this project and region, and have not been revoked.' };
    case 403:
      return { ...base, outcome: 'forbidden', ok: false, title: 'API access not enabled (403)', explanation: 'The credentials are valid, but API access is not enabled for this account. A project admin can enable it in the project settings, or ask Xtremepush support.' };
    case 404:
    case 405:
      return { ...base, outcome: 'not-found', ok: false, title: `API method not found (${s})`, explanation: 'The server does not know this API method: the base URL is probably wrong (for example a missing or extra path).' };
    case 410:
      return { ...base, outcome: 'gone', ok: false, title: 'Endpoint switched off (410)', explanation: 'The platform has switched this API endpoint off for the project. Contact Xtremepush support.' };
    case 429:
      return { ...base, outcome: 'rate-limited', ok: false, title: 'Rate limit reached (429)', explanation: 'The project has used up its API rate limit for now. Try again in a few minutes.' };
  }
  if (s >= 500) return { ...base, outcome: 'server-error', ok: false, title: `Server error (${s})`, explanation: 'The platform failed to answer. Try again later; if it persists, contact Xtremepush support.' };
  return { ...base, outcome: 'unexpected', ok: false, title: `Unexpected answer (${s})`, explanation: 'The API answered with a status Preflight does not expect for this call.' };
}
