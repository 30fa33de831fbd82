/**
 * Twig's `random` function and `shuffle` filter. The platform picks when it sends; a preview cannot
 * know that pick, so it shows one possible pick from a generator seeded per preview (the render's
 * `seed`, the target id in campaign previews): the same user always previews the same pick, and the
 * compiler adds an `info` diagnostic saying the platform decides at send time.
 */
import { TwigRuntimeError } from './errors';
import { isArray, valuesOf } from './arrays';
import { Markup } from './objects';
import { castNumber } from './php';
import type { Ctx } from './runtime';

/** mt_getrandmax() */
const RAND_MAX = 2147483647;

/** FNV-1a of the seed, then mulberry32: small, fast and the same on every machine. */
function generator(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The render's generator, created on first use so renders that never pick pay nothing. */
function rng(c: Ctx): () => number {
  return (c.rng ??= generator(c.seed));
}

/** A whole number in [min, max] (mt_rand). */
function pick(c: Ctx, min: number, max: number): number {
  if (max < min) throw new TwigRuntimeError('random(): Argument #2 ($max) must be greater than or equal to argument #1 ($min)');
  return min + Math.floor(rng(c)() * (max - min + 1));
}

/** Twig's random(values = null, max = null). */
export function twigRandom(c: Ctx, values: unknown, max: unknown): unknown {
  if (values === null || values === undefined) return max === null || max === undefined ? pick(c, 0, RAND_MAX) : pick(c, 0, Math.trunc(castNumber(max)));
  if (typeof values === 'number') {
    let lo: number;
    let hi: number;
    if (max === null || max === undefined) [lo, hi] = values < 0 ? [values, 0] : [0, values];
    else [lo, hi] = [values, castNumber(max)];
    return pick(c, Math.trunc(lo), Math.trunc(hi));
  }
  if (values instanceof Markup) values = values.s;
  if (typeof values === 'string') {
    if (values === '') return '';
    const chars = Array.from(values);
    return chars[pick(c, 0, chars.length - 1)];
  }
  if (!isArray(values)) return values;
  const vs = valuesOf(values);
  if (!vs.length) throw new TwigRuntimeError('The random function cannot pick from an empty sequence/mapping.');
  return vs[pick(c, 0, vs.length - 1)];
}

/** Twig's shuffle filter: the characters of a string, or the values of an array (keys dropped), in random order. */
export function twigShuffle(c: Ctx, v: unknown): unknown {
  if (v instanceof Markup) v = v.s;
  const isString = typeof v === 'string';
  if (!isString && !isArray(v)) return v;
  const items = isString ? Array.from(v as string) : valuesOf(v as unknown[]).slice();
  for (let i = items.length - 1; i > 0; i--) {
    const j = pick(c, 0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return isString ? items.join('') : items;
}
