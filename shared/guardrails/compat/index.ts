/**
 * Email client compatibility of one rendered email: every HTML and CSS feature it uses that a
 * checked client does not support (or supports partly), with the lines it is on, from the bundled
 * caniemail.com data. Run on every user's render, so it is built to be cheap: the HTML is cut into
 * pieces (tags, comments, style elements) and each distinct piece is analysed once and remembered;
 * a render then costs one scan and a lookup per tag.
 */
import { buildDetectors, tagHits, type Hit } from './detect';
import { EMAIL_CLIENTS, EMAIL_FEATURES, resolveClients, type EmailClient, type EmailFeature } from './data';
import { attr, htmlPieces, newlines, ownString, parseTag } from './markup';

export { CANIEMAIL_SOURCE, DEFAULT_CLIENT_FAMILIES, EMAIL_CLIENTS, EMAIL_FEATURES, resolveClients, type EmailClient, type EmailFeature } from './data';
export { UNDETECTABLE } from './detect';

const detectors = buildDetectors([...EMAIL_FEATURES.keys()]);

/** Titles of the data's features that nothing detects (for the data-update test). */
export const UNDETECTED_FEATURES: readonly string[] = detectors.undetected;

/** How a checked client supports a feature the email uses. */
export interface ClientSupport {
  client: EmailClient;
  support: 'unsupported' | 'partial';
  notes: string[];
}

/** One feature the email uses that some checked client does not fully support. */
export interface CompatIssue {
  feature: EmailFeature;
  /** 1-based lines of the rendered HTML it is on (the first few). */
  lines: number[];
  /** On how many lines it occurs in all. */
  lineCount: number;
  clients: ClientSupport[];
}

/** How many lines an issue lists (the count says how many there are). */
const MAX_LINES = 5;

/** The support of the checked clients for one feature, when not full (per client set, computed once). */
type SupportTable = Map<string, ClientSupport[]>;

const tables = new Map<string, SupportTable>();

function supportTable(clientNames: readonly string[] | undefined): SupportTable {
  const key = clientNames?.join(',') ?? '';
  let t = tables.get(key);
  if (t) return t;
  const { clients } = resolveClients(clientNames?.length ? clientNames : undefined);
  const checked = new Set(clients.map((c) => c.id));
  t = new Map();
  for (const f of EMAIL_FEATURES.values()) {
    const list: ClientSupport[] = [];
    for (const [support, entries] of [
      ['unsupported', f.unsupported],
      ['partial', f.partial],
    ] as const)
      for (const [id, ...notes] of entries) if (checked.has(id)) list.push({ client: EMAIL_CLIENTS.get(id)!, support, notes: notes.map((n) => f.notes[n] ?? '').filter(Boolean) });
    if (list.length) t.set(f.title, list);
  }
  tables.set(key, t);
  return t;
}

/** A link or image URL of a tag: `<a href>`, `<area href>`, `<img src>`. */
export interface TagUrl {
  kind: 'link' | 'image';
  url: string;
  /** The image's alt text (undefined when it has none). */
  alt?: string;
}

/** Per distinct piece: its features (all of them; the client set filters later), its URL, its newlines. */
export interface PieceInfo {
  hits: Hit[];
  /** For pieces with hits: the number of their list of hits (the shape key of an email names them); 0 for none. */
  id: number;
  url?: TagUrl;
  newlines: number;
}
const NO_HITS: Hit[] = [];
const NEWLINE: PieceInfo = { hits: NO_HITS, id: 0, newlines: 1 };
let nextId = 1;

/**
 * Pieces with the same features on the same lines share an id, so a personalised tag (each user's
 * own `href`) keeps the email's shape. An id always stands for one list of hits (ids are never
 * reused), so forgetting the table when full only costs new ids.
 */
const MAX_HIT_LISTS = 20_000;
const hitIds = new Map<string, number>();
function hitsId(hits: readonly Hit[]): number {
  let key = '';
  for (const h of hits) key += `${h.title}\u0000${h.line}\u0001`;
  let id = hitIds.get(key);
  if (id === undefined) {
    id = nextId++;
    if (hitIds.size >= MAX_HIT_LISTS) hitIds.clear();
    hitIds.set(key, id);
  }
  return id;
}

/** Pieces remembered; past this many distinct pieces the memory starts over (personalised tags can make every piece new). */
const MAX_PIECES = 20_000;
const pieces = new Map<string, PieceInfo>();

/** The analysis of one piece (from htmlPieces), remembered per distinct piece. */
export function pieceInfo(p: string): PieceInfo {
  if (p === '\n') return NEWLINE;
  let info = pieces.get(p);
  if (!info) {
    info = analysePiece(p);
    if (pieces.size >= MAX_PIECES) pieces.clear();
    // Remembered by a copy: the piece is a slice of its email, which it would keep alive.
    pieces.set(ownString(p), info);
  }
  return info;
}

