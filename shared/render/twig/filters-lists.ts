/**
 * Twig's core filters on lists and maps (PHP arrays as ordered maps, see arrays.ts), with PHP
 * semantics: batch, column, first/last, join, keys, length, merge, reverse, shuffle, slice, sort and
 * the arrow-function filters map, filter, reduce and find. filters.ts joins them with the others into
 * the one table; the entries have the same shape (callable.ts).
 */
import { TwigRuntimeError } from './errors';
import { ArrayBuilder, arrayKey, count, entriesOf, fromEntries, getAttr, hasAttr, isArray, keysOf, valuesOf, type PhpArray, type PhpKey } from './arrays';
import { opt, req, type Callable } from './callable';
import { chars, nul, str } from './filter-args';
import { Markup } from './objects';
import { castNumber, compare, toNumber, toStr, truthy } from './php';
import { twigShuffle } from './random';
import { sliceValue } from './values';

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

/** asort/uasort: values in order, each keeping its key (so a sorted list can have keys 2, 0, 1). */
function sortValues(v: PhpArray, cmp: (a: unknown, b: unknown) => number): unknown[] | Map<PhpKey, unknown> {
  return fromEntries(entriesOf(v).sort((a, b) => cmp(a[1], b[1])));
}

/** PHP's current() of a one-item slice: the item (null included), false when there is none. */
function onlyItem(r: unknown): unknown {
  if (typeof r === 'string') return r;
  const vs = valuesOf(r as PhpArray);
  return vs.length ? vs[0] : false;
}

/** The list and map filters of Twig core implemented by this engine (name -> implementation). */
export const LIST_FILTERS: Record<string, Callable> = {
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
  first: {
    doc: 'First item of a list or map, or first character of a string.',
    params: [],
    example: '{{ [1, 2]|first }}',
    fn: (_c, v) => onlyItem(sliceValue(v, 0, 1, false)),
  },
  join: {
    doc: 'Joins the items with `glue`, and with `and` before the last one when given.',
    params: [opt('glue', ''), opt('and', null)],
    example: "{{ ['a', 'b', 'c']|join(glue=', ', and=' and ') }}",
    fn: (_c, v, glue, and) => {
      // Twig 3.5.1 joins `(array) $value` for a non-iterable: a Twig\Markup (a captured `set`) casts to its two properties, content and charset.
      const raw = isArray(v) ? valuesOf(v) : nul(v) ? [] : v instanceof Markup ? [v.s, 'UTF-8'] : [v];
      const vals = raw.map(str);
      const g = str(glue);
      if (!vals.length) return '';
      if (nul(and) || str(and) === g) return vals.join(g);
      if (vals.length === 1) return raw[0]; // PHP returns the single element itself, uncast
      return vals.slice(0, -1).join(g) + str(and) + vals[vals.length - 1];
    },
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
