/**
 * Twig's core tests (`is ...`) and functions on JSON data, described like the filters (callable.ts):
 * parameter names and defaults, a sentence of documentation and an example.
 */
import { TwigRuntimeError } from './errors';
import { getAttr, isArray, isListLike, isMap, valuesOf } from './arrays';
import { renderBlock } from './blocks';
import { opt, req, type Callable } from './callable';
import { toDate } from './date';
import { isEmptyValue } from './filters';
import { castNumber, compare, strictEquals, toNumber, toStr } from './php';
import { twigRandom } from './random';
import { phpRange } from './values';

/** Tests (`is ...`). `defined` is compiled by the compiler itself: it looks at the expression, not at its value. */
export const TESTS: Record<string, Callable> = {
  defined: { doc: 'The variable, key, block or macro exists (even when its value is null).', params: [], example: "{{ user.name is defined ? 'yes' : 'no' }}", fn: () => true },
  even: { doc: 'An even number.', params: [], example: "{{ 4 is even ? 'yes' }}", fn: (_c, v) => Math.trunc(toNumber(v, '%')) % 2 === 0 },
  odd: { doc: 'An odd number.', params: [], example: "{{ 3 is odd ? 'yes' }}", fn: (_c, v) => Math.trunc(toNumber(v, '%')) % 2 !== 0 },
  null: { doc: 'Null or undefined (alias: none).', params: [], example: "{{ missing is null ? 'yes' }}", fn: (_c, v) => v === null || v === undefined },
  none: { doc: 'Alias of null.', params: [], example: "{{ missing is none ? 'yes' }}", fn: (_c, v) => v === null || v === undefined },
  'same as': { doc: 'Strict equality (===).', params: [req('value')], example: "{{ 1 is same as(1) ? 'yes' }}", fn: (_c, v, x) => strictEquals(v, x) },
  'divisible by': {
    doc: 'The number is a multiple of `num`.',
    params: [req('num')],
    example: "{{ 9 is divisible by(3) ? 'yes' }}",
    fn: (_c, v, n) => {
      const d = Math.trunc(castNumber(n));
      if (d === 0) throw new TwigRuntimeError('Modulo by zero');
      return Math.trunc(toNumber(v, '%')) % d === 0;
    },
  },
  empty: { doc: 'Null, false, \'\', or an empty list or map ("0" and 0 are not empty).', params: [], example: "{{ '' is empty ? 'yes' }}", fn: (_c, v) => isEmptyValue(v) },
  iterable: { doc: 'A list or a map.', params: [], example: "{{ [1] is iterable ? 'yes' }}", fn: (_c, v) => isArray(v) },
  sequence: { doc: 'A list (keys 0, 1, 2… in order).', params: [], example: "{{ [1, 2] is sequence ? 'yes' }}", fn: (_c, v) => Array.isArray(v) || (isMap(v) && isListLike(v)) },
  mapping: { doc: 'A map (not a list).', params: [], example: "{{ {a: 1} is mapping ? 'yes' }}", fn: (_c, v) => isMap(v) && !isListLike(v) },
  true: { doc: 'Exactly true.', params: [], example: "{{ true is true ? 'yes' }}", fn: (_c, v) => v === true },
  false: { doc: 'Exactly false.', params: [], example: "{{ false is false ? 'yes' }}", fn: (_c, v) => v === false },
};

/** Tests Twig (core) has: one we lack is `unsupported-twig`, anything else an unknown test. */
export const TWIG_CORE_TESTS = new Set(['constant', ...Object.keys(TESTS)]);

function minMax(args: unknown[], sign: number): unknown {
  const vals = args.length === 1 && isArray(args[0]) ? valuesOf(args[0]) : args;
  if (!vals.length) throw new TwigRuntimeError(`${sign > 0 ? 'max' : 'min'}(): Argument #1 ($value) must contain at least one element`);
  let best = vals[0];
  for (const v of vals.slice(1)) if (compare(v, best) * sign > 0) best = v;
  return best;
}

/** Functions. Functions take no piped input: their arguments come straight after the ctx. */
export const FUNCTIONS: Record<string, Callable> = {
  attribute: {
    doc: 'The `attribute` key of a list or map (`variable[attribute]`); `arguments` only matter for PHP objects, which JSON data has none of.',
    params: [req('variable'), req('attribute'), opt('arguments', [])],
    example: "{{ attribute(variable={plan: 'gold'}, attribute='plan', arguments=[]) }}",
    fn: (_c, obj, attr) => getAttr(obj, attr),
  },
  block: {
    // Twig's second parameter names another template, which the platform does not have (the compiler says so).
    doc: 'Renders a block of this template again, with a copy of the current variables (a block may call itself).',
    params: [req('name')],
    safe: ['all'],
    example: "{% block hello %}Hi{% endblock %} {{ block(name='hello') }}",
    fn: (c, name) => renderBlock(c, toStr(name)),
  },
  cycle: {
    doc: 'values[position % length].',
    params: [req('values'), req('position')],
    example: "{{ cycle(values=['odd', 'even'], position=3) }}",
    fn: (_c, values, position) => {
      if (!isArray(values)) throw new TwigRuntimeError('The "cycle" function expects an array or "ArrayAccess" as first argument.');
      const vs = valuesOf(values);
      if (!vs.length) throw new TwigRuntimeError('The "cycle" function does not work on empty sequences/mappings.');
      return vs[Math.trunc(castNumber(position)) % vs.length];
    },
  },
  date: {
    doc: 'A date value for comparisons and the date filter (now when no date is given).',
    params: [opt('date', null), opt('timezone', null)],
    example: "{{ date(date='2024-01-05', timezone='UTC')|date('Y') }}",
    fn: (c, d, tz) => toDate(c.env.timezone, d, tz),
  },
  max: { doc: 'The largest value (PHP comparison), of the arguments or of one list.', params: [req('values')], variadic: true, example: '{{ max(1, 3, 2) }}', fn: (_c, ...args) => minMax(args, 1) },
  min: { doc: 'The smallest value (PHP comparison), of the arguments or of one list.', params: [req('values')], variadic: true, example: '{{ min([4, 2, 8]) }}', fn: (_c, ...args) => minMax(args, -1) },
  random: {
    doc: 'A random item, character or number. The platform picks when it sends; the preview shows one pick, seeded per user.',
    params: [opt('values', null), opt('max', null)],
    random: true,
    example: "{{ random(values=['a', 'b'], max=null) }}",
    fn: (c, values, max) => twigRandom(c, values, max),
  },
  range: {
    doc: 'A list of numbers or letters from `low` to `high`; same as `low..high`.',
    params: [req('low'), req('high'), opt('step', 1)],
    example: "{{ range(low=1, high=9, step=4)|join(',') }}",
    fn: (_c, low, high, step) => phpRange(low, high, step ?? 1),
  },
};

/** Twig (core) functions that read other templates: the platform renders one template per field. */
export const OTHER_TEMPLATE_FUNCTIONS = new Set(['include', 'source', 'template_from_string', 'parent']);

/** Functions Twig (core) has: calling one we lack is `unsupported-twig`, anything else an unknown function. */
export const CORE_FUNCTIONS = new Set([...Object.keys(FUNCTIONS), ...OTHER_TEMPLATE_FUNCTIONS, 'constant', 'dump', 'country_timezones', 'enum', 'enum_cases', 'html_classes', 'html_cva']);
