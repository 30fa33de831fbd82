/**
 * The one HTML scanner of the email checks: the rendered HTML as a list of pieces — tags, comments,
 * whole `<style>` (and other raw-text) elements, and the newlines between them. Text between tags
 * is skipped: no email check looks at it, and skipping it is what makes the scan cheap and its
 * pieces cacheable (the same tag in 100,000 users' emails is analysed once). No DOM: this runs in
 * the render worker, the host and the CLI alike.
 */

/**
 * A piece of HTML: a comment, a raw-text element with its content (style, script, title, textarea:
 * their content may hold `<` that is not markup), a tag (quoted attribute values may hold `>`), or
 * a newline outside tags (so lines can be counted without looking at the text).
 */
const PIECE = /<!--[\s\S]*?(?:-->|$)|<(style|script|textarea|title)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?(?:<\/\1\s*>|$)|<[!/?]?[A-Za-z](?:[^>"']|"[^"]*"|'[^']*'|["'])*>?|\n/gi;

/** The pieces of an HTML document in order (tags, comments, raw-text elements, newlines). */
export function htmlPieces(html: string): string[] {
  return html.match(PIECE) ?? [];
}

/** The pieces of an HTML document in order, and the offset each starts at (the same pieces as htmlPieces). */
export function htmlPieceSpans(html: string): { pieces: string[]; starts: number[] } {
  const pieces: string[] = [];
  const starts: number[] = [];
  for (const m of html.matchAll(PIECE)) {
    pieces.push(m[0]);
    starts.push(m.index);
  }
  return { pieces, starts };
}

/**
 * A string of its own, for a key or value a memo keeps: a slice (a piece, an attribute value) keeps
 * its whole email alive, so a memo of slices over a big scan holds hundreds of MB of emails; a
 * flattened concatenation copies just the characters.
 */
export const ownString = (s: string): string => (' ' + s).slice(1);

/** How many newlines a piece holds. */
export function newlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export type PieceKind = 'tag' | 'end' | 'comment' | 'doctype' | 'raw' | 'other';

/** A parsed start tag: lower-cased name, attributes in order (names lower-cased, values decoded). */
export interface Tag {
  kind: PieceKind;
  name: string;
  attrs: [name: string, value: string | undefined][];
  /** For raw-text elements (`<style>…</style>`): the content, and how many newlines precede it in the piece. */
  content?: string;
  contentLine?: number;
}

