/**
 * The nesting limit for JSON from outside (files, CLI flags, pastes, platform answers, IPC
 * arguments). `JSON.parse` itself copes with 100,000 levels, but what runs afterwards does not:
 * `JSON.stringify`, `structuredClone` and every recursive walk overflow the stack ("Maximum call
 * stack size exceeded", a crash with a stack trace). A campaign's values need a handful of levels,
 * so anything deeper than MAX_JSON_DEPTH is refused up front with its place.
 */
import { LineIndex } from './targets/text';

/** Deepest nesting of arrays and objects accepted anywhere JSON comes in (the outermost one is level 1). */
export const MAX_JSON_DEPTH = 100;

/**
 * True when an array or object at nesting `level` (the outermost one is level 1) is past the limit.
 * The one place the counting is decided: the text scan, the value walk and the located parser
 * (shared/targets/json.ts) all ask here, so every path accepts exactly MAX_JSON_DEPTH levels.
 */
export function pastDepthLimit(level: number, max = MAX_JSON_DEPTH): boolean {
  return level > max;
}

/** The result of parsing JSON text from outside: the value, or why not and where. */
export type JsonTextResult = { ok: true; value: unknown } | { ok: false; message: string; offset: number; line: number; column: number };

/** What one pass over JSON text (outside strings) finds: what the fast readers need before `JSON.parse`. */
export interface JsonOutline {
  /** Where the nesting of `[`/`{` first exceeds the limit, or -1 (the pass stops there). */
  tooDeepAt: number;
  /** How many `key: value` members its objects hold (more than the parsed value keeps when a key is written twice). */
  members: number;
  /** With `rowLines`: the 1-based line of each object that starts directly inside the root array. */
  rowLines: number[];
}

/**
 * One pass over JSON text, no allocation beyond the row lines asked for: it runs before
 * `JSON.parse` on texts of many megabytes. The one scanner of JSON structure (the depth check and
 * the fast readers of shared/targets all use it), so strings are skipped one way everywhere.
 */
export function jsonOutline(text: string, options: { max?: number; rowLines?: boolean } = {}): JsonOutline {
  const max = options.max ?? MAX_JSON_DEPTH;
  const wantRows = options.rowLines === true;
  const rowLines: number[] = [];
  let depth = 0;
  let members = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string: up to the next quote that is not escaped (valid JSON holds no raw line break in one).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 10) line++;
    else if (c === 58) members++;
    else if (c === 91 || c === 123) {
      if (wantRows && c === 123 && depth === 1) rowLines.push(line);
      if (pastDepthLimit(++depth, max)) return { tooDeepAt: i, members, rowLines };
    } else if (c === 93 || c === 125) depth--;
  }
  return { tooDeepAt: -1, members, rowLines };
}

/** Where the nesting of `[`/`{` in JSON text first exceeds `max` (outside strings), or -1. */
export function jsonTooDeepAt(text: string, max = MAX_JSON_DEPTH): number {
  return jsonOutline(text, { max }).tooDeepAt;
}

/** The message for JSON nested too deeply. */
export function tooDeepMessage(max = MAX_JSON_DEPTH): string {
  return `the JSON is nested more than ${max} levels deep`;
}

/**
 * Parses JSON text from outside: the nesting limit first, then the engine's own parser. A syntax
 * error gets its line and column (from the engine's "position N" when it gives one). Never throws.
 */
export function parseJsonText(text: string, max = MAX_JSON_DEPTH): JsonTextResult {
  const deep = jsonTooDeepAt(text, max);
  const at = (offset: number, message: string): JsonTextResult => {
    const p = new LineIndex(text).position(offset);
    return { ok: false, message, offset, line: p.line, column: p.column };
  };
  if (deep !== -1) return at(deep, tooDeepMessage(max));
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(message);
    return at(m ? Number(m[1]) : 0, message.replace(/^JSON\.parse: /, ''));
  }
}

/**
 * The path of the first place where an already-parsed value (an IPC message) nests deeper than
 * `max`, or undefined. Iterative, so a hostile value cannot overflow the stack while being checked;
 * each object is visited once (a structured clone may share or even cycle); paths are built only
 * for the answer.
 */
export function valueTooDeep(value: unknown, max = MAX_JSON_DEPTH): string | undefined {
  interface Entry {
    v: unknown;
    depth: number;
    key: string | number;
    parent: Entry | undefined;
  }
  const seen = new WeakSet<object>();
  const stack: Entry[] = [{ v: value, depth: 0, key: '', parent: undefined }];
  while (stack.length) {
    const e = stack.pop()!;
    const v = e.v;
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    // e.depth counts the containers above this one: it is at level e.depth + 1.
    if (pastDepthLimit(e.depth + 1, max)) return pathOf(e);
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: e.depth + 1, key: i, parent: e });
    else for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], depth: e.depth + 1, key: k, parent: e });
  }
  return undefined;

  function pathOf(e: Entry): string {
    const parts: string[] = [];
    for (let p: Entry | undefined = e; p?.parent; p = p.parent) parts.unshift(typeof p.key === 'number' ? `[${p.key}]` : `.${p.key}`);
    return parts.join('').replace(/^\./, '') || '(arguments)';
  }
}
