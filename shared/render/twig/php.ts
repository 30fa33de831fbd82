/**
 * PHP value semantics for template data (JSON values: string, number, boolean, null, list, map).
 *
 * Twig compiles to PHP, so what a template prints is decided by PHP 8's rules: how values convert to
 * strings (`true` -> "1", floats with precision=14), what is truthy ("0" and [] are falsy), loose
 * comparison (numeric strings compare as numbers), arithmetic on strings. These helpers are the
 * runtime hot path: keep them small and allocation-free.
 */
import { TwigRuntimeError } from './errors';
import { count, entriesOf, fromEntries, getAttr, hasAttr, isArray, keysOf, type PhpArray } from './arrays';
import { Markup, PhpDate } from './objects';

export { Markup, PhpDate } from './objects';
export { count, entriesOf, fromEntries, getAttr, hasAttr, isArray, isListLike, isMap, keysOf, phpKeyValue, valuesOf, type OrderedMap, type PhpArray, type PhpKey, type PhpMap } from './arrays';

/** PHP's (string) cast of a float with precision=14 (what `echo` prints). */
export function numToStr(n: number): string {
  // Integer-valued numbers are PHP ints (JSON ints, int arithmetic) unless outside the int64 range.
  // -0 only arises from float arithmetic here (int operations normalise it away), and PHP prints float -0.0 as "-0".
  if (Number.isInteger(n) && Math.abs(n) < 9.2e18) return n === 0 ? (Object.is(n, -0) ? '-0' : '0') : String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NAN' : n > 0 ? 'INF' : '-INF';
  const exp = n.toExponential(13); // d.ddddddddddddde±x : 14 significant digits
  const e = exp.indexOf('e');
  const expo = Number(exp.slice(e + 1));
  let mant = exp.slice(0, e);
  if (expo < -4 || expo >= 14) {
    mant = mant.replace(/\.?0+$/, '');
    if (mant.indexOf('.') < 0) mant += '.0';
    return `${mant}E${expo < 0 ? '-' : '+'}${Math.abs(expo)}`;
  }
  const s = n.toFixed(Math.max(0, 13 - expo));
  const r = s.indexOf('.') >= 0 ? s.replace(/\.?0+$/, '') : s;
  return r === '-0' ? '-0' : r;
}

/** PHP string conversion used when printing (`{{ v }}`), concatenating (`~`) and by string filters. */
export function toStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numToStr(v);
  if (v === true) return '1';
  if (v === false || v === null || v === undefined) return '';
  if (v instanceof Markup) return v.s;
  if (v instanceof PhpDate) throw new TwigRuntimeError('Object of class DateTime could not be converted to string');
  if (typeof v === 'object') return 'Array';
  return String(v);
}

/** PHP truthiness: false, 0, 0.0, "", "0", null and empty arrays are false. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'string') return v !== '' && v !== '0';
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Markup || v instanceof PhpDate) return true;
  if (v instanceof Map) return v.size > 0;
  if (typeof v === 'object') {
    for (const _k in v) return true;
    return false;
  }
  return Boolean(v);
}

const NUMERIC = /^[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r\v\f]*$/;
const LEADING_NUMERIC = /^[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/;

/** PHP's is_numeric for strings. */
export function isNumericStr(s: string): boolean {
  return NUMERIC.test(s);
}

/** Converts an operand of an arithmetic operator as PHP 8 does (TypeError on non-numeric strings and arrays). */
export function toNumber(v: unknown, op = '+'): number {
  if (typeof v === 'number') return v;
  if (v instanceof Markup) throw new TwigRuntimeError(`Unsupported operand types: Twig\\Markup ${op} int`);
  if (typeof v === 'string') {
    const s = v;
    if (NUMERIC.test(s)) return Number(s);
    const m = LEADING_NUMERIC.exec(s);
    if (m) return Number(m[0]); // PHP: "A non-numeric value encountered" warning, value kept
    throw new TwigRuntimeError(`Unsupported operand types: string ${op} int`);
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined) return 0;
  throw new TwigRuntimeError(`Unsupported operand types: array ${op} int`);
}

