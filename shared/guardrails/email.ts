/**
 * Email guardrails over the rendered fields. HTML is scanned for its `<a>` and `<img>` tags, not
 * parsed into a DOM: this runs in workers and the CLI, for every user of a scan, and only needs the
 * tags' attributes, not layout. So the checks touch each byte of a 10 KB email at most once or
 * twice, at memory speed (indexOf), and skip the UTF-8 count when the length alone settles it.
 */
import { urlHostname } from '../campaign/url';
import { codePointLength } from '../channels/graphemes';
import type { RawFinding } from './types';
import { ownString, scanAttributes } from './compat/markup';
import { verdictKey } from './url-verdict';

/** Gmail clips messages whose HTML is over 102 KB (102 × 1024 bytes of UTF-8). */
export const GMAIL_CLIP_BYTES = 102 * 1024;
/** Subjects over this many characters are cut in most inboxes (desktop ~60, mobile fewer). */
export const SUBJECT_MAX = 60;
/** Preheaders show roughly 40 to 100 characters; shorter ones pull in body text, longer ones are cut. */
export const PREHEADER_MIN = 40;
export const PREHEADER_MAX = 100;

/** Parses a tag's attributes into a lower-cased map (values as written, entities decoded for &amp;; the last of a name wins). */
export function attributes(source: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  scanAttributes(source, 'loose', (name, raw) => out.set(name.toLowerCase(), raw === undefined || raw.indexOf('&') < 0 ? raw : raw.replace(/&amp;/g, '&')));
  return out;
}

const isWordChar = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/** Length of the tag name `a` or `img` (any case, then a non-word character) at `html[at]`, or 0. */
function tagNameAt(html: string, at: number): number {
  const c = html.charCodeAt(at) | 0x20;
  if (c === 0x69 && (html.charCodeAt(at + 1) | 0x20) === 0x6d && (html.charCodeAt(at + 2) | 0x20) === 0x67 && !isWordChar(html.charCodeAt(at + 3))) return 3;
  if (c === 0x61 && !isWordChar(html.charCodeAt(at + 1))) return 1;
  return 0;
}

/** The links and images of an email's HTML (scanHtml). */
export interface HtmlTags {
  links: string[];
  images: { src: string; alt: string | undefined }[];
}

/**
 * Where the `<a` and `<img` tags of an HTML document are, in order, as flat triples: the offset of
 * `<`, the length of the name (1 or 3), the offset of the closing `>`. Each `<a` or `<img` (any case,
 * ending at a word boundary) up to the next `>` is a tag, as /<(img|a)\b([^>]*)>/gi matches them.
 */
export function htmlTagSpans(html: string): number[] {
  const out: number[] = [];
  // indexOf from "<" to "<" (memchr speed) and two character tests: a third of the time of
  // letting a pattern such as /<[ai]/gi find the candidates, a fifth of the full pattern's.
  for (let lt = html.indexOf('<'); lt !== -1;) {
    const name = tagNameAt(html, lt + 1);
    if (!name) {
      lt = html.indexOf('<', lt + 1);
      continue;
    }
    const gt = html.indexOf('>', lt + 1 + name);
    if (gt === -1) break; // no later tag can close either
    out.push(lt, name, gt);
    lt = html.indexOf('<', gt + 1);
  }
  return out;
}

/** Adds the link or image of one tag (its name's length and its inside after the name) to `into`. */
export function addTag(into: HtmlTags, name: number, inside: string): void {
  const attrs = attributes(inside);
  if (name === 1) {
    if (attrs.has('href')) into.links.push(attrs.get('href') ?? '');
  } else into.images.push({ src: attrs.get('src') ?? '', alt: attrs.get('alt') });
}

/** Every link (`<a href>`) and image (`<img>`) of an HTML document, in order (see htmlTagSpans). */
export function scanHtml(html: string): HtmlTags {
  const out: HtmlTags = { links: [], images: [] };
  const spans = htmlTagSpans(html);
  for (let i = 0; i < spans.length; i += 3) addTag(out, spans[i + 1]!, html.slice(spans[i]! + 1 + spans[i + 1]!, spans[i + 2]!));
  return out;
}

