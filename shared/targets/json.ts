/**
 * A small JSON parser that keeps what `JSON.parse` throws away: the literal text of numbers (so an
 * id written as `1e5` or a 20-digit number keeps its exact text) and the offset of every value (so
 * errors name a line and column in every browser, not just in V8's message format). Recursive but
 * bounded in depth, so hostile input cannot overflow the stack.
 */
import { has, setOwn } from './text';
import { pastDepthLimit, tooDeepMessage } from '../json-limits';

/** A parsed JSON value with its source offsets (`start` inclusive, `end` exclusive). */
export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: JsonEntry[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; raw: string }
  | { kind: 'boolean'; start: number; end: number; value: boolean }
  | { kind: 'null'; start: number; end: number };

/** One `"key": value` member of an object, in source order (duplicates kept). */
export interface JsonEntry {
  key: string;
  keyStart: number;
  value: JsonNode;
}

/** Either the root node or the first syntax error with its offset. */
export type JsonParseResult = { ok: true; node: JsonNode } | { ok: false; message: string; offset: number };

class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  const ch = text[i] as string;
  return ch === '\n' || ch === '\r' ? 'a line break' : JSON.stringify(text.slice(i, i + 1));
}

/** Parses JSON text (a leading BOM is allowed). Never throws. */
export function parseJson(text: string): JsonParseResult {
  const p = new Parser(text);
  try {
    p.skipWs();
    if (p.i >= text.length) return { ok: false, message: 'The text is empty: expected a JSON value.', offset: 0 };
    const node = p.value(0);
    p.skipWs();
    if (p.i < text.length) {
      return { ok: false, message: `Unexpected ${describe(text, p.i)} after the end of the JSON value (is a comma or bracket misplaced?).`, offset: p.i };
    }
    return { ok: true, node };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, message: e.message, offset: e.offset };
    return { ok: false, message: `Could not read the JSON: ${String(e)}`, offset: p.i };
  }
}

class Parser {
  i = 0;
  constructor(private readonly t: string) {
    if (t.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  skipWs(): void {
    const t = this.t;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(message, at);
  }

  /** A value inside `depth` arrays and objects; one that opens another is refused past the shared limit (shared/json-limits.ts). */
  value(depth: number): JsonNode {
    const t = this.t;
    const start = this.i;
    const c = t.charCodeAt(start);
    if ((c === 123 || c === 91) && pastDepthLimit(depth + 1)) this.fail(tooDeepMessage());
    if (c === 123) return this.object(depth);
    if (c === 91) return this.array(depth);
    if (c === 34) return { kind: 'string', start, value: this.string(), end: this.i };
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (t.startsWith('true', start)) return this.word('true', { kind: 'boolean', start, end: start + 4, value: true });
    if (t.startsWith('false', start)) return this.word('false', { kind: 'boolean', start, end: start + 5, value: false });
    if (t.startsWith('null', start)) return this.word('null', { kind: 'null', start, end: start + 4 });
    if (c === 39) this.fail('Strings must use double quotes ("), not single quotes (\').');
    if (start >= t.length) this.fail('The JSON ends too early: a value is missing.');
    this.fail(`Expected a JSON value but found ${describe(t, start)}.`);
  }

  word(w: string, node: JsonNode): JsonNode {
    this.i += w.length;
    return node;
  }

  object(depth: number): JsonNode {
    const t = this.t;
    const start = this.i;
    const entries: JsonEntry[] = [];
    this.i++;
    this.skipWs();
    if (t.charCodeAt(this.i) === 125) {
      this.i++;
      return { kind: 'object', start, end: this.i, entries };
    }
    for (;;) {
      this.skipWs();
      const keyStart = this.i;
      if (t.charCodeAt(keyStart) !== 34) {
        if (t.charCodeAt(keyStart) === 125 && entries.length > 0) this.fail('Trailing comma before "}": remove the last comma.');
        this.fail(`Expected a property name in double quotes but found ${describe(t, keyStart)}.`);
      }
      const key = this.string();
      this.skipWs();
      if (t.charCodeAt(this.i) !== 58) this.fail(`Expected ":" after the property name "${key}" but found ${describe(t, this.i)}.`);
      this.i++;
      this.skipWs();
      const value = this.value(depth + 1);
      entries.push({ key, keyStart, value });
      this.skipWs();
      const c = t.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 125) {
        this.i++;
        return { kind: 'object', start, end: this.i, entries };
      }
      this.fail(`Expected "," or "}" after the value of "${key}" but found ${describe(t, this.i)}.`);
    }
  }

  array(depth: number): JsonNode {
    const t = this.t;
    const start = this.i;
    const items: JsonNode[] = [];
    this.i++;
    this.skipWs();
    if (t.charCodeAt(this.i) === 93) {
      this.i++;
      return { kind: 'array', start, end: this.i, items };
    }
    for (;;) {
      this.skipWs();
      if (t.charCodeAt(this.i) === 93 && items.length > 0) this.fail('Trailing comma before "]": remove the last comma.');
      items.push(this.value(depth + 1));
      this.skipWs();
      const c = t.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 93) {
        this.i++;
        return { kind: 'array', start, end: this.i, items };
      }
      this.fail(`Expected "," or "]" after an array item but found ${describe(t, this.i)}.`);
    }
  }