/** Lenient numeric cast used by filters (PHP (float)/(int) casts: non-numeric -> 0). */
export function castNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const m = LEADING_NUMERIC.exec(v);
    return m ? Number(m[0]) : 0;
  }
  if (v instanceof Markup || v instanceof PhpDate) return 1; // (float) of an object is 1 in PHP
  if (isArray(v)) return count(v) ? 1 : 0;
  return 0;
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** PHP 8's `<=>` (loose comparison), which Twig uses for ==, !=, <, >, <=, >=, `in` and sort. */
export function compare(a: unknown, b: unknown): number {
  // Markup is a PHP object: greater than any array, true against a bool or null, 1 against a
  // number, and its text against a string.
  if (a instanceof Markup) {
    if (isArray(b)) return 1;
    a = typeof b === 'number' ? 1 : typeof b === 'boolean' || b === null || b === undefined ? true : a.s;
  }
  if (b instanceof Markup) {
    if (isArray(a)) return -1;
    b = typeof a === 'number' ? 1 : typeof a === 'boolean' || a === null || a === undefined ? true : b.s;
  }
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'string' && tb === 'string') {
    if (a === b) return 0;
    if (NUMERIC.test(a as string) && NUMERIC.test(b as string)) return cmp(Number(a), Number(b));
    return cmp(a as string, b as string);
  }
  if (ta === 'number' && tb === 'number') return cmp(a as number, b as number);
  if (ta === 'number' && tb === 'string') {
    return NUMERIC.test(b as string) ? cmp(a as number, Number(b)) : cmp(numToStr(a as number), b as string);
  }
  if (ta === 'string' && tb === 'number') {
    return NUMERIC.test(a as string) ? cmp(Number(a), b as number) : cmp(a as string, numToStr(b as number));
  }
  if (a === null && tb === 'string') return cmp('', b as string);
  if (b === null && ta === 'string') return cmp(a as string, '');
  if (ta === 'boolean' || tb === 'boolean' || a === null || b === null) return cmp(truthy(a) ? 1 : 0, truthy(b) ? 1 : 0);
  if (isArray(a) && isArray(b)) {
    const ca = count(a);
    const cb = count(b);
    if (ca !== cb) return cmp(ca, cb);
    // PHP compares arrays key by key in the left one's order; a key the right lacks makes them uncomparable (1).
    for (const [k, x] of entriesOf(a)) {
      if (!hasAttr(b, k)) return 1;
      const r = compare(x, getAttr(b, k));
      if (r !== 0) return r;
    }
    return 0;
  }
  if (isArray(a)) return 1;
  if (isArray(b)) return -1;
  return cmp(toStr(a), toStr(b));
}

/** PHP's `==`. */
export function looseEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return compare(a, b) === 0;
}

/** PHP's `===` (Twig's `same as`). Int/float are indistinguishable in JS; both count as the same number. */
export function strictEquals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (isArray(a) && isArray(b)) {
    // Same key/value pairs in the same order.
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => strictEquals(x, b[i]));
    const ea = entriesOf(a);
    const eb = entriesOf(b);
    if (ea.length !== eb.length) return false;
    for (let i = 0; i < ea.length; i++) {
      if (ea[i]![0] !== eb[i]![0] || !strictEquals(ea[i]![1], eb[i]![1])) return false;
    }
    return true;
  }
  return false;
}

/** Normalises an attribute/array key the way PHP casts array keys. */
export function phpKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') return String(Math.trunc(k));
  if (k === true) return '1';
  if (k === false) return '0';
  if (k === null || k === undefined) return '';
  return toStr(k);
}

/** PHP `+`, `-`, `*` with PHP 8 operand conversion. */
export function add(a: unknown, b: unknown): unknown {
  if (isArray(a) && isArray(b)) return arrayUnion(a, b);
  return toNumber(a, '+') + toNumber(b, '+');
}

/** PHP's `array + array`: keys of the left, then keys of the right it lacks. */
function arrayUnion(a: PhpArray, b: PhpArray): PhpArray {
  if (Array.isArray(a) && Array.isArray(b)) return a.length >= b.length ? a.slice() : a.concat(b.slice(a.length));
  const out = entriesOf(a);
  const seen = new Set(keysOf(a));
  for (const e of entriesOf(b)) if (!seen.has(e[0])) out.push(e);
  return fromEntries(out);
}
export function sub(a: unknown, b: unknown): number {
  return toNumber(a, '-') - toNumber(b, '-');
}
export function mul(a: unknown, b: unknown): number {
  const x = toNumber(a, '*');
  const y = toNumber(b, '*');
  const r = x * y;
  // int * int is an int in PHP: never -0.
  return r === 0 && Number.isInteger(x) && Number.isInteger(y) ? 0 : r;
}
export function div(a: unknown, b: unknown): number {
  const d = toNumber(b, '/');
  if (d === 0) throw new TwigRuntimeError('Division by zero');
  const x = toNumber(a, '/');
  const r = x / d;
  return r === 0 && Number.isInteger(x) && Number.isInteger(d) ? 0 : r;
}
export function floorDiv(a: unknown, b: unknown): number {
  return Math.floor(div(a, b)) || 0;
}
/** Unary minus: -0 stays a float -0.0 only when the operand was a float. */
export function neg(a: unknown): number {
  const x = toNumber(a, '*');
  return x === 0 && Number.isInteger(x) ? 0 : -x;
}
export function mod(a: unknown, b: unknown): number {
  const d = Math.trunc(toNumber(b, '%'));
  if (d === 0) throw new TwigRuntimeError('Modulo by zero');
  const r = Math.trunc(toNumber(a, '%')) % d;
  return r === 0 ? 0 : r;
}
export function pow(a: unknown, b: unknown): number {
  return Math.pow(toNumber(a, '**'), toNumber(b, '**'));
}
