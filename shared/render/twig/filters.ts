/**
 * Twig's core filters, tests and functions on JSON data, with PHP semantics. Each entry lists its
 * parameter names (for named arguments) and, like Twig's TwigFilter options, whether its output is
 * safe for HTML (`safe`) and whether its input is escaped first under autoescape (`preEscape`).
 */
import { formatDate, modifyDate, toDate } from './date';
import { TwigRuntimeError } from './errors';
import {
  castNumber, compare, count, isNumericStr, isArray, isListLike, isMap, keysOf, Markup, phpKey, strictEquals, toNumber, toStr, truthy,
  valuesOf, type PhpMap,
} from './php';
import { escapeValue, rawUrlEncode, type Ctx } from './runtime';
import { numberFormat, phpRound, phpTrim, sprintf, stripTags, strtr, titleCase } from './strings';
import { phpRange, sliceValue } from './values';

/** A filter, test or function implementation. Filters and tests get the ctx, then the input value, then the arguments. */
export interface Callable {
  params: string[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  fn: (c: Ctx, ...args: any[]) => unknown;
  safe?: readonly string[];
  preEscape?: boolean;
  variadic?: boolean;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : toStr(v));

/** A string argument of a PHP internal function: arrays are a TypeError in PHP 8 (scalars are coerced). */
function sarg(v: unknown, fn: string): string {
  if (isArray(v)) throw new TwigRuntimeError(`${fn}(): Argument #1 ($string) must be of type string, array given`);
  return str(v);
}
const chars = (s: string): string[] => Array.from(s);

function empty(v: unknown): boolean {
  if (v === '' || v === false || v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Markup) return v.s === '';
  if (isMap(v)) return count(v) === 0;
  return false;
}

function arrowFn(f: unknown, filter: string): (...a: unknown[]) => unknown {
  if (typeof f !== 'function') throw new TwigRuntimeError(`The "${filter}" filter expects an arrow function.`);
  return f as (...a: unknown[]) => unknown;
}

function requireIterable(v: unknown, filter: string): unknown[] | PhpMap {
  if (!isArray(v)) throw new TwigRuntimeError(`The "${filter}" filter expects a sequence or a mapping, got "${v === null || v === undefined ? 'null' : typeof v}".`);
  return v;
}

/** Builds a PHP array from entries: a JS list when keys are 0..n-1, otherwise a map. */
function fromEntries(entries: [string | number, unknown][]): unknown[] | PhpMap {
  if (entries.every(([k], i) => k === i || k === String(i))) return entries.map(([, v]) => v);
  const o: PhpMap = {};
  for (const [k, v] of entries) o[String(k)] = v;
  return o;
}

function entriesOf(v: unknown[] | PhpMap): [string | number, unknown][] {
  const ks = keysOf(v);
  const vs = valuesOf(v);
  return ks.map((k, i) => [k, vs[i]]);
}

/** array_merge: integer keys are renumbered, string keys overwrite. */
function arrayMerge(a: unknown[] | PhpMap, b: unknown[] | PhpMap): unknown[] | PhpMap {
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  const out: [string | number, unknown][] = [];
  const pos = new Map<string, number>();
  let next = 0;
  for (const src of [a, b]) {
    for (const [k, v] of entriesOf(src)) {
      if (typeof k === 'number') out.push([next++, v]);
      else if (pos.has(k)) out[pos.get(k)!]![1] = v;
      else { pos.set(k, out.length); out.push([k, v]); }
    }
  }
  return fromEntries(out);
}

/** PHP json_encode of a number (serialize_precision -1): shortest digits, exponent form below 1e-4 as "1.0e-7". */
function jsonNumber(v: number): string {
  if (!Number.isFinite(v)) throw new TwigRuntimeError('Inf and NaN cannot be JSON encoded');
  if (Number.isInteger(v) && Math.abs(v) < 9.2e18) return String(v);
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -4 && e < 15) return String(v);
  const [m, x] = v.toExponential().split('e') as [string, string];
  return `${m.includes('.') ? m : m + '.0'}e${x.startsWith('-') ? x : '+' + x.replace('+', '')}`;
}

