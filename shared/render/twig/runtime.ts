/**
 * Render-time state and the small helpers compiled templates call. A compiled template is a tree of
 * closures (see compile.ts) that read variables from `Ctx` and append to `Ctx.out`.
 */
import { TwigRuntimeError } from './errors';
import { Markup } from './objects';
import { toStr } from './php';

/** Settings fixed per compiled template. */
export interface RenderEnv {
  /** Default time zone of the date filter/function (PHP's date.timezone). */
  timezone: string;
}

/** A trace being recorded: `gap` is the dynamic output since the last static text. */
export interface TraceState {
  entries: number[];
  gaps: string[];
  gap: string;
}

/** Mutable state of one render. */
export interface Ctx {
  /** The caller's variables (never mutated, never compiled). */
  vars: Record<string, unknown>;
  /** Template locals (`set`, loop variables), a prototype chain rooted at a null-prototype object. */
  locals: Record<string, unknown>;
  /** Output produced so far. */
  out: string;
  /**
   * When the caller asked for one: for each static template text appended to the output (not to a
   * capture such as `set`, `apply`, a macro or block()), its number and the offset it starts at;
   * and what lies between them in the output (printed values, captured output), as strings of
   * their own (engine.ts RenderTrace).
   */
  trace: TraceState | null;
  /** Value being filtered by `{% apply %}`. */
  tmp: unknown;
  /** Offset of the statement being rendered, for run-time error locations. */
  pos: number;
  env: RenderEnv;
  /** Seed of `random` and `shuffle` for this render (campaign previews use the target id). */
  seed: string;
  /** Their generator, made from `seed` on first use. */
  rng: (() => number) | null;
  /** Blocks and macros being rendered inside one another (a runaway recursion stops at MAX_DEPTH). */
  depth: number;
  /** The template's blocks by name, for block('name'). */
  blocks: ReadonlyMap<string, (c: Ctx) => void>;
}

/** How deep blocks and macros may call each other before the render stops with an error. */
export const MAX_DEPTH = 250;

const HTML_SPECIAL = /[&<>"']/;
const HTML_SPECIAL_G = /[&<>"']/g;
const HTML_MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };
const htmlRepl = (ch: string) => HTML_MAP[ch]!;

/** htmlspecialchars($s, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8'): Twig's html escaping strategy. */
export function escapeHtml(s: string): string {
  return HTML_SPECIAL.test(s) ? s.replace(HTML_SPECIAL_G, htmlRepl) : s;
}

/** Twig's js escaping strategy (\uXXXX for everything but [a-zA-Z0-9,._]). */
export function escapeJs(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/[a-zA-Z0-9,._]/.test(ch)) out += ch;
    else {
      const shortMap: Record<string, string> = { '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
      const short = shortMap[ch];
      if (short) out += short;
      else {
        const cp = ch.codePointAt(0)!;
        const u = (n: number) => '\\u' + n.toString(16).toUpperCase().padStart(4, '0');
        out += cp > 0xffff ? u(0xd800 + ((cp - 0x10000) >> 10)) + u(0xdc00 + ((cp - 0x10000) & 0x3ff)) : u(cp);
      }
    }
  }
  return out;
}

/** Twig's html_attr strategy. */
export function escapeHtmlAttr(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/[a-zA-Z0-9,.\-_]/.test(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0)!;
    if ((cp <= 0x1f && ch !== '\t' && ch !== '\n' && ch !== '\r') || (cp >= 0x7f && cp <= 0x9f)) {
      out += '&#xFFFD;';
      continue;
    }
    const named: Record<number, string> = { 34: '&quot;', 38: '&amp;', 60: '&lt;', 62: '&gt;' };
    if (named[cp]) {
      out += named[cp];
      continue;
    }
    out += cp > 0xff ? '&#x' + cp.toString(16).toUpperCase().padStart(4, '0') + ';' : '&#x' + cp.toString(16).toUpperCase().padStart(2, '0') + ';';
  }
  return out;
}

/** Twig's css strategy. */
export function escapeCss(s: string): string {
  let out = '';
  for (const ch of s) {
    if (/[a-zA-Z0-9]/.test(ch)) out += ch;
    else out += '\\' + ch.codePointAt(0)!.toString(16).toUpperCase() + ' ';
  }
  return out;
}

/** rawurlencode: everything but unreserved characters, UTF-8 percent-encoded. */
export function rawUrlEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Escapes a value for a strategy. Markup is already safe when escaping automatically (`auto`). */
export function escapeValue(v: unknown, strategy: string, auto: boolean): string {
  if (auto && v instanceof Markup) return v.s;
  const s = toStr(v);
  switch (strategy) {
    case 'html':
      return escapeHtml(s);
    case 'js':
      return escapeJs(s);
    case 'html_attr':
      return escapeHtmlAttr(s);
    case 'css':
      return escapeCss(s);
    case 'url':
      return rawUrlEncode(s);
    default:
      throw new TwigRuntimeError(`Invalid escaping strategy "${strategy}" (valid ones: html, js, url, css, and html_attr).`);
  }
}
