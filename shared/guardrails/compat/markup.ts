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

const ATTR = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
const ENTITY = /&(?:amp|quot|apos|lt|gt|#39|#x27|#34);/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&#39;': "'", '&#x27;': "'", '&#34;': '"' };

/** Decodes the entities that matter in attribute values (URLs and inline styles). */
export function decodeAttribute(v: string): string {
  return v.indexOf('&') < 0 ? v : v.replace(ENTITY, (e) => ENTITIES[e] ?? e);
}

/** Parses the attributes of a tag's inside (after its name). */
export function parseAttributes(source: string): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  for (const m of source.matchAll(ATTR)) {
    const raw = m[2] ?? m[3] ?? m[4];
    out.push([m[1]!.toLowerCase(), raw === undefined ? undefined : decodeAttribute(raw)]);
  }
  return out;
}

/** Parses one piece (from htmlPieces). */
export function parseTag(piece: string): Tag {
  if (piece.startsWith('<!--')) return { kind: 'comment', name: '!--', attrs: [] };
  if (/^<!doctype/i.test(piece)) return { kind: 'doctype', name: '!doctype', attrs: [] };
  if (piece.startsWith('</')) return { kind: 'end', name: /^<\/([^\s>]*)/.exec(piece)![1]!.toLowerCase(), attrs: [] };
  if (piece[0] !== '<' || !/^<[A-Za-z]/.test(piece)) return { kind: 'other', name: '', attrs: [] };
  const m = /^<([^\s/>]+)/.exec(piece)!;
  const name = m[1]!.toLowerCase();
  // A raw-text element carries its content: the start tag ends at the first `>` outside quotes.
  const startEnd = /^<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*'|["'])*>?/.exec(piece)![0];
  const attrs = parseAttributes(startEnd.slice(m[0].length).replace(/\/?>$/, ''));
  if (startEnd.length < piece.length) {
    const rest = piece.slice(startEnd.length);
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