function jsonEncode(v: unknown, flags: number, indent: string): string {
  const slashes = !(flags & 64);
  const unicode = !(flags & 256);
  const pretty = (flags & 128) !== 0;
  const encStr = (s: string): string => {
    let o = '"';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!;
      const c = s.charCodeAt(i);
      if (ch === '"') o += '\\"';
      else if (ch === '\\') o += '\\\\';
      else if (ch === '/') o += slashes ? '\\/' : '/';
      else if (c < 0x20) o += ({ 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' } as Record<number, string>)[c] ?? '\\u' + c.toString(16).padStart(4, '0');
      else if (c > 0x7f && unicode) o += '\\u' + c.toString(16).padStart(4, '0');
      else o += ch;
    }
    return o + '"';
  };
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return jsonNumber(v);
  if (typeof v === 'string') return encStr(v);
  if (v instanceof Markup) return encStr(v.s);
  if (isArray(v)) {
    const nl = pretty ? '\n' + indent + '    ' : '';
    const end = pretty ? '\n' + indent : '';
    const sep = pretty ? ': ' : ':';
    if (Array.isArray(v) || isListLike(v)) {
      const vals = valuesOf(v);
      if (!vals.length) return '[]';
      return '[' + vals.map((x) => nl + jsonEncode(x, flags, indent + '    ')).join(',') + end + ']';
    }
    const ks = Object.keys(v);
    return '{' + ks.map((k) => nl + encStr(k) + sep + jsonEncode((v as PhpMap)[k], flags, indent + '    ')).join(',') + end + '}';
  }
  return 'null';
}

function httpBuildQuery(v: unknown[] | PhpMap, prefix: string | null): string[] {
  const parts: string[] = [];
  for (const [k, val] of entriesOf(v)) {
    const key = prefix === null ? rawUrlEncode(String(k)) : `${prefix}%5B${rawUrlEncode(String(k))}%5D`;
    if (val === null || val === undefined) continue;
    if (isArray(val)) parts.push(...httpBuildQuery(val, key));
    else parts.push(`${key}=${rawUrlEncode(val === true ? '1' : val === false ? '0' : toStr(val))}`);
  }
  return parts;
}

function explode(delim: string, s: string, limit: number | null): string[] {
  const parts = s.split(delim);
  if (limit === null || limit === undefined) return parts;
  if (limit > 0) return parts.length > limit ? [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(delim)] : parts;
  if (limit < 0) return parts.slice(0, limit);
  return [s];
}

function sortValues(v: unknown[] | PhpMap, cmp: (a: unknown, b: unknown) => number): unknown[] | PhpMap {
  if (Array.isArray(v)) return v.slice().sort(cmp);
  const es = Object.entries(v).sort((a, b) => cmp(a[1], b[1]));
  const o: PhpMap = {};
  for (const [k, x] of es) o[k] = x;
  return o;
}

/** Filters of Twig core implemented by this engine (name -> implementation). */
export const FILTERS: Record<string, Callable> = {
  abs: {
    params: [],
    fn: (_c, v) => {
      if (isArray(v) || (typeof v === 'string' && !isNumericStr(v))) {
        throw new TwigRuntimeError(`abs(): Argument #1 ($num) must be of type int|float, ${isArray(v) ? 'array' : 'string'} given`);
      }
      return Math.abs(castNumber(v));
    },
  },
  batch: {
    params: ['size', 'fill', 'preserve_keys'],
    fn: (_c, v, size, fill, preserve = true) => {
      const items = requireIterable(v, 'batch');
      const n = Math.ceil(castNumber(size));
      if (n < 1) throw new TwigRuntimeError('The "batch" filter size must be greater than 0.');
      const es = entriesOf(items);
      const chunks: [string | number, unknown][][] = [];
      for (let i = 0; i < es.length; i += n) {
        const chunk = es.slice(i, i + n);
        chunks.push(preserve !== false ? chunk : chunk.map(([, x], j) => [j, x]));
      }
      const last = chunks[chunks.length - 1];
      if (fill !== null && fill !== undefined && last) {
        // `$result[$last][] = $fill`: appended under the next integer key.
        let next = 0;
        for (const [k] of last) if (typeof k === 'number' && k >= next) next = k + 1;
        while (last.length < n) last.push([next++, fill]);
      }
      return chunks.map(fromEntries);
    },
  },
  capitalize: { params: [], fn: (_c, v) => { const s = chars(sarg(v, 'mb_substr')); return s.length ? s[0]!.toUpperCase() + s.slice(1).join('').toLowerCase() : ''; } },
  column: {
    params: ['name', 'index'],
    fn: (_c, v, name, index) => {
      const rows = valuesOf(requireIterable(v, 'column'));
      const out: [string | number, unknown][] = [];
      let next = 0;
      for (const r of rows) {
        if (!isArray(r)) continue;
        const row = r as PhpMap;
        const k = phpKey(name);
        if (!Object.prototype.hasOwnProperty.call(row, k)) continue;
        if (index !== undefined && index !== null && Object.prototype.hasOwnProperty.call(row, phpKey(index))) out.push([phpKey(row[phpKey(index)]), row[k]]);
        else out.push([next++, row[k]]);
      }
      return fromEntries(out);
    },
  },
  date: { params: ['format', 'timezone'], fn: (c, v, format, tz) => formatDate(c.env.timezone, v, format ?? 'F j, Y H:i', tz) },
  date_modify: { params: ['modifier'], fn: (c, v, mod) => modifyDate(c.env.timezone, v, str(mod)) },
  default: { params: ['default'], fn: (_c, v, d = '') => (empty(v) ? d : v) },
  // twig_escape_filter returns non-strings (numbers, booleans, null, arrays) unchanged.
  escape: { params: ['strategy', 'charset'], fn: (_c, v, st = 'html') => (typeof v === 'string' || v instanceof Markup ? escapeValue(v, str(st) || 'html', false) : v) },
  first: { params: [], fn: (_c, v) => { const r = sliceValue(v, 0, 1, false); return typeof r === 'string' ? r : valuesOf(r as PhpMap)[0] ?? false; } },
  format: { params: ['values'], variadic: true, fn: (_c, v, ...args) => sprintf(sarg(v, 'sprintf'), args) },
  join: {
    params: ['glue', 'and'],
    fn: (_c, v, glue = '', and = null) => {
      const raw = isArray(v) ? valuesOf(v) : v === null || v === undefined ? [] : [v];
      const vals = raw.map(str);
      const g = str(glue);
      if (!vals.length) return '';
      if (and === null || and === undefined || str(and) === g) return vals.join(g);
      if (vals.length === 1) return raw[0]; // PHP returns the single element itself, uncast
      return vals.slice(0, -1).join(g) + str(and) + vals[vals.length - 1];
    },
  },
  json_encode: { params: ['options'], fn: (_c, v, opts) => jsonEncode(v, Math.trunc(castNumber(opts ?? 0)), '') },
  keys: { params: [], fn: (_c, v) => (isArray(v) ? keysOf(v) : []) },
  last: { params: [], fn: (_c, v) => { const r = sliceValue(v, -1, 1, false); return typeof r === 'string' ? r : valuesOf(r as PhpMap)[0] ?? false; } },
  length: {
    params: [],
    fn: (_c, v) => {
      if (v === null || v === undefined) return 0;
      if (isArray(v)) return count(v);
      return chars(toStr(v)).length;
    },
  },
  lower: { params: [], fn: (_c, v) => sarg(v, 'mb_strtolower').toLowerCase() },
  merge: {
    params: ['arr'],
    fn: (_c, a, b) => {
      if (!isArray(a)) throw new TwigRuntimeError('The merge filter only works with sequences/mappings or "Traversable", got "' + (a == null ? 'null' : typeof a) + '" for argument 1.');
      if (!isArray(b)) throw new TwigRuntimeError('The merge filter only works with sequences/mappings or "Traversable", got "' + (b == null ? 'null' : typeof b) + '" for argument 2.');
      return arrayMerge(a, b);
    },
  },
  nl2br: { params: [], safe: ['html'], preEscape: true, fn: (_c, v) => sarg(v, 'nl2br').replace(/(\r\n|\n\r|\n|\r)/g, '<br />$1') },
  number_format: {
    params: ['decimal', 'decimal_point', 'thousand_sep'],
    fn: (_c, v, d, dp, ts) => numberFormat(castNumber(v), d === null || d === undefined ? 0 : castNumber(d), dp === null || dp === undefined ? '.' : str(dp), ts === null || ts === undefined ? ',' : str(ts)),
  },
  raw: { params: [], safe: ['all'], fn: (_c, v) => v },
  replace: {
    params: ['from'],
    fn: (_c, v, from) => {
      if (!isArray(from)) throw new TwigRuntimeError(`The "replace" filter expects a sequence/mapping or "Traversable" as replace values, got "${from == null ? 'null' : typeof from}".`);
      return strtr(sarg(v, 'strtr'), entriesOf(from).map(([k, x]) => [String(k), str(x)]));
    },
  },
  reverse: {
    params: ['preserve_keys'],
    fn: (_c, v, preserve = false) => {
      if (Array.isArray(v)) return v.slice().reverse();
      if (isArray(v)) {
        const es = entriesOf(v).reverse();
        let next = 0;
        return fromEntries(es.map(([k, x]) => [typeof k === 'number' && !preserve ? next++ : k, x]));
      }
      return chars(str(v)).reverse().join('');
    },
  },
  round: {
    params: ['precision', 'method'],
    fn: (_c, v, p = 0, method = 'common') => {
      const x = castNumber(v);
      const prec = Math.trunc(castNumber(p));
      if (method === 'common') return phpRound(x, prec);
      if (method !== 'ceil' && method !== 'floor') throw new TwigRuntimeError('The round filter only supports the "common", "ceil", and "floor" methods.');
      const f = Math.pow(10, prec);
      return (method === 'ceil' ? Math.ceil(x * f) : Math.floor(x * f)) / f;
    },
  },
  slice: { params: ['start', 'length', 'preserve_keys'], fn: (_c, v, s, l, p) => sliceValue(v, s, l ?? null, p ?? false) },
  sort: {
    params: ['arrow'],
    fn: (_c, v, arrow) => {
      const items = requireIterable(v, 'sort');
      if (arrow === undefined || arrow === null) return sortValues(items, compare);
      const f = arrowFn(arrow, 'sort');
      return sortValues(items, (a, b) => toNumber(f(a, b)));
    },
  },
  spaceless: { params: [], safe: ['html'], preEscape: true, fn: (_c, v) => sarg(v, 'trim').replace(/>\s+</g, '><').trim() },
  split: {
    params: ['delimiter', 'limit'],
    fn: (_c, v, delim, limit) => {
      const s = sarg(v, 'explode');
      const d = str(delim);
      const lim = limit === null || limit === undefined ? null : Math.trunc(castNumber(limit));
      if (d !== '') return explode(d, s, lim);
      const cs = chars(s);
      if (lim === null || lim <= 1) return cs.length ? cs : [''];
      if (cs.length < lim) return [v === null || v === undefined ? '' : v]; // PHP returns [$value] uncast
      const out: string[] = [];
      for (let i = 0; i < cs.length; i += lim) out.push(cs.slice(i, i + lim).join(''));
      return out;
    },
  },
  striptags: { params: ['allowable_tags'], fn: (_c, v, allowed) => stripTags(sarg(v, 'strip_tags'), allowed === undefined || allowed === null ? null : str(allowed)) },
  title: { params: [], fn: (_c, v) => titleCase(sarg(v, 'mb_convert_case')) },
  trim: {
    params: ['character_mask', 'side'],
    fn: (_c, v, mask, side = 'both') => {
      if (side !== 'both' && side !== 'left' && side !== 'right') throw new TwigRuntimeError('Trimming side must be "left", "right" or "both".');
      const defaultMask = mask === null || mask === undefined;
      const r = phpTrim(sarg(v, 'trim'), defaultMask ? ' \t\n\r\0\x0B' : str(mask), side);
      // Twig >= 3.12: trimming safe markup with the default mask keeps it safe.
      return v instanceof Markup && defaultMask ? new Markup(r) : r;
    },
  },
  upper: { params: [], fn: (_c, v) => sarg(v, 'mb_strtoupper').toUpperCase() },
  url_encode: { params: [], fn: (_c, v) => (isArray(v) ? httpBuildQuery(v, null).join('&') : rawUrlEncode(str(v))) },
  map: {
    params: ['arrow'],
    fn: (_c, v, arrow) => {
      const f = arrowFn(arrow, 'map');
      const items = requireIterable(v, 'map');
      if (Array.isArray(items)) return items.map((x, i) => f(x, i));
      return fromEntries(entriesOf(items).map(([k, x]) => [k, f(x, k)]));
    },
  },
  filter: {
    params: ['arrow'],
    fn: (_c, v, arrow) => {
      const f = arrowFn(arrow, 'filter');
      const items = requireIterable(v, 'filter');
      const kept = entriesOf(items).filter(([k, x]) => truthy(f(x, k)));
      const o: PhpMap = {};
      for (const [k, x] of kept) o[String(k)] = x;
      return Array.isArray(items) && kept.every(([k], i) => k === i) ? kept.map(([, x]) => x) : o;
    },
  },
  reduce: {
    params: ['arrow', 'initial'],
    fn: (_c, v, arrow, initial = null) => {
      const f = arrowFn(arrow, 'reduce');
      let acc = initial;
      for (const [k, x] of entriesOf(requireIterable(v, 'reduce'))) acc = f(acc, x, k);
      return acc;
    },
  },
  find: {
    params: ['arrow'],
    fn: (_c, v, arrow) => {
      const f = arrowFn(arrow, 'find');
      for (const [k, x] of entriesOf(requireIterable(v, 'find'))) if (truthy(f(x, k))) return x;
      return null;
    },
  },
};
FILTERS.e = FILTERS.escape!;

/** Every filter name Twig (core and official extra extensions) knows: unknown to us but known to Twig = `unsupported-twig`. */
export const TWIG_CORE_FILTERS = new Set([
  ...Object.keys(FILTERS), 'convert_encoding', 'shuffle', 'plural', 'singular', 'invoke', 'data_uri', 'u', 'slug',
  'markdown_to_html', 'html_to_markdown', 'inline_css', 'inky_to_html', 'format_currency', 'format_number', 'format_datetime',
  'format_date', 'format_time', 'country_name', 'currency_name', 'currency_symbol', 'language_name', 'locale_name',
  'timezone_name', 'html_attr_merge', 'html_attr_type',
]);

/** Tests (`is ...`) implemented here; `defined` is compiled specially. */
export const TESTS: Record<string, Callable> = {
  even: { params: [], fn: (_c, v) => Math.trunc(toNumber(v, '%')) % 2 === 0 },
  odd: { params: [], fn: (_c, v) => Math.trunc(toNumber(v, '%')) % 2 !== 0 },
  null: { params: [], fn: (_c, v) => v === null || v === undefined },
  none: { params: [], fn: (_c, v) => v === null || v === undefined },
  'same as': { params: ['value'], fn: (_c, v, x) => strictEquals(v, x) },
  'divisible by': {
    params: ['num'],
    fn: (_c, v, n) => {
      const d = Math.trunc(castNumber(n));
      if (d === 0) throw new TwigRuntimeError('Modulo by zero');
      return Math.trunc(toNumber(v, '%')) % d === 0;
    },
  },
  empty: { params: [], fn: (_c, v) => empty(v) },
  iterable: { params: [], fn: (_c, v) => isArray(v) },
  sequence: { params: [], fn: (_c, v) => Array.isArray(v) || (isMap(v) && isListLike(v)) },
  mapping: { params: [], fn: (_c, v) => isMap(v) && !isListLike(v) },
  true: { params: [], fn: (_c, v) => v === true },
  false: { params: [], fn: (_c, v) => v === false },
};

export const TWIG_CORE_TESTS = new Set(['constant', 'defined', ...Object.keys(TESTS)]);

function minMax(args: unknown[], sign: number): unknown {
  const vals = args.length === 1 && isArray(args[0]) ? valuesOf(args[0] as PhpMap) : args;
  if (!vals.length) throw new TwigRuntimeError(`${sign > 0 ? 'max' : 'min'}(): Argument #1 ($value) must contain at least one element`);
  let best = vals[0];
  for (const v of vals.slice(1)) if (compare(v, best) * sign > 0) best = v;
  return best;
}

/** Functions implemented here. */
export const FUNCTIONS: Record<string, Callable> = {
  range: { params: ['low', 'high', 'step'], fn: (_c, low, high, step = 1) => phpRange(low, high, step) },
  max: { params: ['values'], variadic: true, fn: (_c, ...args) => minMax(args, 1) },
  min: { params: ['values'], variadic: true, fn: (_c, ...args) => minMax(args, -1) },
  cycle: {
    params: ['values', 'position'],
    fn: (_c, values, position) => {
      if (!isArray(values)) throw new TwigRuntimeError('The "cycle" function expects an array or "ArrayAccess" as first argument.');
      const vs = valuesOf(values);
      if (!vs.length) throw new TwigRuntimeError('The "cycle" function does not work on empty sequences/mappings.');
      return vs[Math.trunc(castNumber(position)) % vs.length];
    },
  },
  date: { params: ['date', 'timezone'], fn: (c, d, tz) => toDate(c.env.timezone, d, tz) },
};

/** Functions Twig (core) has: calling one we lack is `unsupported-twig`, anything else is an unknown function. */
export const CORE_FUNCTIONS = new Set([
  ...Object.keys(FUNCTIONS), 'random', 'constant', 'include', 'source', 'template_from_string', 'block', 'parent',
  'attribute', 'dump', 'country_timezones', 'enum', 'enum_cases', 'html_classes', 'html_cva',
]);

export { empty as isEmptyValue };
