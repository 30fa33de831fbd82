/**
 * The email checks' memo by trace shape. Every user's render of an email is the same static template
 * text with the user's values between (the render's trace, shared/render/engine.ts RenderTrace). The
 * HTML scan of the compatibility, link and older email checks cuts the HTML into pieces and tags;
 * when no value can change where a piece or a tag starts or ends, or the lines, the pieces without a
 * value in them are the same for every user of that shape and are analysed once. Per user only the
 * pieces holding a value are looked at again.
 *
 * The shape of a render: the sequence of its static texts, and which of them have a value before
 * them. A value is *inert* when it holds none of `< > " ' & = \n \r` and a backquote: the HTML scanners
 * (compat/markup.ts PIECE, email.ts htmlTagSpans) start a piece only at `<` or a newline and end
 * one only at `>`, a newline, a closing quote or the end, so with inert values every boundary is in
 * static text. A shape is used only when, besides:
 *  - every `<` of its static text is followed, in the same text, by its name (`[A-Za-z0-9_!/?-]*`)
 *    and the character after it (so whether and how a piece or tag starts never depends on a value);
 *  - no value is inside a comment or a raw-text element (`<style>`, `<title>`…: their end is found
 *    by a search a value could move).
 * Anything else (a value with `<`, a newline…, a render without a trace) is checked in full, and
 * the result is the same either way (test/unit/email-trace-memo.test.ts holds them equal).
 */
import type { RenderTrace } from '../render/engine';
import { adoptScan, analysePiece, pieceInfo, type EmailScan, type PieceInfo, type TagUrl } from './compat';
import { htmlPieceSpans, ownString } from './compat/markup';
import { addTag, htmlTagSpans, type HtmlTags } from './email';

/** A place in static text: the index of the trace's static text (its pair) and the offset in it; `k` -1 is the end of the HTML. */
interface At {
  k: number;
  o: number;
}

/** A piece or tag holding a value: where it starts and ends, by static text. */
interface Dynamic {
  index: number;
  start: At;
  end: At;
  /** The last user's piece here and its analysis (most users share the piece, or each has their own). */
  last?: string;
  info?: PieceInfo;
}

interface Shape {
  /** The scan's pieces, with those holding a value to fill in per user. */
  infos: PieceInfo[];
  lines: Uint32Array;
  dynamic: Dynamic[];
  /** The compatibility shape (scanEmail's `shape`) in parts: before the first piece with a value, between them, after the last. */
  shapeParts: string[];
  /** The tags of scanHtml: `static` ones as found, the others (index into `dynamicTags`) per user. */
  tags: ({ name: number; link?: string; image?: { src: string; alt: string | undefined } } | (Dynamic & { name: number }))[];
  dynamicTags: (Dynamic & { name: number })[];
  /**
   * The pieces emailUrls looks at, in order: those with a URL in every render (with their entry,
   * made once) and those holding a value (undefined: the user's piece says).
   */
  urlSlots: number[];
  staticUrls: ((TagUrl & { line: number }) | undefined)[];
  /** The last user's ids of the pieces with a value, and the compatibility shape they made. */
  lastIds: Int32Array;
  lastCompat?: string;
}

/** Shapes per template (its texts), by shape key; `null` for a shape checked in full. */
const MAX_SHAPES = 500;
const shapes = new WeakMap<readonly string[], Known>();
/** Per template: whether each static text's `<`s are followed by their whole name in the text. */
const safeTexts = new WeakMap<readonly string[], Uint8Array>();

const isNameChar = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x21 || c === 0x2f || c === 0x3f || c === 0x2d;

function textSafe(t: string): boolean {
  for (let lt = t.indexOf('<'); lt !== -1; lt = t.indexOf('<', lt + 1)) {
    let j = lt + 1;
    while (j < t.length && isNameChar(t.charCodeAt(j))) j++;
    if (j >= t.length) return false;
  }
  return true;
}

function safeOf(texts: readonly string[]): Uint8Array {
  let s = safeTexts.get(texts);
  if (!s) {
    s = new Uint8Array(texts.length);
    for (let i = 0; i < texts.length; i++) s[i] = textSafe(texts[i]!) ? 1 : 0;
    safeTexts.set(texts, s);
  }
  return s;
}

