/**
 * PHP arrays. A PHP array is an ordered map whose keys are ints or strings; here it is one of
 *  - a JS list, when its keys are 0..n-1 in order (JSON lists and most arrays a template builds),
 *  - a plain object: a JSON object from the caller's data (JSON.parse decided its key order), or
 *  - an OrderedMap: a Map the engine builds (hash literals, `merge`, `batch`, `sort`, `reverse`...).
 *    A Map keeps insertion order for integer and string keys alike, as PHP does; a JS object would
 *    list integer-like keys first. The engine never builds an empty or list-shaped OrderedMap.
 * Everything that reads arrays goes through these helpers, so the three shapes behave the same.
 */
import { TwigRuntimeError } from './errors';
import { Markup, PhpDate } from './objects';

/** A PHP array key: ints are numbers, everything else a string. */
export type PhpKey = string | number;
/** A JSON object of the caller's data. */
export type PhpMap = Record<string, unknown>;
/** A map the engine built, in PHP's insertion order. */
export type OrderedMap = Map<PhpKey, unknown>;
export type PhpArray = unknown[] | PhpMap | OrderedMap;

const hasOwn = Object.prototype.hasOwnProperty;

/** A PHP array: a JS list, a plain object or an OrderedMap. */
export function isArray(v: unknown): v is PhpArray {
  return typeof v === 'object' && v !== null && !(v instanceof Markup) && !(v instanceof PhpDate);
}

/** A PHP array that is not a JS list. */
export function isMap(v: unknown): v is PhpMap | OrderedMap {
  return isArray(v) && !Array.isArray(v);
}

/** Number of elements of a PHP array. */
export function count(v: PhpArray): number {
  if (Array.isArray(v)) return v.length;
  if (v instanceof Map) return v.size;
  return Object.keys(v).length;
}

const INT_KEY = /^(?:0|-?[1-9][0-9]{0,15})$/;

/** PHP casts canonical integer strings used as array keys to ints. */
export function phpKeyValue(k: string): PhpKey {
  return INT_KEY.test(k) ? Number(k) : k;
}

/** PHP's cast of an array key: integer strings, floats and booleans become ints, null the empty string. */
export function arrayKey(k: unknown): PhpKey {
  if (typeof k === 'string') return INT_KEY.test(k) ? Number(k) : k;
  if (typeof k === 'number') return Number.isFinite(k) ? Math.trunc(k) || 0 : 0;
  if (k === true) return 1;
  if (k === false) return 0;
  if (k === null || k === undefined) return '';
  if (k instanceof Markup) return arrayKey(k.s);
  throw new TwigRuntimeError('Illegal offset type: an array or a date cannot be an array key');
}

/** Keys of a PHP array as PHP sees them. */
export function keysOf(v: PhpArray): PhpKey[] {
  if (Array.isArray(v)) return v.map((_x, i) => i);
  if (v instanceof Map) return [...v.keys()];
  return Object.keys(v).map(phpKeyValue);
}

/** Values of a PHP array in order. */
export function valuesOf(v: PhpArray): unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v.values()];
  return Object.values(v);
}

/** Key/value pairs of a PHP array in order. */
export function entriesOf(v: PhpArray): [PhpKey, unknown][] {
  if (Array.isArray(v)) return v.map((x, i) => [i, x]);
  if (v instanceof Map) return [...v];
  return Object.keys(v).map((k) => [phpKeyValue(k), v[k]]);
}

/** True when the keys are exactly 0..n-1 in order, i.e. PHP's array_is_list. */
export function isListLike(v: PhpArray): boolean {
  if (Array.isArray(v)) return true;
  let i = 0;
  if (v instanceof Map) {
    for (const k of v.keys()) if (k !== i++) return false;
    return true;
  }
  for (const k in v) if (k !== String(i++)) return false;
  return true;
}

/** Builds a PHP array from key/value pairs (a later duplicate key overwrites in place, as in PHP). */
export function fromEntries(entries: Iterable<readonly [PhpKey, unknown]>): unknown[] | OrderedMap {
  const m: OrderedMap = new Map();
  for (const [k, v] of entries) m.set(k, v);
  return finish(m);
}

/** A list when the keys are 0..n-1 in order, the map itself otherwise. */
function finish(m: OrderedMap): unknown[] | OrderedMap {
  let i = 0;
  for (const k of m.keys()) if (k !== i++) return m;
  return [...m.values()];
}

/**
 * Builds an array the way a PHP array literal does: `push` appends under the next integer key,
 * `set` writes a key, `spread` (PHP 8.1 `...`) appends integer-keyed items and writes string keys.
 */
export class ArrayBuilder {
  private readonly m: OrderedMap = new Map();
  /** PHP's next free element: one past the largest integer key so far (negative ones too), 0 before any. */
  private next: number | null = null;
  push(v: unknown): void {
    const k = this.next ?? 0;
    this.m.set(k, v);
    this.next = k + 1;
  }
  set(k: PhpKey, v: unknown): void {
    this.m.set(k, v);
    if (typeof k === 'number' && (this.next === null || k >= this.next)) this.next = k + 1;
  }
  spread(v: unknown): void {
    if (!isArray(v)) throw new TwigRuntimeError('The spread operator only works on sequences and mappings.');
    for (const [k, x] of entriesOf(v)) {
      if (typeof k === 'number') this.push(x);
      else this.set(k, x);
    }
  }
  finish(): unknown[] | OrderedMap {
    return finish(this.m);
  }
}

/** `obj.attr` / `obj[key]` on data: missing keys, null and scalars give undefined (rendered as ''). */
export function getAttr(obj: unknown, key: unknown): unknown {
  if (typeof obj !== 'object' || obj === null) return undefined;
  if (Array.isArray(obj)) {
    let i: number;
    if (typeof key === 'number') i = Math.trunc(key);
    else if (typeof key === 'string' && INT_KEY.test(key)) i = Number(key);
    else if (typeof key === 'boolean') i = key ? 1 : 0;
    else return undefined;
    return i >= 0 && i < obj.length ? obj[i] : undefined;
  }
  if (obj instanceof Map) return isArray(key) ? undefined : obj.get(arrayKey(key));
  if (obj instanceof Markup || obj instanceof PhpDate) return undefined;
  const k = typeof key === 'string' ? key : objectKey(key);
  return hasOwn.call(obj, k) ? (obj as PhpMap)[k] : undefined;
}

/** Whether `obj.attr` exists (Twig's `is defined` on attributes: true even when the value is null). */
export function hasAttr(obj: unknown, key: unknown): boolean {
  if (typeof obj !== 'object' || obj === null || obj instanceof Markup || obj instanceof PhpDate) return false;
  if (Array.isArray(obj)) {
    const i = typeof key === 'number' ? Math.trunc(key) : typeof key === 'string' && INT_KEY.test(key) ? Number(key) : key === true ? 1 : key === false ? 0 : -1;
    return i >= 0 && i < obj.length;
  }
  if (obj instanceof Map) return !isArray(key) && obj.has(arrayKey(key));
  return hasOwn.call(obj, objectKey(key));
}

/** The property name of a key in a plain object. */
function objectKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') return String(Math.trunc(k));
  if (k === true) return '1';
  if (k === false) return '0';
  if (k === null || k === undefined) return '';
  return k instanceof Markup ? k.s : String(k);
}
