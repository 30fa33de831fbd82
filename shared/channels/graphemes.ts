/**
 * Graphemes (user-perceived characters) of a text in linear time, by Unicode's current rules.
 *
 * Intl.Segmenter knows the rules (it is ICU, as on handsets), but in V8 it is slow per segment
 * (about 3 µs) and copies the whole input into every segment object it returns, so one segment()
 * over 20 KB is quadratic. So it only sees what needs it:
 * - Two adjacent "simple" code units (sms-alphabet.ts) always have a boundary between them: every
 *   rule that joins two characters needs a combining, joining, prepending or paired character
 *   (Extend, ZWJ, SpacingMark, Prepend, Hangul jamo, regional indicators), and none is simple.
 *   The one exception, CR LF, is counted as two characters here, as the SMS calculator counts it.
 *   So text splits into runs between such boundaries, and a run of simple code units is one
 *   grapheme per unit with no segmenter at all.
 * - The other runs (an emoji with its neighbours, a letter with its accents) go to Intl.Segmenter.
 *   Short ones are cached by their text: in a scan they come from the template and repeat for every
 *   user. Long ones (text that is all emoji) are segmented in windows that each start at a known
 *   boundary, so no call sees more than a few hundred code units. Every rule decides a boundary from
 *   the text before it and the one code point after it, so the boundaries a window finds before its
 *   last piece are exact.
 */
import { COMPLEX, SMS_UNIT } from './sms-alphabet';

/** Runs up to this many code units are cached; longer ones are windowed. */
const CACHEABLE = 64;
const CACHE_MAX = 1024;
const WINDOW = 256;

let segmenter: Intl.Segmenter | undefined;
const cache = new Map<string, readonly number[]>();

const complexAt = (text: string, i: number) => (SMS_UNIT[text.charCodeAt(i)]! & COMPLEX) !== 0;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Walks the graphemes of `text` in order (CR LF as two): `fn(index, length, count)` gets either one
 * grapheme (`count` 1) or a run of `count === length` graphemes of one code unit each, so plain
 * text costs one call per run rather than one per character. `firstComplex` and `lastComplex`: what
 * the caller knows of where the complex units are (none before the first nor after the last), so
 * the text outside them is not searched again.
 */
export function forEachGrapheme(text: string, fn: (index: number, length: number, count: number) => void, firstComplex = 0, lastComplex = text.length - 1): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    // `i` is always a boundary. Simple units up to the last one before a complex unit are graphemes.
    let j = i < firstComplex ? firstComplex : i;
    if (j > lastComplex) j = n;
    while (j < n && !complexAt(text, j)) j++;
    if (j === n) {
      fn(i, n - i, n - i);
      return;
    }
    if (j - 1 > i) fn(i, j - 1 - i, j - 1 - i);
    // A run that needs the segmenter: from the simple unit before the complex one (it may take a
    // combining mark) to the first boundary between two simple units.
    const from = j > i ? j - 1 : i;
    let to = j + 1;
    while (to < n && (complexAt(text, to - 1) || complexAt(text, to))) to++;
    segmentRun(text, from, to, fn);
    i = to;
  }
}

/** Segments `text[from, to)`, which starts and ends at boundaries. */
function segmentRun(text: string, from: number, to: number, fn: (index: number, length: number, count: number) => void): void {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  if (to - from <= CACHEABLE) {
    const key = text.slice(from, to);
    let lengths = cache.get(key);
    if (!lengths) {
      const found: number[] = [];
      for (const s of segmenter.segment(key)) found.push(s.segment.length);
      if (cache.size >= CACHE_MAX) cache.clear();
      cache.set(key, (lengths = found));
    }
    let at = from;
    for (const len of lengths) {
      fn(at, len, 1);
      at += len;
    }
    return;
  }
  let start = from;
  let size = WINDOW;
  while (start < to) {
    let end = Math.min(to, start + size);
    if (end < to && isHigh(text.charCodeAt(end - 1))) end++; // the code point after a boundary must be whole
    let done = start;
    for (const s of segmenter.segment(text.slice(start, end))) {
      const next = start + s.index + s.segment.length;
      if (next >= end && end < to) break; // the window may have cut this one short
      fn(start + s.index, s.segment.length, 1);
      done = next;
    }
    if (done === start)
      size *= 2; // one grapheme longer than the window
    else {
      start = done;
      size = WINDOW;
    }
  }
}

/** Code points in `text` (what `[...text].length` counts, without building the array). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
