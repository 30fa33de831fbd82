/**
 * The one scrubber of secrets: replaces every representation of every given secret in a text with
 * `***`. A platform answer, an error message or a proxy's page can echo what it was sent in many
 * shapes, so a secret is matched
 *
 * - as it is;
 * - JSON-escaped, any character as itself or `\uXXXX` (either case), `/`, `"` and `\` also as
 *   `\/`, `\"`, `\\` — at any nesting depth (JSON inside a JSON string adds backslashes);
 * - URL-encoded, any character as itself or `%XX` of its UTF-8 bytes (either case);
 * - base64 and base64url, inside a longer encoded text at any of the three byte alignments (the
 *   characters that depend on the secret's bytes alone), themselves JSON-escaped or URL-encoded.
 *
 * Each character of a form may take any of its shapes independently, so one matcher per form
 * covers every mix (a small depth-first matcher: a regular expression of the same shapes takes
 * irregexp 10–200 ms to compile per secret). Matching more than was meant (a text that decodes to the secret another way)
 * is harmless; matching less is a leak. Secrets shorter than {@link MIN_SECRET_LENGTH} are not
 * scrubbed (they would mask ordinary words); base64 forms shorter than {@link MIN_ENCODED_LENGTH}
 * neither.
 */

/** What a secret is replaced with. */
export const MASK = '***';
/** Shorter secrets are left alone: masking every "abc" would wreck messages and protect nothing. */
export const MIN_SECRET_LENGTH = 4;
/** A base64 form shorter than this would match unrelated encoded text. */
export const MIN_ENCODED_LENGTH = 8;

/** Replaces every representation of every secret in `text` with `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  if (!text) return text;
  const m = matcherFor(secrets);
  return m ? replaceAll(text, m) : text;
}

/**
 * One way to write part of a character: a literal text, a JSON `\uXXXX` of one UTF-16 unit or a
 * JSON short escape (each after one or more backslashes: nested strings add some), or one `%XX` byte.
 */
type Atom = { lit: string } | { unit: number } | { short: '/' | '"' | '\\' } | { byte: number };
/** A character of a form: every sequence of atoms that writes it. */
type Shapes = Atom[][];
interface Form {
  chars: Shapes[];
}
interface Matcher {
  /** Forms by the first text character a match can start with, longest form first. */
  byFirst: Map<string, Form[]>;
  starts: RegExp;
}

/** Compiled matchers by secret set: the same few secrets are scrubbed over and over. */
const cache = new Map<string, Matcher | null>();

