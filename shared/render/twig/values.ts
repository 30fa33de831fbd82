/** Operators and helpers on collections and strings shared by the compiler and the filters (PHP semantics). */
import { TwigRuntimeError } from './errors';
import { entriesOf, fromEntries, valuesOf } from './arrays';
import { castNumber, compare, isArray, isNumericStr, Markup, numToStr, toStr, truthy } from './php';

/** Twig's `in` (twig_in_filter): substring test on strings, loose membership on arrays. */
export function inOp(value: unknown, seq: unknown): boolean {
  if (value instanceof Markup) value = value.s;
  if (seq instanceof Markup) seq = seq.s;
  if (typeof seq === 'string') {
    if (typeof value === 'string') return value === '' || seq.includes(value);
    if (typeof value === 'number') return seq.includes(numToStr(value));
    return false;
  }
  if (!isArray(seq)) return false;
  for (const item of valuesOf(seq)) if (compare(value, item) === 0) return true;
  return false;
}

const regexCache = new Map<string, RegExp>();

/** Converts a PCRE pattern with delimiters (`/abc/i`) to a JS RegExp. Throws on features JS lacks. */
export function pcreToRegExp(pattern: string): RegExp {
  let re = regexCache.get(pattern);
  if (re) return re;
  const open = pattern[0];
  if (!open || /[a-zA-Z0-9\\\s]/.test(open)) throw new TwigRuntimeError(`Regexp "${pattern}" passed to "matches" is not valid: delimiter must not be alphanumeric or backslash.`);
  const close = ({ '(': ')', '[': ']', '{': '}', '<': '>' } as Record<string, string>)[open] ?? open;
  const end = pattern.lastIndexOf(close);
  if (end <= 0) throw new TwigRuntimeError(`Regexp "${pattern}" passed to "matches" is not valid: no ending delimiter.`);
  const body = pattern.slice(1, end);
  const mods = pattern.slice(end + 1);
  let flags = '';
  for (const m of mods) {
    if (m === 'i' || m === 'm' || m === 's') flags += m;
    else if (m === 'u') flags += 'u';
    else if (m === 'D' || m === '\n') continue;
    else throw new TwigRuntimeError(`Regexp modifier "${m}" is not supported by the preview engine.`);
  }
  // PCRE-only syntax that JS would silently read differently: \A \z \Z \G anchors, possessive quantifiers,
  // inline modifiers (?i), comments (?#...), verbs (*SKIP).
  if (/\\[AzZG]|[*+?}]\+|\(\?[a-zA-Z^-]+[):]|\(\?#|\(\*[A-Z]/.test(body)) {
    throw new TwigRuntimeError(`Regexp "${pattern}" uses PCRE features the preview engine does not support.`);
  }
  try {
    re = new RegExp(body, flags);
  } catch (e) {
    throw new TwigRuntimeError(`Regexp "${pattern}" passed to "matches" is not valid: ${(e as Error).message}`);
  }
  regexCache.set(pattern, re);
  return re;
}

/** Twig's `matches` (preg_match): 1 or 0. */
export function matchesOp(subject: unknown, pattern: unknown): number {
  return pcreToRegExp(toStr(pattern)).test(toStr(subject)) ? 1 : 0;
}

/** PHP's range(): numbers, or single characters when both ends are non-numeric strings. */
export function phpRange(low: unknown, high: unknown, step: unknown): unknown[] {
  let st = Math.abs(typeof step === 'number' ? step : Number(toStr(step)) || 1);
  if (st === 0) throw new TwigRuntimeError('range(): Argument #3 ($step) cannot be 0');
  const isChar = (v: unknown) => typeof v === 'string' && v.length >= 1 && !isNumericStr(v);
  if (isChar(low) && isChar(high)) {
    const a = (low as string).charCodeAt(0);
    const b = (high as string).charCodeAt(0);
    st = Math.trunc(st) || 1;
    const out: string[] = [];
    if (a <= b) for (let c = a; c <= b; c += st) out.push(String.fromCharCode(c));
    else for (let c = a; c >= b; c -= st) out.push(String.fromCharCode(c));
    return out;
  }
  // PHP 8.2 casts the other ends like (int)/(float) do: a leading number counts ("3,00" is 3), anything else is 0.
  const num = (v: unknown) => castNumber(v);
  const a = num(low);
  const b = num(high);
  const out: number[] = [];
  if (Math.abs(b - a) / st > 1e6) throw new TwigRuntimeError('range() would produce more than 1,000,000 elements.');
  if (a <= b) for (let i = 0, x = a; x <= b + 1e-9; i++, x = a + i * st) out.push(x);
  else for (let i = 0, x = a; x >= b - 1e-9; i++, x = a - i * st) out.push(x);
  return out;
}

/** Normalises (offset, length) the way array_slice / mb_substr do for a sequence of n elements. */
function sliceBounds(n: number, start: number, length: number | null): [number, number] {
  let s = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
  let e: number;
  if (length === null) e = n;
  else if (length < 0) e = Math.max(s, n + length);
  else e = Math.min(n, s + length);
  if (s > n) s = n;
  return [s, Math.max(s, e)];
}

/** Twig's slice: array_slice on arrays (keys renumbered unless preserved), mb_substr on anything else. */
export function sliceValue(item: unknown, start: unknown, length: unknown, preserveKeys: unknown): unknown {
  const st = Math.trunc(Number(toStr(start ?? 0)) || 0);
  const len = length === null || length === undefined ? null : Math.trunc(Number(toStr(length)) || 0);
  if (isArray(item)) {
    const preserve = truthy(preserveKeys);
    if (Array.isArray(item) && !preserve) {
      const [s, e] = sliceBounds(item.length, st, len);
      return item.slice(s, e);
    }
    // array_slice: string keys are kept, integer keys renumbered unless preserved.
    const es = entriesOf(item);
    const [s, e] = sliceBounds(es.length, st, len);
    let next = 0;
    return fromEntries(es.slice(s, e).map(([k, x]) => [typeof k === 'number' && !preserve ? next++ : k, x]));
  }
  const chars = Array.from(toStr(item));
  const [s, e] = sliceBounds(chars.length, st, len);
  return chars.slice(s, e).join('');
}