/** Bytes of `s` in UTF-8 (what TextEncoder would produce: a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const PLACEHOLDER_HOSTS = /^(?:[\w-]+\.)*(example\.(com|org|net)|localhost|127\.0\.0\.1|0\.0\.0\.0|test|invalid)$/i;

/** Why a link is a placeholder or test link, or undefined when it is not one. */
export function placeholderLinkReason(href: string): string | undefined {
  const h = href.trim();
  if (h === '#' || /^#\s*$/.test(h)) return 'a bare "#"';
  if (/^javascript:/i.test(h)) return 'a javascript: URL';
  // A relative URL has no host: the unrendered check judges it.
  const host = urlHostname(h);
  if (host !== undefined && PLACEHOLDER_HOSTS.test(host)) return `a test host (${host})`;
  return undefined;
}

/** Why a link still holds an unrendered or empty value, or undefined. */
export function unrenderedLinkReason(href: string): string | undefined {
  const h = href.trim();
  if (h === '') return 'an empty URL';
  if (/\{\{|\{%|%7B%7B/i.test(h)) return 'leftover Twig markup';
  if (/^(https?:)?\/\/($|\/)/i.test(h)) return 'no host';
  if (/\/\/[^/]*\/.*\/\//.test(h)) return 'an empty path segment';
  const q = h.indexOf('?');
  if (q >= 0) {
    for (const pair of h
      .slice(q + 1)
      .split('#')[0]!
      .split('&')) {
      const [k, v] = pair.split('=');
      if (k && pair.includes('=') && (v ?? '') === '') return `an empty value for "${k}"`;
    }
  }
  return undefined;
}

/** Why a link is a placeholder and why it is unrendered (either undefined). */
interface LinkReasons {
  placeholder: string | undefined;
  unrendered: string | undefined;
}
const NO_IMAGES: HtmlTags['images'] = [];
const NO_REASONS: LinkReasons = { placeholder: undefined, unrendered: undefined };
/** Link reasons by verdictKey (they name no query value: url-verdict.ts); cleared when full. */
const MAX_LINKS = 20_000;
const reasonsMemo = new Map<string, LinkReasons>();

/** placeholderLinkReason and unrenderedLinkReason of a link, remembered by its verdictKey. */
function linkReasons(href: string): LinkReasons {
  const key = verdictKey(href);
  let r = reasonsMemo.get(key);
  if (!r) {
    const placeholder = placeholderLinkReason(href);
    const unrendered = unrenderedLinkReason(href);
    r = placeholder || unrendered ? { placeholder, unrendered } : NO_REASONS;
    if (reasonsMemo.size >= MAX_LINKS) reasonsMemo.clear();
    // By a copy: the link may be a slice of the user's email, which the key would keep alive.
    reasonsMemo.set(ownString(key), r);
  }
  return r;
}

/**
 * Checks one rendered email (its fields by name), for one user and node. `tags`: the HTML's links
 * and images when the caller knows them already (email-memo.ts); scanHtml's otherwise.
 */
export function checkEmail(fields: Record<string, string>, where: { node?: string; target?: string } = {}, tags?: HtmlTags): RawFinding[] {
  const out: RawFinding[] = [];
  const html = fields.html ?? '';
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most emails are settled by their length.
  const bytes = html.length * 3 <= GMAIL_CLIP_BYTES ? 0 : utf8Length(html);
  if (bytes > GMAIL_CLIP_BYTES) out.push({ code: 'email-html-size', ...where, field: 'html', message: `the HTML is ${(bytes / 1024).toFixed(1)} KB; Gmail clips messages over 102 KB` });
  const { links, images } = tags ?? scanHtml(html);
  let missing = 0;
  for (let i = 0; i < images.length; i++) if (images[i]!.alt === undefined) missing++;
  const noAlt = missing ? images.filter((i) => i.alt === undefined) : NO_IMAGES;
  if (noAlt.length)
    out.push({
      code: 'email-image-alt',
      ...where,
      field: 'html',
      message: `${noAlt.length} image${noAlt.length > 1 ? 's have' : ' has'} no alt text: ${noAlt
        .slice(0, 3)
        .map((i) => i.src || '(no src)')
        .join(', ')}`,
    });
  if (html && (fields.text ?? '').trim() === '') out.push({ code: 'email-missing-text', ...where, field: 'text', message: 'the email has no plain-text part: some clients and spam filters need one' });
  const seen = links.length > 8 ? new Set<string>() : undefined;
  for (let i = 0; i < links.length; i++) {
    const href = links[i]!;
    if (seen) {
      if (seen.has(href)) continue;
      seen.add(href);
    } else if (links.indexOf(href) < i) continue;
    const r = linkReasons(href);
    if (r === NO_REASONS) continue;
    if (r.placeholder) out.push({ code: 'email-placeholder-link', ...where, field: 'html', message: `link "${href}" is ${r.placeholder}` });
    if (r.unrendered) out.push({ code: 'email-link-unrendered', ...where, field: 'html', message: `link "${href || '(empty)'}" has ${r.unrendered}` });
  }
  const subject = codePointLength(fields.subject ?? '');
  if (subject > SUBJECT_MAX) out.push({ code: 'email-subject-length', ...where, field: 'subject', message: `the subject has ${subject} characters; inboxes show about ${SUBJECT_MAX}` });
  if (fields.preheader !== undefined) {
    const n = codePointLength(fields.preheader);
    if (n > PREHEADER_MAX) out.push({ code: 'email-preheader-length', ...where, field: 'preheader', message: `the preheader has ${n} characters; inboxes show about ${PREHEADER_MAX}` });
    else if (n < PREHEADER_MIN) out.push({ code: 'email-preheader-length', ...where, field: 'preheader', message: `the preheader has ${n} characters; under ${PREHEADER_MIN} the inbox fills the rest with body text` });
  }
  return out;
}
