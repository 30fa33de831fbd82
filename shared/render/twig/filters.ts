/**
 * Twig's core filters on JSON data, with PHP semantics. Each entry is the one description of a
 * filter (see callable.ts): Twig's parameter names (as PHP Twig 3.5.1 reflects them, for named
 * arguments), their defaults, whether the output is safe for HTML (`safe`) and whether the input is
 * escaped first under autoescape (`preEscape`), a sentence of documentation and an example.
 */
import { formatDate, modifyDate } from './date';
import { TwigRuntimeError } from './errors';
import { ArrayBuilder, arrayKey, count, entriesOf, fromEntries, getAttr, hasAttr, isArray, keysOf, valuesOf, type PhpArray, type PhpKey } from './arrays';
import { httpBuildQuery, jsonEncode } from './encode';
import { opt, req, type Callable } from './callable';
import { Markup } from './objects';
import { castNumber, compare, isNumericStr, toNumber, toStr, truthy } from './php';
import { twigShuffle } from './random';
import { escapeValue, rawUrlEncode } from './runtime';
import { numberFormat, phpRound, phpTrim, sprintf, stripTags, strtr, titleCase } from './strings';
import { sliceValue } from './values';

export type { Callable } from './callable';

const str = (v: unknown): string => (v === null || v === undefined ? '' : toStr(v));

/** A string argument of a PHP internal function: arrays are a TypeError in PHP 8 (scalars are coerced). */
function sarg(v: unknown, fn: string): string {
  if (isArray(v)) throw new TwigRuntimeError(`${fn}(): Argument #1 ($string) must be of type string, array given`);
  return str(v);
}
const chars = (s: string): string[] => Array.from(s);

/** Twig's `empty` test (also the `default` filter's condition). */
export function isEmptyValue(v: unknown): boolean {
  if (v === '' || v === false || v === null || v === undefined) return true;
  if (v instanceof Markup) return v.s === '';
  if (isArray(v)) return count(v) === 0;
  return false;
}

function arrowFn(f: unknown, filter: string): (...a: unknown[]) => unknown {
  if (typeof f !== 'function') throw new TwigRuntimeError(`The "${filter}" filter expects an arrow function.`);
  return f as (...a: unknown[]) => unknown;
}

function requireIterable(v: unknown, filter: string): PhpArray {
  if (!isArray(v)) throw new TwigRuntimeError(`The "${filter}" filter expects a sequence or a mapping, got "${v === null || v === undefined ? 'null' : typeof v}".`);
  return v;
}

/** array_merge: integer keys are renumbered, string keys overwrite. */
function arrayMerge(a: PhpArray, b: PhpArray): PhpArray {
  if (Array.isArray(a) && Array.isArray(b)) return a.concat(b);
  const out = new Map<PhpKey, unknown>();
  let next = 0;
  for (const src of [a, b]) for (const [k, v] of entriesOf(src)) out.set(typeof k === 'number' ? next++ : k, v);
  return fromEntries(out);
}

function explode(delim: string, s: string, limit: number | null): string[] {
  const parts = s.split(delim);
  if (limit === null) return parts;
  if (limit > 0) return parts.length > limit ? [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(delim)] : parts;
  if (limit < 0) return parts.slice(0, limit);
  return [s];
}

/** asort/uasort: values in order, each keeping its key (so a sorted list can have keys 2, 0, 1). */
function sortValues(v: PhpArray, cmp: (a: unknown, b: unknown) => number): unknown[] | Map<PhpKey, unknown> {
  return fromEntries(entriesOf(v).sort((a, b) => cmp(a[1], b[1])));
}

const nul = (v: unknown) => v === null || v === undefined;

/** PHP's current() of a one-item slice: the item (null included), false when there is none. */
function onlyItem(r: unknown): unknown {
  if (typeof r === 'string') return r;
  const vs = valuesOf(r as PhpArray);
  return vs.length ? vs[0] : false;
}