/** True when a value cannot move a boundary of the HTML scanners (see the top of this file). */
function isInert(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3c || c === 0x3e || c === 0x22 || c === 0x27 || c === 0x26 || c === 0x3d || c === 0x0a || c === 0x0d || c === 0x60) return false;
  }
  return true;
}

/** The last render's signature (signature()); grown as needed. */
let sig = new Int32Array(64);

/**
 * The signature of a render's shape into `sig`: per static text, its number times two plus one when
 * a value comes before it, then 1 when a value ends the HTML. Its length, or -1 when the trace does
 * not describe `html` or a value is not inert (or a static text is not safe). The values are read
 * from the trace's gaps, never from `html`: reading the rendered HTML would flatten it (engine.ts
 * RenderTrace), and for the users of a known shape nothing else reads it.
 */
function signature(html: string, trace: RenderTrace, safe: Uint8Array): number {
  const { texts, entries, gaps } = trace;
  const n = entries.length / 2;
  if (gaps.length !== n + 1) return -1;
  if (sig.length < n + 1) sig = new Int32Array(2 * n + 2);
  let end = 0;
  for (let i = 0; i < entries.length; i += 2) {
    const id = entries[i]!;
    const at = entries[i + 1]!;
    const t = texts[id];
    const gap = gaps[i >> 1]!;
    // The engine's trace describes its output (captures record nothing): offsets and lengths that fit suffice as a check.
    if (t === undefined || at !== end + gap.length || !safe[id]) return -1;
    if (at > end) {
      if (!isInert(gap)) return -1;
      sig[i >> 1] = 2 * id + 1;
    } else sig[i >> 1] = 2 * id;
    end = at + t.length;
  }
  const last = gaps[n]!;
  if (end + last.length !== html.length) return -1;
  if (last.length && !isInert(last)) return -1;
  sig[n] = last.length ? 1 : 0;
  return n + 1;
}

/** The shape key of a signature (`+id` for a text after a value, `,id` for one without, `+` for a value at the end). */
function keyOf(n: number): string {
  let key = '';
  for (let i = 0; i < n - 1; i++) key += `${sig[i]! & 1 ? '+' : ','}${sig[i]! >> 1}`;
  return sig[n - 1] ? `${key}+` : key;
}

/** The shapes of one template: by key, and the last few by signature (found without making the key). */
interface Known {
  byKey: Map<string, Shape | null>;
  recent: { sig: Int32Array; shape: Shape | null }[];
}
const RECENT = 8;

/** The shape of the signature in `sig` (of length `n`), made from this render when new. */
function shapeOf(known: Known, n: number, html: string, trace: RenderTrace): Shape | null {
  for (const r of known.recent) {
    if (r.sig.length !== n) continue;
    let i = 0;
    while (i < n && r.sig[i] === sig[i]) i++;
    if (i === n) return r.shape;
  }
  const key = keyOf(n);
  let shape = known.byKey.get(key);
  if (shape === undefined) {
    shape = buildShape(html, trace);
    if (known.byKey.size >= MAX_SHAPES) known.byKey.clear();
    known.byKey.set(key, shape);
  }
  known.recent.unshift({ sig: sig.slice(0, n), shape });
  if (known.recent.length > RECENT) known.recent.pop();
  return shape;
}

/** The static text holding the character at `p` (or, for an end, the one before it), as an At; undefined when it is a value's. */
function locate(trace: RenderTrace, html: string, p: number, isEnd: boolean): At | undefined {
  if (isEnd && p === html.length) return { k: -1, o: 0 };
  const c = isEnd ? p - 1 : p;
  const { entries, texts } = trace;
  let lo = 0;
  let hi = entries.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[2 * mid + 1]! <= c) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const at = entries[2 * found + 1]!;
  if (c >= at + texts[entries[2 * found]!]!.length) return undefined;
  return { k: found, o: p - at };
}

/**
 * This render's text from `a` to `b` (exclusive; `b.k` -1 is the end), put together from the trace's
 * static texts and gaps, so the rendered HTML itself is not read (signature()).
 */
