/**
 * Builds Campaign Execute request bodies from send data: the same code serves the send preview, the
 * CLI's `request` command and the real send, so what is previewed is what is sent.
 */
import type { SendData } from '../campaign/send-data';
import { valuesFor } from '../campaign/per-user';

/** An execute body without its secret: the host adds `apptoken` at the last moment before the call. */
export interface ExecuteBody {
  id: string;
  target_by: string;
  target: string[];
  params?: Record<string, unknown>;
  target_with_params?: Record<string, Record<string, unknown>>;
  [extra: string]: unknown;
}

export const DEFAULT_BATCH_SIZE = 500;

/**
 * Splits the targets into batches; each batch carries all `params` and only its own users'
 * `target_with_params`. Key order follows the source document's example bodies.
 */
export function buildExecuteBodies(campaignId: string, data: SendData, batchSize = DEFAULT_BATCH_SIZE, extra: Record<string, unknown> = {}): ExecuteBody[] {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const bodies: ExecuteBody[] = [];
  const hasParams = Object.keys(data.params).length > 0;
  for (let i = 0; i < data.target.length || (i === 0 && data.target.length === 0); i += batchSize) {
    const target = data.target.slice(i, i + batchSize);
    const body: ExecuteBody = { id: campaignId, target_by: data.target_by, target };
    if (hasParams) body.params = data.params;
    const twp = valuesFor(data.target_with_params, target);
    if (twp) body.target_with_params = twp;
    Object.assign(body, extra);
    bodies.push(body);
    if (data.target.length === 0) break;
  }
  return bodies;
}

/** The body as it goes on the wire, with the token first like the platform's own examples. */
export function withToken(body: ExecuteBody, apptoken: string): Record<string, unknown> {
  return { apptoken, ...body };
}

/** The body as shown or copied: the token is never shown, only a mask. */
export function redacted(body: ExecuteBody): Record<string, unknown> {
  return { apptoken: '***', ...body };
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
  return [
    `curl --request POST \\`,
    `  --url ${shellQuote(`${baseUrl.replace(/\/+$/, '')}/api/external/execute/campaign`)} \\`,
    `  --header 'Accept: application/json' \\`,
    `  --header 'Content-Type: application/json' \\`,
    `  --data ${data}`,
  ].join('\n');
}
