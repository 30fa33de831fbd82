/**
 * Execute bodies on their way out: the wire form with the token, the masked form shown and copied,
 * and the curl command. The bodies themselves are built in one place, `bodyFor` (shared/send/plan.ts).
 */

/** The platform's Campaign Execute method, under an environment's base URL. */
export const EXECUTE_PATH = '/api/external/execute/campaign';

/** The Campaign Execute URL of an environment's base URL. */
export function executeUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${EXECUTE_PATH}`;
}

/** An execute body without its secret: the host adds `apptoken` at the last moment before the call. */
export interface ExecuteBody {
  id: string;
  target_by: string;
  target: string[];
  params?: Record<string, unknown>;
  target_with_params?: Record<string, Record<string, unknown>>;
  [extra: string]: unknown;
}

/** The body as it goes on the wire, with the token first like the platform's own examples. */
export function withToken(body: ExecuteBody, apptoken: string): Record<string, unknown> {
  return { apptoken, ...body };
}

/** The body as shown or copied: the token is never shown, only a mask. */
export function redacted(body: ExecuteBody): Record<string, unknown> {
  return { apptoken: '***', ...body };
}

/** The bytes a send posts for this body, with the token masked (`preflight request --format wire`). */
export function wireText(body: ExecuteBody): string {
  return JSON.stringify(redacted(body));
}

/** Stands for the token while the JSON is quoted; JSON.stringify never writes a NUL raw, so it cannot clash with a value. */
const TOKEN_MARK = '\u0000XP_APP_TOKEN\u0000';

/** One shell word in single quotes: nothing inside is expanded; a `'` becomes `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A curl command for a body, as a person pastes it into a POSIX shell: every argument is
 * single-quoted (the base URL too: it comes from settings and may hold `$(…)`), and the token is
 * the only expansion, `$XP_APP_TOKEN` in double quotes, never inlined.
 */
export function toCurl(baseUrl: string, body: ExecuteBody): string {
  const rest = JSON.stringify(body, null, 2).slice(1); // drop the opening brace: the token line goes first
  const json = `{\n  "apptoken": "${TOKEN_MARK}",${rest === '}' ? '\n}' : rest}`;
  // Quote the whole JSON, then open the quotes around the token reference alone.
  const data = shellQuote(json).replace(TOKEN_MARK, () => `'"$XP_APP_TOKEN"'`);
  return [`curl --request POST \\`, `  --url ${shellQuote(executeUrl(baseUrl))} \\`, `  --header 'Accept: application/json' \\`, `  --header 'Content-Type: application/json' \\`, `  --data ${data}`].join('\n');
}