const ENTITY = /&(?:amp|quot|apos|lt|gt|#39|#x27|#34);/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&#39;': "'", '&#x27;': "'", '&#34;': '"' };

/** Decodes the entities that matter in attribute values (URLs and inline styles). */
export function decodeAttribute(v: string): string {
  return v.indexOf('&') < 0 ? v : v.replace(ENTITY, (e) => ENTITIES[e] ?? e);
}

/** JavaScript's `\s`: what the attribute patterns below skip around `=`. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x80 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
}
const isQuote = (c: number) => c === 0x22 || c === 0x27;

/**
 * The two attribute dialects of the email checks, as the patterns they were written as:
 * - `tag` (the compatibility scan, parseAttributes): `([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?`
 * - `loose` (the link and image checks, email.ts attributes): `([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?`
 * matched globally over a tag's inside. A scanner rather than the pattern: the dynamic tags of an
 * email (a link with the user's id) are parsed for every user, and in bench-render's profile the
 * pattern-based parsers were about a tenth of the time of a pass's cells. test/unit/attribute-scan.test.ts holds it equal to the patterns.
 */
export type AttributeDialect = 'tag' | 'loose';

/** Calls `each` with every attribute of a tag's inside, in order: its name as written and its raw value (undefined without `=`). */
export function scanAttributes(source: string, dialect: AttributeDialect, each: (name: string, raw: string | undefined) => void): void {
  const tag = dialect === 'tag';
  const n = source.length;
  const endsName = (c: number) => isSpace(c) || c === 0x3d || c === 0x2f || (tag && (c === 0x3e || isQuote(c)));
  const endsValue = (c: number) => isSpace(c) || c === 0x3e || (tag && isQuote(c));
  let i = 0;
  while (i < n) {
    if (endsName(source.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && !endsName(source.charCodeAt(i))) i++;
    const name = source.slice(start, i);
    // The optional `\s*=\s*value`: taken only when a value follows, else the attribute ends at its name.
    let j = i;
    while (j < n && isSpace(source.charCodeAt(j))) j++;
    let raw: string | undefined;
    if (j < n && source.charCodeAt(j) === 0x3d) {
      j++;
      while (j < n && isSpace(source.charCodeAt(j))) j++;
      const q = source.charCodeAt(j);
      const close = isQuote(q) ? source.indexOf(q === 0x22 ? '"' : "'", j + 1) : -1;
      if (close >= 0) {
        raw = source.slice(j + 1, close);
        i = close + 1;
      } else if (j < n && !endsValue(q)) {
        let k = j + 1;
        while (k < n && !endsValue(source.charCodeAt(k))) k++;
        raw = source.slice(j, k);
        i = k;
      }
    }
    each(name, raw);
  }
}

/** Parses the attributes of a tag's inside (after its name). */
export function parseAttributes(source: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  scanAttributes(source, 'tag', (name, raw) => out.push([name.toLowerCase(), raw === undefined ? undefined : decodeAttribute(raw)]));
  return out;
}

const endsTagName = (c: number) => isSpace(c) || c === 0x2f || c === 0x3e;

/**
 * Where a start tag ends (just after its `>`, or the end of the piece): the first `>` outside a
 * quoted value, a quote that never closes counting as a character (the pattern
 * `^<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*'|["'])*>?`, scanned from the end of the name).
 */
function startTagEnd(piece: string, from: number): number {
  let i = from;
  while (i < piece.length) {
    const c = piece.charCodeAt(i);
    if (c === 0x3e) return i + 1;
    if (isQuote(c)) {
      const close = piece.indexOf(c === 0x22 ? '"' : "'", i + 1);
      i = close >= 0 ? close + 1 : i + 1;
    } else i++;
  }
  return i;
}

/** Parses one piece (from htmlPieces). */
export function parseTag(piece: string): Tag {
  if (piece.startsWith('<!--')) return { kind: 'comment', name: '!--', attrs: [] };
  if (/^<!doctype/i.test(piece)) return { kind: 'doctype', name: '!doctype', attrs: [] };
  if (piece.startsWith('</')) return { kind: 'end', name: /^<\/([^\s>]*)/.exec(piece)![1]!.toLowerCase(), attrs: [] };
  if (piece[0] !== '<' || !/^<[A-Za-z]/.test(piece)) return { kind: 'other', name: '', attrs: [] };
  // The name: up to whitespace, `/` or `>` (the pattern `^<([^\s/>]+)`).
  let nameEnd = 2;
  while (nameEnd < piece.length && !endsTagName(piece.charCodeAt(nameEnd))) nameEnd++;
  const name = piece.slice(1, nameEnd).toLowerCase();
  // A raw-text element carries its content: the start tag ends at the first `>` outside quotes.
  const end = startTagEnd(piece, nameEnd);
  // Its inside, without the closing `>` or `/>`.
  let inside = end;
  if (piece.charCodeAt(end - 1) === 0x3e) inside = piece.charCodeAt(end - 2) === 0x2f && end - 2 >= nameEnd ? end - 2 : end - 1;
  const attrs = parseAttributes(piece.slice(nameEnd, inside));
  if (end < piece.length) {
    const startEnd = piece.slice(0, end);
    const rest = piece.slice(end);
    const close = rest.search(new RegExp(`</${name}\\s*>$`, 'i'));
    return { kind: 'raw', name, attrs, content: close >= 0 ? rest.slice(0, close) : rest, contentLine: newlines(startEnd) };
  }
  return { kind: 'tag', name, attrs };
}

/** A tag's attribute value by name (the first one), or undefined. */
export function attr(tag: Tag, name: string): string | undefined {
  for (const [k, v] of tag.attrs) if (k === name) return v ?? '';
  return undefined;
}

/** True when the tag has the attribute (with or without a value). */
export function hasAttr(tag: Tag, name: string): boolean {
  return tag.attrs.some(([k]) => k === name);
}