function traceSlice(trace: RenderTrace, a: At, b: At): string {
  const { texts, entries, gaps } = trace;
  const textAt = (k: number) => texts[entries[2 * k]!]!;
  if (a.k === b.k) return textAt(a.k).slice(a.o, b.o);
  let out = textAt(a.k).slice(a.o);
  const last = b.k < 0 ? entries.length / 2 : b.k;
  for (let k = a.k + 1; k < last; k++) out += gaps[k]! + textAt(k);
  return b.k < 0 ? out + gaps[last]! : out + gaps[last]! + textAt(last).slice(0, b.o);
}

/** The values' ranges of a render ([from, to) pairs). */
function valueRanges(html: string, trace: RenderTrace): number[] {
  const out: number[] = [];
  let end = 0;
  const { entries, texts } = trace;
  for (let i = 0; i < entries.length; i += 2) {
    const at = entries[i + 1]!;
    if (at > end) out.push(end, at);
    end = at + texts[entries[i]!]!.length;
  }
  if (end < html.length) out.push(end, html.length);
  return out;
}

/** True when [from, to) overlaps a value (ranges in order; `cursor` moves forward with `from`). */
function overlaps(ranges: number[], from: number, to: number, cursor: { i: number }): boolean {
  while (cursor.i < ranges.length && ranges[cursor.i + 1]! <= from) cursor.i += 2;
  return cursor.i < ranges.length && ranges[cursor.i]! < to;
}

/** Builds the shape of a render (once per shape), or null when the memo cannot be used for it. */
function buildShape(html: string, trace: RenderTrace): Shape | null {
  const ranges = valueRanges(html, trace);
  const { pieces, starts } = htmlPieceSpans(html);
  const infos = new Array<PieceInfo>(pieces.length);
  const lines = new Uint32Array(pieces.length);
  const dynamic: Dynamic[] = [];
  const shapeParts: string[] = [];
  let part = '';
  let line = 1;
  const cursor = { i: 0 };
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const from = starts[i]!;
    const to = from + p.length;
    const info = pieceInfo(p);
    infos[i] = info;
    lines[i] = line;
    if (overlaps(ranges, from, to, cursor)) {
      // Comments and raw-text elements end where a search finds their end: a value could move it.
      if (p.startsWith('<!--') || /^<(style|script|textarea|title)\b/i.test(p)) return null;
      const start = locate(trace, html, from, false);
      const end = locate(trace, html, to, true);
      if (!start || !end) return null;
      dynamic.push({ index: i, start, end });
      shapeParts.push(part);
      part = '';
    } else if (info.id) part += `${info.id}@${line},`;
    line += info.newlines;
  }
  shapeParts.push(part);
  const urlSlots: number[] = [];
  const staticUrls: Shape['staticUrls'] = [];
  for (let i = 0, d = 0; i < pieces.length; i++) {
    const isDynamic = d < dynamic.length && dynamic[d]!.index === i;
    if (isDynamic) d++;
    const u = infos[i]!.url;
    if (!isDynamic && !u) continue;
    urlSlots.push(i);
    staticUrls.push(isDynamic ? undefined : { ...u!, line: lines[i]! });
  }
  const spans = htmlTagSpans(html);
  const tags: Shape['tags'] = [];
  const dynamicTags: Shape['dynamicTags'] = [];
  const tagCursor = { i: 0 };
  for (let i = 0; i < spans.length; i += 3) {
    const lt = spans[i]!;
    const name = spans[i + 1]!;
    const gt = spans[i + 2]!;
    if (overlaps(ranges, lt, gt + 1, tagCursor)) {
      const start = locate(trace, html, lt, false);
      const end = locate(trace, html, gt, false);
      if (!start || !end) return null;
      const d = { index: dynamicTags.length, start, end, name };
      dynamicTags.push(d);
      tags.push(d);
    } else {
      const one: HtmlTags = { links: [], images: [] };
      addTag(one, name, html.slice(lt + 1 + name, gt));
      tags.push({ name, link: one.links[0], image: one.images[0] });
    }
  }
  return { infos, lines, dynamic, shapeParts, tags, dynamicTags, urlSlots, staticUrls, lastIds: new Int32Array(dynamic.length) };
}