  string(): string {
    const t = this.t;
    const open = this.i;
    let i = open + 1;
    let out = '';
    let runStart = i;
    for (;;) {
      if (i >= t.length) this.fail('A string is never closed: a closing " is missing.', open);
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.i = i + 1;
        return out + t.slice(runStart, i);
      }
      if (c < 32) this.fail(`A string contains a raw ${c === 10 || c === 13 ? 'line break' : 'control character'}; write it as an escape such as \\n (or is a closing " missing?).`, i);
      if (c === 92) {
        out += t.slice(runStart, i);
        const e = t[i + 1];
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case '/':
            out += '/';
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = t.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape: it needs four hex digits.', i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            this.fail(`Invalid escape \\${e ?? ''} in a string.`, i);
        }
        i += 2;
        runStart = i;
        continue;
      }
      i++;
    }
  }

  number(): JsonNode {
    const t = this.t;
    const start = this.i;
    let i = start;
    const digit = (k: number) => {
      const c = t.charCodeAt(k);
      return c >= 48 && c <= 57;
    };
    if (t.charCodeAt(i) === 45) i++;
    if (t.charCodeAt(i) === 48) {
      i++;
      if (digit(i)) this.fail('Numbers cannot have leading zeros in JSON; quote the value to keep it as text (e.g. "00123").', start);
    } else if (digit(i)) {
      while (digit(i)) i++;
    } else this.fail(`Expected a digit after "-" but found ${describe(t, i)}.`, i);
    if (t.charCodeAt(i) === 46) {
      i++;
      if (!digit(i)) this.fail('Expected a digit after the decimal point.', i);
      while (digit(i)) i++;
    }
    const e = t.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const s = t.charCodeAt(i);
      if (s === 43 || s === 45) i++;
      if (!digit(i)) this.fail('Expected a digit in the exponent.', i);
      while (digit(i)) i++;
    }
    this.i = i;
    return { kind: 'number', start, end: i, raw: t.slice(start, i) };
  }
}

/** Options for turning nodes into plain values. */
export interface ToPlainOptions {
  /** Called for every duplicated key (the last value wins, as in `JSON.parse` and PHP). */
  onDuplicateKey?: (entry: JsonEntry) => void;
  /** Called for integers that cannot be represented exactly as a JavaScript number. */
  onLossyNumber?: (node: JsonNode & { kind: 'number' }) => void;
}

/** Converts a node to the plain value `JSON.parse` would give, reporting duplicates and lossy numbers. */
export function toPlain(node: JsonNode, opts: ToPlainOptions = {}): unknown {
  switch (node.kind) {
    case 'string':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
    case 'number': {
      const n = Number(node.raw);
      if (opts.onLossyNumber && !Number.isSafeInteger(n) && /^-?\d+$/.test(node.raw)) opts.onLossyNumber(node);
      return n;
    }
    case 'array':
      return node.items.map((n) => toPlain(n, opts));
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const e of node.entries) {
        if (opts.onDuplicateKey && has(o, e.key)) opts.onDuplicateKey(e);
        setOwn(o, e.key, toPlain(e.value, opts));
      }
      return o;
    }
  }
}

/** A short name for a node's type, for messages ("a number", "an object"). */
export function kindName(node: JsonNode): string {
  return { object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'a boolean', null: 'null' }[node.kind];
}

/** The text a scalar stands for as a cell or id: strings as-is, numbers as their literal text. */
export function scalarText(node: JsonNode): string | undefined {
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number') return node.raw;
  if (node.kind === 'boolean') return node.value ? 'true' : 'false';
  return undefined;
}
