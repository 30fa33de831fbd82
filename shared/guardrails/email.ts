/**
 * Email guardrails over the rendered fields. HTML is scanned with small tag patterns, not a DOM:
 * this runs in workers and the CLI, and only needs tags' attributes, not layout.
 */
import type { RawFinding } from './types';

/** Gmail clips messages whose HTML is over 102 KB (102 × 1024 bytes of UTF-8). */
export const GMAIL_CLIP_BYTES = 102 * 1024;
/** Subjects over this many characters are cut in most inboxes (desktop ~60, mobile fewer). */
export const SUBJECT_MAX = 60;
/** Preheaders show roughly 40 to 100 characters; shorter ones pull in body text, longer ones are cut. */
export const PREHEADER_MIN = 40;
export const PREHEADER_MAX = 100;

const TAG = /<(img|a)\b([^>]*)>/gi;
const ATTR = /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** Parses a tag's attributes into a lower-cased map (values as written, entities decoded for &amp;). */
export function attributes(source: string): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const m of source.matchAll(ATTR)) {
    const raw = m[2] ?? m[3] ?? m[4];
    out.set(m[1]!.toLowerCase(), raw === undefined ? undefined : raw.replace(/&amp;/g, '&'));
  }
  return out;
}

/** Every link (`<a href>`) and image (`<img>`) of an HTML document, in order. */
export function scanHtml(html: string): { links: string[]; images: { src: string; alt: string | undefined }[] } {
  const links: string[] = [];
  const images: { src: string; alt: string | undefined }[] = [];
  for (const m of html.matchAll(TAG)) {
    const attrs = attributes(m[2] ?? '');
    if (m[1]!.toLowerCase() === 'a') {
      if (attrs.has('href')) links.push(attrs.get('href') ?? '');
    } else images.push({ src: attrs.get('src') ?? '', alt: attrs.get('alt') });
  }
  return { links, images };
}

const PLACEHOLDER_HOSTS = /^(?:[\w-]+\.)*(example\.(com|org|net)|localhost|127\.0\.0\.1|0\.0\.0\.0|test|invalid)$/i;

/** Why a link is a placeholder or test link, or undefined when it is not one. */
export function placeholderLinkReason(href: string): string | undefined {
  const h = href.trim();
  if (h === '#' || /^#\s*$/.test(h)) return 'a bare "#"';
  if (/^javascript:/i.test(h)) return 'a javascript: URL';
  try {
    const u = new URL(h);
    if (PLACEHOLDER_HOSTS.test(u.hostname)) return `a test host (${u.hostname})`;
  } catch {
    /* not absolute: judged by the unrendered check */
  }
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
    for (const pair of h.slice(q + 1).split('#')[0]!.split('&')) {
      const [k, v] = pair.split('=');
      if (k && pair.includes('=') && (v ?? '') === '') return `an empty value for "${k}"`;
    }
  }
  return undefined;
}

/**
 * The UTF-8 size of a string in bytes, counted without encoding it (the HTML of each of 100,000
 * users would otherwise be copied once more). Lone surrogates count 3 bytes, as TextEncoder writes
 * them as U+FFFD.
 */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a pair: 2 UTF-16 units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/** Checks one rendered email (its fields by name), for one user and node. */
export function checkEmail(fields: Record<string, string>, where: { node?: string; target?: string } = {}): RawFinding[] {
  const out: RawFinding[] = [];
  const html = fields.html ?? '';
  const bytes = utf8Bytes(html);
  if (bytes > GMAIL_CLIP_BYTES)
    out.push({ code: 'email-html-size', ...where, field: 'html', message: `the HTML is ${(bytes / 1024).toFixed(1)} KB; Gmail clips messages over 102 KB` });
  const { links, images } = scanHtml(html);
  const noAlt = images.filter((i) => i.alt === undefined);
  if (noAlt.length)
    out.push({ code: 'email-image-alt', ...where, field: 'html', message: `${noAlt.length} image${noAlt.length > 1 ? 's have' : ' has'} no alt text: ${noAlt.slice(0, 3).map((i) => i.src || '(no src)').join(', ')}` });
  if (html && (fields.text ?? '').trim() === '')
    out.push({ code: 'email-missing-text', ...where, field: 'text', message: 'the email has no plain-text part: some clients and spam filters need one' });
  const seen = new Set<string>();
  for (const href of links) {
    if (seen.has(href)) continue;
    seen.add(href);
    const p = placeholderLinkReason(href);
    if (p) out.push({ code: 'email-placeholder-link', ...where, field: 'html', message: `link "${href}" is ${p}` });
    const u = unrenderedLinkReason(href);
    if (u) out.push({ code: 'email-link-unrendered', ...where, field: 'html', message: `link "${href || '(empty)'}" has ${u}` });
  }
  const subject = [...(fields.subject ?? '')].length;
  if (subject > SUBJECT_MAX) out.push({ code: 'email-subject-length', ...where, field: 'subject', message: `the subject has ${subject} characters; inboxes show about ${SUBJECT_MAX}` });
  if (fields.preheader !== undefined) {
    const n = [...fields.preheader].length;
    if (n > PREHEADER_MAX) out.push({ code: 'email-preheader-length', ...where, field: 'preheader', message: `the preheader has ${n} characters; inboxes show about ${PREHEADER_MAX}` });
    else if (n < PREHEADER_MIN) out.push({ code: 'email-preheader-length', ...where, field: 'preheader', message: `the preheader has ${n} characters; under ${PREHEADER_MIN} the inbox fills the rest with body text` });
  }
  return out;
}
