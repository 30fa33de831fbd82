/**
 * The platform's response envelope `{code, success, message, errors, data, model}` (documented), read
 * without trusting it: a body that is not JSON or not an envelope is kept raw with a plain message,
 * and fields we do not know are kept in `extra` rather than dropped.
 */
import { parseJsonText } from '../json-limits';

/** A parsed response envelope. */
export interface Envelope {
  code?: number;
  success?: boolean;
  message?: string;
  errors?: unknown[];
  data?: unknown;
  model?: unknown;
  /** Top-level fields outside the documented envelope, kept to show. */
  extra: Record<string, unknown>;
}

/** Why a response body could not be understood, with the raw text kept to show. */
export interface UnreadableResponse {
  message: string;
  raw: string;
}

const KNOWN = new Set(['code', 'success', 'message', 'errors', 'data', 'model']);
const MAX_RAW = 20_000;

/** Keeps at most 20,000 characters of a raw body (a proxy's HTML error page can be large). */
export function clipRaw(text: string): string {
  return text.length > MAX_RAW ? `${text.slice(0, MAX_RAW)}\n… (${text.length - MAX_RAW} more characters)` : text;
}

/** Parses a response body as the platform's envelope; anything else is an unreadable response. */
export function parseEnvelope(text: string): { ok: true; envelope: Envelope } | { ok: false; problem: UnreadableResponse } {
  let json: unknown;
  try {
    // A hostile answer nested 100,000 levels deep would crash whatever serialises it later.
    const parsed = parseJsonText(text);
    if (!parsed.ok) throw new Error(parsed.message);
    json = parsed.value;
  } catch (e) {
    const looksHtml = /^\s*</.test(text);
    return {
      ok: false,
      problem: {
        message: looksHtml ? "The server answered with a web page instead of the API's JSON: the base URL may point at a website or a proxy rather than the Xtremepush API." : `The server's answer is not JSON (${(e as Error).message}).`,
        raw: clipRaw(text),
      },
    };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, problem: { message: "The server answered with JSON that is not the API's response envelope (expected an object).", raw: clipRaw(text) } };
  const o = json as Record<string, unknown>;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!KNOWN.has(k)) extra[k] = v;
  const env: Envelope = { extra };
  if (typeof o.code === 'number') env.code = o.code;
  else if (typeof o.code === 'string' && /^\d+$/.test(o.code)) env.code = Number(o.code);
  if (typeof o.success === 'boolean') env.success = o.success;
  if (typeof o.message === 'string') env.message = o.message;
  if (Array.isArray(o.errors)) env.errors = o.errors;
  else if (o.errors !== undefined && o.errors !== null) env.errors = [o.errors];
  if ('data' in o) env.data = o.data;
  if ('model' in o) env.model = o.model;
  return { ok: true, envelope: env };
}

/** A one-line summary of an envelope's errors (`field: message; …`) for messages shown to people. */
export function describeErrors(errors: unknown[] | undefined): string {
  if (!errors?.length) return '';
  return errors
    .map((e) => {
      if (typeof e === 'string') return e;
      if (e && typeof e === 'object') {
        const r = e as Record<string, unknown>;
        const msg = typeof r.message === 'string' ? r.message : JSON.stringify(e);
        return typeof r.field === 'string' ? `${r.field}: ${msg}` : msg;
      }
      return String(e);
    })
    .join('; ');
}