/**
 * The analysis of one piece, not remembered: for a piece holding a user's value (email-memo.ts),
 * which is new for most users. Remembered, each would keep its whole email alive (a piece is a
 * slice of the HTML) until the table starts over: hundreds of MB over a big scan.
 */
export function analysePiece(p: string): PieceInfo {
  if (p === '\n') return NEWLINE;
  let info: PieceInfo;
  {
    const tag = parseTag(p);
    const hits = tagHits(detectors, tag);
    info = { hits: hits.length ? hits : NO_HITS, id: hits.length ? hitsId(hits) : 0, newlines: newlines(p) };
    if (tag.kind === 'tag' && (tag.name === 'a' || tag.name === 'area')) {
      const href = attr(tag, 'href');
      if (href !== undefined) info.url = { kind: 'link', url: href };
    } else if (tag.kind === 'tag' && tag.name === 'img') info.url = { kind: 'image', url: attr(tag, 'src') ?? '', alt: attr(tag, 'alt') };
  }
  return info;
}

/** One scan of an email's HTML: each piece's analysis and the line it starts on. */
export interface EmailScan {
  infos: PieceInfo[];
  lines: Uint32Array;
  /**
   * The compatibility shape of the email: each piece with features, by id, with its line. Two
   * emails of the same shape have the same compatibility issues (they differ only in text and in
   * pieces without features), so the findings can be remembered per shape.
   */
  shape: string;
  /** The email's URLs (emailUrls), made once per scan. */
  urls?: (TagUrl & { line: number })[];
}

let last: { html: string; scan: EmailScan } | undefined;

/**
 * Scans a rendered email's HTML once (the compatibility and link checks of one render share the
 * scan: the last one is remembered).
 */
export function scanEmail(html: string): EmailScan {
  if (last && last.html === html) return last.scan;
  const ps = htmlPieces(html);
  const infos = new Array<PieceInfo>(ps.length);
  const lines = new Uint32Array(ps.length);
  let line = 1;
  let shape = '';
  for (let i = 0; i < ps.length; i++) {
    const info = pieceInfo(ps[i]!);
    infos[i] = info;
    lines[i] = line;
    if (info.id) shape += `${info.id}@${line},`;
    line += info.newlines;
  }
  const scan: EmailScan = { infos, lines, shape };
  last = { html, scan };
  return scan;
}

/**
 * Makes `scan` the remembered scan of `html`, for the checks of the same render that follow: the
 * trace memo (email-memo.ts) builds a scan equal to scanEmail's from what it knows of the template.
 */
export function adoptScan(html: string, scan: EmailScan): void {
  last = { html, scan };
}

/** Every link (`<a href>`, `<area href>`) and image (`<img src>`) URL of an email, in order, with its 1-based line. */
export function emailUrls(html: string): readonly Readonly<TagUrl & { line: number }>[] {
  const scan = scanEmail(html);
  // The link checks and the tally each ask for the same render's URLs: made once, shared (read-only).
  if (scan.urls) return scan.urls;
  const { infos, lines } = scan;
  const out: (TagUrl & { line: number })[] = [];
  for (let i = 0; i < infos.length; i++) {
    const u = infos[i]!.url;
    if (u) out.push({ ...u, line: lines[i]! });
  }
  scan.urls = out;
  return out;
}

/**
 * The compatibility issues of a rendered email's HTML for the checked clients (families such as
 * `outlook` or ids such as `outlook.windows`; the default families when none), in order of first
 * line. Pure: the same HTML always gives the same issues.
 */
export function emailCompatibility(html: string, clients?: readonly string[]): CompatIssue[] {
  if (!html) return [];
  const table = supportTable(clients);
  const found = new Map<string, CompatIssue>();
  const lastLine = new Map<string, number>();
  const { infos, lines } = scanEmail(html);
  for (let p = 0; p < infos.length; p++) {
    const hits = infos[p]!.hits;
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i]!;
      const support = table.get(h.title);
      if (!support) continue;
      const at = lines[p]! + h.line;
      const issue = found.get(h.title);
      if (!issue) {
        found.set(h.title, { feature: EMAIL_FEATURES.get(h.title)!, lines: [at], lineCount: 1, clients: support });
        lastLine.set(h.title, at);
      } else if (lastLine.get(h.title) !== at && !issue.lines.includes(at)) {
        lastLine.set(h.title, at);
        issue.lineCount++;
        if (issue.lines.length < MAX_LINES) issue.lines.push(at);
      }
    }
  }
  return [...found.values()];
}

/** `line 41` or `lines 41, 57` (and how many more). */
export function linesText(lines: readonly number[], count = lines.length): string {
  const more = count > lines.length ? ` and ${count - lines.length} more` : '';
  return `${count <= 1 ? 'line' : 'lines'} ${lines.join(', ')}${more}`;
}

/** The clients of an issue with a given support, by name (`Outlook (Windows), Outlook (Windows Mail)`). */
export function clientNames(issue: CompatIssue, support: ClientSupport['support']): string[] {
  return issue.clients.filter((c) => c.support === support).map((c) => c.client.name);
}