/** Filters of Twig core implemented by this engine (name -> implementation). */
export const FILTERS: Record<string, Callable> = {
  abs: {
    doc: 'Absolute value of a number.',
    params: [],
    example: '{{ -3|abs }}',
    fn: (_c, v) => {
      if (isArray(v) || (typeof v === 'string' && !isNumericStr(v))) {
        throw new TwigRuntimeError(`abs(): Argument #1 ($num) must be of type int|float, ${isArray(v) ? 'array' : 'string'} given`);
      }
      return Math.abs(castNumber(v));
    },
  },
  batch: {
    doc: 'Splits a list into lists of `size` items; the last one is padded with `fill` when given.',
    params: [req('size'), opt('fill', null), opt('preserve_keys', true)],
    example: "{{ [1, 2, 3]|batch(size=2, fill='-', preserve_keys=false)|json_encode }}",
    fn: (_c, v, size, fill, preserve) => {
      const n = Math.ceil(castNumber(size));
      if (n < 1) throw new TwigRuntimeError('The "batch" filter size must be greater than 0.');
      const es = entriesOf(requireIterable(v, 'batch'));
      const chunks: [PhpKey, unknown][][] = [];
      for (let i = 0; i < es.length; i += n) {
        const chunk = es.slice(i, i + n);
        chunks.push(preserve !== false ? chunk : chunk.map(([, x], j) => [j, x]));
      }
      const last = chunks[chunks.length - 1];
      if (!nul(fill) && last && last.length < n) {
        // `$result[$last][] = $fill`: appended under PHP's next integer key.
        const b = new ArrayBuilder();
        for (const [k, x] of last) b.set(k, x);
        for (let i = last.length; i < n; i++) b.push(fill);
        return [...chunks.slice(0, -1).map(fromEntries), b.finish()];
      }
      return chunks.map(fromEntries);
    },
  },
  capitalize: {
    doc: 'First character upper case, the rest lower case.',
    params: [],
    example: "{{ 'hELLO'|capitalize }}",
    fn: (_c, v) => {
      const s = chars(sarg(v, 'mb_substr'));
      return s.length ? s[0]!.toUpperCase() + s.slice(1).join('').toLowerCase() : '';
    },
  },
  column: {
    doc: 'Values of one key across a list of maps, optionally keyed by another key.',
    params: [req('name'), opt('index', null)],
    example: "{{ [{id: 'a', n: 1}]|column(name='n', index='id')|json_encode }}",
    fn: (_c, v, name, index) => {
      // array_column: `$out[$row[$index]] = $row[$name]`, or `$out[] = ...` when the row has no index key.
      const out = new ArrayBuilder();
      for (const row of valuesOf(requireIterable(v, 'column'))) {
        if (!isArray(row) || !hasAttr(row, name)) continue;
        if (!nul(index) && hasAttr(row, index)) out.set(arrayKey(getAttr(row, index)), getAttr(row, name));
        else out.push(getAttr(row, name));
      }
      return out.finish();
    },
  },
  date: {
    doc: 'Formats a timestamp, date string or "now" with PHP date() characters; UTC unless a time zone is given (false keeps the date\'s own).',
    params: [opt('format', 'F j, Y H:i'), opt('timezone', null)],
    example: "{{ '2024-02-29 13:05'|date(format='D j M Y H:i', timezone='Europe/Paris') }}",
    fn: (c, v, format, tz) => formatDate(c.env.timezone, v, nul(format) ? 'F j, Y H:i' : format, tz),
  },
  date_modify: {
    doc: 'Shifts a date by a relative amount such as "+1 day".',
    params: [req('modifier')],
    example: "{{ '2024-02-28'|date_modify(modifier='+1 day')|date('Y-m-d') }}",
    fn: (c, v, mod) => modifyDate(c.env.timezone, v, str(mod)),
  },
  default: {
    doc: 'The value, or `default` when it is undefined, null, the empty string, false or an empty list.',
    params: [opt('default', '')],
    example: "{{ missing|default(default='there') }}",
    fn: (_c, v, d) => (isEmptyValue(v) ? d : v),
  },
  escape: {
    doc: 'Escapes for html (the default), js, css, url or html_attr.',
    params: [opt('strategy', 'html'), opt('charset', null)],
    example: "{{ '<b>'|escape(strategy='html', charset='UTF-8') }}",
    // twig_escape_filter returns non-strings (numbers, booleans, null, arrays) unchanged.
    fn: (_c, v, st) => (typeof v === 'string' || v instanceof Markup ? escapeValue(v, str(st) || 'html', false) : v),
  },
  first: {
    doc: 'First item of a list or map, or first character of a string.',
    params: [],
    example: '{{ [1, 2]|first }}',
    fn: (_c, v) => onlyItem(sliceValue(v, 0, 1, false)),
  },
  format: {
    doc: 'PHP sprintf: replaces %s, %d, %.2f… with the values.',
    params: [req('values')],
    variadic: true,
    example: "{{ '%s has %d points'|format('Ann', 3) }}",
    fn: (_c, v, ...args) => sprintf(sarg(v, 'sprintf'), args),
  },
  join: {
    doc: 'Joins the items with `glue`, and with `and` before the last one when given.',
    params: [opt('glue', ''), opt('and', null)],
    example: "{{ ['a', 'b', 'c']|join(glue=', ', and=' and ') }}",
    fn: (_c, v, glue, and) => {
      const raw = isArray(v) ? valuesOf(v) : nul(v) ? [] : [v];
      const vals = raw.map(str);
      const g = str(glue);
      if (!vals.length) return '';
      if (nul(and) || str(and) === g) return vals.join(g);
      if (vals.length === 1) return raw[0]; // PHP returns the single element itself, uncast
      return vals.slice(0, -1).join(g) + str(and) + vals[vals.length - 1];
    },
  },
  json_encode: {
    doc: 'PHP json_encode; slashes and non-ASCII characters are escaped unless `flags` say otherwise.',
    params: [opt('flags', 0), opt('depth', 512)],
    example: "{{ {a: 'é/'}|json_encode(flags=0, depth=512) }}",
    fn: (_c, v, flags) => jsonEncode(v, Math.trunc(castNumber(flags ?? 0))),
  },
  keys: {
    doc: 'Keys of a list or map.',
    params: [],
    example: "{{ {a: 1, b: 2}|keys|join(',') }}",
    fn: (_c, v) => (isArray(v) ? keysOf(v) : []),
  },
  last: {
    doc: 'Last item of a list or map, or last character of a string.',
    params: [],
    example: '{{ [1, 2]|last }}',
    fn: (_c, v) => onlyItem(sliceValue(v, -1, 1, false)),
  },
  length: {
    doc: 'Number of items, or of characters of a string.',
    params: [],
    example: "{{ 'héllo'|length }}",
    fn: (_c, v) => (nul(v) ? 0 : isArray(v) ? count(v) : chars(toStr(v)).length),
  },
  lower: { doc: 'Lower case.', params: [], example: "{{ 'ABC'|lower }}", fn: (_c, v) => sarg(v, 'mb_strtolower').toLowerCase() },
  merge: {
    doc: 'PHP array_merge: list items are appended, map keys overwritten, in order.',
    params: [req('arr2')],
    example: '{{ {a: 1}|merge(arr2={b: 2})|json_encode }}',
    fn: (_c, a, b) => {
      if (!isArray(a)) throw new TwigRuntimeError('The merge filter only works with sequences/mappings or "Traversable", got "' + (a == null ? 'null' : typeof a) + '" for argument 1.');
      if (!isArray(b)) throw new TwigRuntimeError('The merge filter only works with sequences/mappings or "Traversable", got "' + (b == null ? 'null' : typeof b) + '" for argument 2.');
      return arrayMerge(a, b);
    },
  },
  nl2br: {
    doc: 'Inserts <br /> before newlines (the input is escaped first; the output is safe).',
    params: [],
    safe: ['html'],
    preEscape: true,
    example: "{{ 'a\\nb'|nl2br }}",
    fn: (_c, v) => sarg(v, 'nl2br').replace(/(\r\n|\n\r|\n|\r)/g, '<br />$1'),
  },
  number_format: {
    doc: 'PHP number_format: rounds half away from zero and groups thousands.',
    params: [opt('decimal', 0), opt('decimal_point', '.'), opt('thousand_sep', ',')],
    example: "{{ 1234.567|number_format(decimal=2, decimal_point=',', thousand_sep='.') }}",
    fn: (_c, v, d, dp, ts) => numberFormat(castNumber(v), nul(d) ? 0 : castNumber(d), nul(dp) ? '.' : str(dp), nul(ts) ? ',' : str(ts)),
  },
  raw: { doc: 'Marks the value safe: not escaped in html fields.', params: [], safe: ['all'], example: "{{ '<b>'|raw }}", fn: (_c, v) => v },
  replace: {
    doc: 'PHP strtr: replaces each key of the mapping by its value, longest first.',
    params: [req('from')],
    example: "{{ 'Hi NAME'|replace(from={'NAME': 'Ann'}) }}",
    fn: (_c, v, from) => {
      if (!isArray(from)) throw new TwigRuntimeError(`The "replace" filter expects a sequence/mapping or "Traversable" as replace values, got "${from == null ? 'null' : typeof from}".`);
      return strtr(
        sarg(v, 'strtr'),
        entriesOf(from).map(([k, x]) => [String(k), str(x)]),
      );
    },
  },
  reverse: {
    doc: 'Reverses a list, map or string; integer keys are renumbered unless `preserve_keys`.',
    params: [opt('preserve_keys', false)],
    example: '{{ [1, 2, 3]|reverse(preserve_keys=true)|json_encode }}',
    fn: (_c, v, preserve) => {
      if (Array.isArray(v) && !truthy(preserve)) return v.slice().reverse();
      if (isArray(v)) {
        let next = 0;
        return fromEntries(
          entriesOf(v)
            .reverse()
            .map(([k, x]) => [typeof k === 'number' && !truthy(preserve) ? next++ : k, x]),
        );
      }
      return chars(str(v)).reverse().join('');
    },
  },
  round: {
    doc: 'Rounds (common = half away from zero, ceil, floor).',
    params: [opt('precision', 0), opt('method', 'common')],
    example: "{{ 2.567|round(precision=1, method='floor') }}",
    fn: (_c, v, p, method) => {
      const x = castNumber(v);
      const prec = Math.trunc(castNumber(p));
      if (method === 'common') return phpRound(x, prec);
      if (method !== 'ceil' && method !== 'floor') throw new TwigRuntimeError('The round filter only supports the "common", "ceil", and "floor" methods.');
      const f = Math.pow(10, prec);
      return (method === 'ceil' ? Math.ceil(x * f) : Math.floor(x * f)) / f;
    },
  },
  shuffle: {
    doc: 'The items (or characters) in random order. The platform shuffles when it sends; the preview shows one order, seeded per user.',
    params: [],
    random: true,
    example: '{{ [1, 2, 3]|shuffle|length }}',
    fn: (c, v) => twigShuffle(c, v),
  },
  slice: {
    doc: 'Part of a list or string; negative values count from the end. Also `value[start:length]`.',
    params: [req('start'), opt('length', null), opt('preserve_keys', false)],
    example: '{{ [1, 2, 3, 4]|slice(start=1, length=2, preserve_keys=true)|json_encode }}',
    fn: (_c, v, s, l, p) => sliceValue(v, s, l ?? null, p ?? false),
  },
  sort: {
    doc: 'Sorts the values (PHP comparison, or the arrow function); each value keeps its key.',
    params: [opt('arrow', null)],
    example: "{{ [3, 1, 2]|sort(arrow=(a, b) => a <=> b)|join(',') }}",
    fn: (_c, v, arrow) => {
      const items = requireIterable(v, 'sort');
      if (nul(arrow)) return sortValues(items, compare);
      const f = arrowFn(arrow, 'sort');
      return sortValues(items, (a, b) => toNumber(f(a, b)));
    },
  },
  spaceless: {
    doc: 'Removes whitespace between HTML tags (deprecated since Twig 3.12).',
    params: [],
    safe: ['html'],
    preEscape: true,
    example: "{{ '<p> <b>x</b> </p>'|spaceless }}",
    fn: (_c, v) => sarg(v, 'trim').replace(/>\s+</g, '><').trim(),
  },
  split: {
    doc: 'PHP explode; an empty delimiter splits into chunks of `limit` characters.',
    params: [req('delimiter'), opt('limit', null)],
    example: "{{ 'a,b,c'|split(delimiter=',', limit=2)|join('|') }}",
    fn: (_c, v, delim, limit) => {
      const s = sarg(v, 'explode');
      const d = str(delim);
      const lim = nul(limit) ? null : Math.trunc(castNumber(limit));
      if (d !== '') return explode(d, s, lim);
      const cs = chars(s);
      if (lim === null || lim <= 1) return cs.length ? cs : [''];
      if (cs.length < lim) return [nul(v) ? '' : v]; // PHP returns [$value] uncast
      const out: string[] = [];
      for (let i = 0; i < cs.length; i += lim) out.push(cs.slice(i, i + lim).join(''));
      return out;
    },
  },
  striptags: {
    doc: 'Removes HTML tags, except `allowable_tags` such as "<b><i>".',
    params: [opt('allowable_tags', null)],
    example: "{{ '<b>bold</b> <i>it</i>'|striptags(allowable_tags='<b>') }}",
    fn: (_c, v, allowed) => stripTags(sarg(v, 'strip_tags'), nul(allowed) ? null : str(allowed)),
  },
  title: { doc: 'Each word capitalised, the rest lower case.', params: [], example: "{{ 'hello wORLD'|title }}", fn: (_c, v) => titleCase(sarg(v, 'mb_convert_case')) },
  trim: {
    doc: 'Removes whitespace (or the given characters) from both sides, or the left or right one.',
    params: [opt('character_mask', null), opt('side', 'both')],
    example: "{{ '--x--'|trim(character_mask='-', side='left') }}",
    fn: (_c, v, mask, side) => {
      if (side !== 'both' && side !== 'left' && side !== 'right') throw new TwigRuntimeError('Trimming side must be "left", "right" or "both".');
      const defaultMask = nul(mask);
      const r = phpTrim(sarg(v, 'trim'), defaultMask ? ' \t\n\r\0\x0B' : str(mask), side);
      // Twig >= 3.12: trimming safe markup with the default mask keeps it safe.
      return v instanceof Markup && defaultMask ? new Markup(r) : r;
    },
  },
  upper: { doc: 'Upper case.', params: [], example: "{{ 'abc'|upper }}", fn: (_c, v) => sarg(v, 'mb_strtoupper').toUpperCase() },
  url_encode: {
    doc: 'rawurlencode for strings; a query string for maps.',
    params: [],
    example: "{{ {q: 'a b', page: 2}|url_encode }}",
    fn: (_c, v) => (isArray(v) ? httpBuildQuery(v).join('&') : rawUrlEncode(str(v))),
  },
  map: {
    doc: 'Applies the arrow function to each item; keys are kept.',
    params: [req('arrow')],
    example: "{{ [1, 2]|map(arrow=(v, k) => v * 10)|join(',') }}",
    fn: (_c, v, arrow) => {
      const f = arrowFn(arrow, 'map');
      const items = requireIterable(v, 'map');
      if (Array.isArray(items)) return items.map((x, i) => f(x, i));
      return fromEntries(entriesOf(items).map(([k, x]) => [k, f(x, k)]));
    },
  },
  filter: {
    doc: 'Keeps the items for which the arrow function is true; keys are kept.',
    params: [req('arrow')],
    example: "{{ [1, 2, 3]|filter(arrow=v => v > 1)|join(',') }}",
    fn: (_c, v, arrow) => {
      const f = arrowFn(arrow, 'filter');
      return fromEntries(entriesOf(requireIterable(v, 'filter')).filter(([k, x]) => truthy(f(x, k))));
    },
  },
  reduce: {
    doc: 'Folds the items into one value, starting from `initial`.',
    params: [req('arrow'), opt('initial', null)],
    example: '{{ [1, 2, 3]|reduce(arrow=(carry, v) => carry + v, initial=10) }}',
    fn: (_c, v, arrow, initial) => {
      const f = arrowFn(arrow, 'reduce');
      let acc = initial;
      for (const [k, x] of entriesOf(requireIterable(v, 'reduce'))) acc = f(acc, x, k);
      return acc;
    },
  },
  find: {
    doc: 'The first item for which the arrow function is true, or null.',
    params: [req('arrow')],
    example: '{{ [1, 2, 3]|find(arrow=v => v > 1) }}',
    fn: (_c, v, arrow) => {
      const f = arrowFn(arrow, 'find');
      for (const [k, x] of entriesOf(requireIterable(v, 'find'))) if (truthy(f(x, k))) return x;
      return null;
    },
  },
};
FILTERS.e = { ...FILTERS.escape!, doc: 'Alias of escape.', example: "{{ '<b>'|e(strategy='html', charset='UTF-8') }}" };

/** Every filter name Twig (core and official extra extensions) knows: unknown to us but known to Twig = `unsupported-twig`. */
export const TWIG_CORE_FILTERS = new Set([
  ...Object.keys(FILTERS),
  'convert_encoding',
  'plural',
  'singular',
  'invoke',
  'data_uri',
  'u',
  'slug',
  'markdown_to_html',
  'html_to_markdown',
  'inline_css',
  'inky_to_html',
  'format_currency',
  'format_number',
  'format_datetime',
  'format_date',
  'format_time',
  'country_name',
  'currency_name',
  'currency_symbol',
  'language_name',
  'locale_name',
  'timezone_name',
  'html_attr_merge',
  'html_attr_type',
]);

export { str as stringOf };