const NO_INFOS: PieceInfo[] = [];

/**
 * The scan of one render made from its shape. Its `infos` (every piece's analysis, a few hundred
 * for an email) are only read when the compatibility findings of a new shape are computed, so they
 * are put together when asked for, not for every user.
 */
class TracedScan implements EmailScan {
  readonly lines: Uint32Array;
  private made?: PieceInfo[];
  constructor(
    private readonly of: Shape,
    private readonly own: PieceInfo[],
    readonly shape: string,
    readonly urls: (TagUrl & { line: number })[],
  ) {
    this.lines = of.lines;
  }
  get infos(): PieceInfo[] {
    if (this.made) return this.made;
    const infos = this.own.length ? this.of.infos.slice() : this.of.infos;
    for (let d = 0; d < this.own.length; d++) infos[this.of.dynamic[d]!.index] = this.own[d]!;
    return (this.made = infos);
  }
}

/**
 * For an email's rendered HTML and its trace: makes the scan of the compatibility and link checks
 * (scanEmail's, adopted for the checks of this render that follow) from the shape, and returns the
 * links and images of the older email checks (scanHtml's). Undefined when the HTML has to be
 * checked in full (nothing adopted then).
 */
export function tracedScan(html: string, trace: RenderTrace): HtmlTags | undefined {
  const n = signature(html, trace, safeOf(trace.texts));
  if (n < 0) return undefined;
  let known = shapes.get(trace.texts);
  if (!known) shapes.set(trace.texts, (known = { byKey: new Map(), recent: [] }));
  const shape = shapeOf(known, n, html, trace);
  if (!shape) return undefined;
  // The analyses of the pieces holding a value (scan.infos is made from them only if asked for).
  const own = shape.dynamic.length ? new Array<PieceInfo>(shape.dynamic.length) : NO_INFOS;
  // The same ids in the pieces with a value as the last user's: the same compatibility shape (the same string, so its lookups compare by identity).
  let same = shape.lastCompat !== undefined;
  for (let d = 0; d < shape.dynamic.length; d++) {
    const dyn = shape.dynamic[d]!;
    const piece = traceSlice(trace, dyn.start, dyn.end);
    let info = dyn.info;
    if (!info || dyn.last !== piece) {
      info = analysePiece(piece);
      dyn.info = info;
      // A copy, not a slice: the memo must not keep this user's whole email alive.
      dyn.last = ownString(piece);
    }
    own[d] = info;
    if (shape.lastIds[d] !== info.id) {
      shape.lastIds[d] = info.id;
      same = false;
    }
  }
  let compat = shape.lastCompat!;
  if (!same) {
    compat = shape.shapeParts[0]!;
    for (let d = 0; d < shape.dynamic.length; d++) {
      const id = own[d]!.id;
      if (id) compat += `${id}@${shape.lines[shape.dynamic[d]!.index]},`;
      compat += shape.shapeParts[d + 1]!;
    }
    shape.lastCompat = compat;
  }
  // emailUrls' list, from the pieces that can have a URL only.
  const urls: (TagUrl & { line: number })[] = [];
  for (let k = 0, d = 0; k < shape.urlSlots.length; k++) {
    const known = shape.staticUrls[k];
    if (known) urls.push(known);
    else {
      const index = shape.urlSlots[k]!;
      while (shape.dynamic[d]!.index !== index) d++;
      const u = own[d]!.url;
      // Not a spread ({ ...u, line }): as emailUrls makes them, keys in the same order, several times faster.
      if (u) urls.push('alt' in u ? { kind: u.kind, url: u.url, alt: u.alt, line: shape.lines[index]! } : { kind: u.kind, url: u.url, line: shape.lines[index]! });
    }
  }
  const scan = new TracedScan(shape, own, compat, urls);
  adoptScan(html, scan);
  const out: HtmlTags = { links: [], images: [] };
  for (const t of shape.tags) {
    if ('start' in t) addTag(out, t.name, traceSlice(trace, { k: t.start.k, o: t.start.o + 1 + t.name }, t.end));
    else if (t.link !== undefined) out.links.push(t.link);
    else if (t.image) out.images.push(t.image);
  }
  return out;
}