function matcherFor(secrets: readonly string[]): Matcher | null {
  const usable = [...new Set(secrets.filter((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))].sort();
  if (usable.length === 0) return null;
  const key = usable.join('\u0000');
  let m = cache.get(key);
  if (m === undefined) {
    // Longest first: where one form contains another, the whole of it goes.
    const texts = [...new Set(usable.flatMap((s) => [s, ...base64Forms(s)]))].sort((a, b) => b.length - a.length);
    const byFirst = new Map<string, Form[]>();
    for (const t of texts) {
      const form: Form = { chars: [...t].map(shapesOf) };
      for (const c of firstChars(form)) byFirst.set(c, [...(byFirst.get(c) ?? []), form]);
    }
    const cls = [...byFirst.keys()].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
    m = { byFirst, starts: new RegExp(`[${cls}]`, 'g') };
    if (cache.size > 64) cache.clear();
    cache.set(key, m);
  }
  return m;
}

function replaceAll(text: string, m: Matcher): string {
  let out = '';
  let copied = 0;
  m.starts.lastIndex = 0;
  for (let hit = m.starts.exec(text); hit; hit = m.starts.exec(text)) {
    const at = hit.index;
    let end = -1;
    for (const form of m.byFirst.get(text[at]!) ?? []) {
      end = matchForm(text, at, form.chars, 0);
      if (end > at) break;
    }
    if (end > at) {
      out += text.slice(copied, at) + MASK;
      copied = end;
      m.starts.lastIndex = end;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Where a match of `chars[i..]` starting at `p` ends, or -1 (depth-first over the shapes). */
function matchForm(text: string, p: number, chars: Shapes[], i: number): number {
  if (i === chars.length) return p;
  for (const shape of chars[i]!) {
    for (const q of matchAtoms(text, p, shape, 0)) {
      const end = matchForm(text, q, chars, i + 1);
      if (end >= 0) return end;
    }
  }
  return -1;
}

/** Every end of a match of `atoms[k..]` at `p`. */
function matchAtoms(text: string, p: number, atoms: Atom[], k: number): number[] {
  if (k === atoms.length) return [p];
  const out: number[] = [];
  for (const q of matchAtom(text, p, atoms[k]!)) out.push(...matchAtoms(text, q, atoms, k + 1));
  return out;
}

const HEX = /^[0-9a-fA-F]+$/;
const hexAt = (text: string, p: number, n: number) => {
  const h = text.slice(p, p + n);
  return h.length === n && HEX.test(h) ? parseInt(h, 16) : -1;
};

/** Every end of one atom at `p` (several only for a run of backslashes that may be split). */
function matchAtom(text: string, p: number, a: Atom): number[] {
  if ('lit' in a) return text.startsWith(a.lit, p) ? [p + a.lit.length] : [];
  if ('byte' in a) return text[p] === '%' && hexAt(text, p + 1, 2) === a.byte ? [p + 3] : [];
  let run = p;
  while (text[run] === '\\') run++;
  if (run === p) return [];
  if ('unit' in a) return text[run] === 'u' && hexAt(text, run + 1, 4) === a.unit ? [run + 5] : [];
  if (a.short !== '\\') return text[run] === a.short ? [run + 1] : [];
  // An escaped backslash is a run of two or more; where it ends is open (what follows may be one too).
  const ends: number[] = [];
  for (let q = run; q >= p + 2; q--) ends.push(q);
  return ends;
}

const shapeCache = new Map<string, Shapes>();

/** Every way to write one character (code point): escapes before the literal, so a whole escape is taken rather than half. */
function shapesOf(ch: string): Shapes {
  const known = shapeCache.get(ch);
  if (known) return known;
  const shapes: Shapes = [];
  if (ch.length === 1) shapes.push([{ unit: ch.charCodeAt(0) }]);
  else {
    // A surrogate pair: each unit as \uXXXX or as itself, in every combination but both literal (last, below).
    const [hi, lo] = [ch.charCodeAt(0), ch.charCodeAt(1)];
    shapes.push([{ unit: hi }, { unit: lo }], [{ unit: hi }, { lit: ch[1]! }], [{ lit: ch[0]! }, { unit: lo }]);
  }
  if (ch === '/' || ch === '"' || ch === '\\') shapes.push([{ short: ch }]);
  shapes.push(Array.from(encoder.encode(ch), (b) => ({ byte: b })));
  shapes.push([{ lit: ch }]);
  if (shapeCache.size > 4096) shapeCache.clear();
  shapeCache.set(ch, shapes);
  return shapes;
}

/** The text characters a match of a form can start with. */
function firstChars(form: Form): Set<string> {
  const out = new Set<string>();
  for (const shape of form.chars[0] ?? []) {
    const a = shape[0]!;
    out.add('lit' in a ? a.lit[0]! : 'byte' in a ? '%' : '\\');
  }
  return out;
}

const encoder = new TextEncoder();

/**
 * The base64 and base64url characters that depend on the secret's bytes alone, for each of the
 * three positions the secret may start at inside a longer encoded text.
 */
function base64Forms(secret: string): string[] {
  const bytes = encoder.encode(secret);
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const padded = new Uint8Array(k + bytes.length);
    padded.set(bytes, k);
    const full = base64(padded);
    // Character j holds bits [6j, 6j + 6): keep those entirely inside the secret's bits.
    const first = Math.ceil((8 * k) / 6);
    const last = Math.floor((8 * padded.length) / 6) - 1;
    const core = full.slice(first, last + 1);
    if (core.length >= MIN_ENCODED_LENGTH) out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 without padding (shared/ has no Buffer). */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}
