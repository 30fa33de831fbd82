/**
 * The Twig filters, tests and functions the preview engine supports, with signatures and one-line docs,
 * for editor completion and hover help. Kept in sync with twig/filters.ts by render-catalog.test.ts.
 */

export interface TwigCallableDoc {
  name: string;
  signature: string;
  doc: string;
}

/** Supported filters (`{{ value|name(args) }}`). */
export const TWIG_FILTERS: readonly TwigCallableDoc[] = [
  { name: 'abs', signature: 'abs', doc: 'Absolute value of a number.' },
  { name: 'batch', signature: 'batch(size, fill = null, preserve_keys = true)', doc: 'Splits a list into lists of `size` items; the last one is padded with `fill` when given.' },
  { name: 'capitalize', signature: 'capitalize', doc: 'First character upper case, the rest lower case.' },
  { name: 'column', signature: 'column(name, index = null)', doc: 'Values of one key across a list of maps.' },
  { name: 'date', signature: "date(format = 'F j, Y H:i', timezone = null)", doc: 'Formats a timestamp, date string or "now" with PHP date() characters; UTC unless a timezone is given (false keeps the date\'s own).' },
  { name: 'date_modify', signature: 'date_modify(modifier)', doc: 'Shifts a date by a relative amount such as "+1 day".' },
  { name: 'default', signature: "default(value = '')", doc: 'The value, or `value` when it is undefined, null, empty string, false or an empty list.' },
  { name: 'e', signature: "e(strategy = 'html')", doc: 'Alias of escape.' },
  { name: 'escape', signature: "escape(strategy = 'html')", doc: 'Escapes for html (default), js, css, url or html_attr.' },
  { name: 'filter', signature: 'filter(v => condition)', doc: 'Keeps the items for which the arrow function is true (keys kept).' },
  { name: 'find', signature: 'find(v => condition)', doc: 'First item for which the arrow function is true, or null.' },
  { name: 'first', signature: 'first', doc: 'First item of a list/map or first character of a string.' },
  { name: 'format', signature: 'format(...values)', doc: 'PHP sprintf: replaces %s, %d, %.2f... placeholders.' },
  { name: 'join', signature: "join(glue = '', and = null)", doc: 'Joins items with `glue`, using `and` before the last one when given.' },
  { name: 'json_encode', signature: 'json_encode(options = 0)', doc: 'PHP json_encode (slashes and non-ASCII escaped).' },
  { name: 'keys', signature: 'keys', doc: 'Keys of a list or map.' },
  { name: 'last', signature: 'last', doc: 'Last item of a list/map or last character of a string.' },
  { name: 'length', signature: 'length', doc: 'Number of items, or of characters of a string.' },
  { name: 'lower', signature: 'lower', doc: 'Lower case.' },
  { name: 'map', signature: 'map(v => expression)', doc: 'Applies the arrow function to each item (keys kept).' },
  { name: 'merge', signature: 'merge(other)', doc: 'PHP array_merge: lists are appended, map keys overwritten.' },
  { name: 'nl2br', signature: 'nl2br', doc: 'Inserts <br /> before newlines (input escaped first; output safe).' },
  { name: 'number_format', signature: "number_format(decimals = 0, decimal_point = '.', thousands_sep = ',')", doc: 'PHP number_format: rounds half away from zero and groups thousands.' },
  { name: 'raw', signature: 'raw', doc: 'Marks the value safe: not escaped in html fields.' },
  { name: 'reduce', signature: 'reduce((carry, v) => expression, initial = null)', doc: 'Folds the items into one value.' },
  { name: 'replace', signature: 'replace({from: to, ...})', doc: 'PHP strtr: replaces each key of the mapping by its value, longest first.' },
  { name: 'reverse', signature: 'reverse(preserve_keys = false)', doc: 'Reverses a list, map or string.' },
  { name: 'round', signature: "round(precision = 0, method = 'common')", doc: 'Rounds (common = half away from zero, ceil, floor).' },
  { name: 'slice', signature: 'slice(start, length = null, preserve_keys = false)', doc: 'Part of a list or string; negative values count from the end. Also `value[start:length]`.' },
  { name: 'sort', signature: 'sort((a, b) => comparison = null)', doc: 'Sorts values (PHP comparison), keys of maps kept.' },
  { name: 'spaceless', signature: 'spaceless', doc: 'Removes whitespace between HTML tags (deprecated in Twig 3.12).' },
  { name: 'split', signature: 'split(delimiter, limit = null)', doc: 'PHP explode; an empty delimiter splits into chunks of `limit` characters.' },
  { name: 'striptags', signature: 'striptags(allowed_tags = null)', doc: 'Removes HTML tags, except `allowed_tags` like "<b><i>".' },
  { name: 'title', signature: 'title', doc: 'Each word capitalised, the rest lower case.' },
  { name: 'trim', signature: "trim(character_mask = null, side = 'both')", doc: 'Removes whitespace (or the given characters) from both, left or right side.' },
  { name: 'upper', signature: 'upper', doc: 'Upper case.' },
  { name: 'url_encode', signature: 'url_encode', doc: 'rawurlencode for strings; a query string for maps.' },
];

/** Supported tests (`{% if value is name %}`). */
export const TWIG_TESTS: readonly TwigCallableDoc[] = [
  { name: 'defined', signature: 'defined', doc: 'The variable or key exists (even if null).' },
  { name: 'divisible by', signature: 'divisible by(n)', doc: 'The number is a multiple of n.' },
  { name: 'empty', signature: 'empty', doc: "Null, false, '', or an empty list/map (\"0\" and 0 are not empty)." },
  { name: 'even', signature: 'even', doc: 'Even number.' },
  { name: 'iterable', signature: 'iterable', doc: 'A list or map.' },
  { name: 'mapping', signature: 'mapping', doc: 'A map (not a list).' },
  { name: 'null', signature: 'null', doc: 'Null or undefined (alias: none).' },
  { name: 'odd', signature: 'odd', doc: 'Odd number.' },
  { name: 'same as', signature: 'same as(value)', doc: 'Strict equality (===).' },
  { name: 'sequence', signature: 'sequence', doc: 'A list.' },
];

/** Supported functions. */
export const TWIG_FUNCTIONS: readonly TwigCallableDoc[] = [
  { name: 'cycle', signature: 'cycle(values, position)', doc: 'values[position % length].' },
  { name: 'date', signature: 'date(date = null, timezone = null)', doc: 'A date value for comparisons and the date filter.' },
  { name: 'max', signature: 'max(...values)', doc: 'Largest value (PHP comparison).' },
  { name: 'min', signature: 'min(...values)', doc: 'Smallest value (PHP comparison).' },
  { name: 'range', signature: 'range(low, high, step = 1)', doc: 'List of numbers or letters; same as `low..high`.' },
];
