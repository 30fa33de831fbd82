/**
 * Twig's core filters on JSON data, with PHP semantics. Each entry is the one description of a
 * filter (see callable.ts): Twig's parameter names (as PHP Twig 3.5.1 reflects them, for named
 * arguments), their defaults, whether the output is safe for HTML (`safe`) and whether the input is
 * escaped first under autoescape (`preEscape`), a sentence of documentation and an example.
 * The filters on strings, numbers and dates are here; those on lists and maps in filters-lists.ts.
 */
import { formatDate, modifyDate } from './date';
import { TwigRuntimeError } from './errors';
import { count, entriesOf, isArray } from './arrays';
import { httpBuildQuery, jsonEncode } from './encode';
import { opt, req, type Callable } from './callable';
import { chars, nul, sarg, str } from './filter-args';
import { LIST_FILTERS } from './filters-lists';
import { Markup } from './objects';
import { castNumber, isNumericStr } from './php';
import { escapeValue, rawUrlEncode } from './runtime';
import { numberFormat, phpRound, phpTrim, sprintf, stripTags, strtr, titleCase } from './strings';

export type { Callable } from './callable';

/** Twig's `empty` test (also the `default` filter's condition). */
export function isEmptyValue(v: unknown): boolean {
  if (v === '' || v === false || v === null || v === undefined) return true;
  if (v instanceof Markup) return v.s === '';
  if (isArray(v)) return count(v) === 0;
  return false;
}

function explode(delim: string, s: string, limit: number | null): string[] {
  const parts = s.split(delim);
  if (limit === null) return parts;
  if (limit > 0) return parts.length > limit ? [...parts.slice(0, limit - 1), parts.slice(limit - 1).join(delim)] : parts;
  if (limit < 0) return parts.slice(0, limit);
  return [s];
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
  capitalize: {
    doc: 'First character upper case, the rest lower case.',
    params: [],
    example: "{{ 'hELLO'|capitalize }}",
    fn: (_c, v) => {
      const s = chars(sarg(v, 'mb_substr'));
      return s.length ? s[0]!.toUpperCase() + s.slice(1).join('').toLowerCase() : '';
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
  format: {
    doc: 'PHP sprintf: replaces %s, %d, %.2f… with the values.',
    params: [req('values')],
    variadic: true,
    example: "{{ '%s has %d points'|format('Ann', 3) }}",
    fn: (_c, v, ...args) => sprintf(sarg(v, 'sprintf'), args),
  },
  json_encode: {
    doc: 'PHP json_encode; slashes and non-ASCII characters are escaped unless `flags` say otherwise.',
    params: [opt('flags', 0), opt('depth', 512)],
    example: "{{ {a: 'é/'}|json_encode(flags=0, depth=512) }}",
    fn: (_c, v, flags) => jsonEncode(v, Math.trunc(castNumber(flags ?? 0))),
  },
  lower: { doc: 'Lower case.', params: [], example: "{{ 'ABC'|lower }}", fn: (_c, v) => sarg(v, 'mb_strtolower').toLowerCase() },
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
  ...LIST_FILTERS,
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
