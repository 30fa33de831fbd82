/**
 * Link checks of one rendered email: every `href` and image `src` after rendering — invalid or
 * relative URLs, `http:` in an https email, tracking parameters repeated or missing, and the shape
 * of `mailto:` and `tel:` links. Empty and unrendered URLs, `#` and test hosts are the older
 * checks' (email.ts); these do not report them twice. Pure: no network here (an online check of the
 * distinct URLs belongs on the main side; none is built yet).
 */
import type { RawFinding } from './types';
import { emailUrls } from './compat';
import { ownString } from './compat/markup';
import { placeholderLinkReason, unrenderedLinkReason } from './email';
import { verdictKey } from './url-verdict';

/** Tracking parameters recognised when the workspace names none: Google Analytics' utm_* set and the click ids of the big ad platforms. */
export const TRACKING_PARAM = /^(utm_[a-z_]+|gclid|fbclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi)$/i;

/** Schemes a rendered email link may use. */
const SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:', 'sms:']);

/** Options from the workspace settings (`email` section of preflight.settings.json). */
export interface LinkCheckOptions {
  /** Query parameters every web link must carry (e.g. utm_source, utm_medium, utm_campaign). */
  trackingParams?: readonly string[];
}

/** Why a URL is not a usable absolute URL, or undefined. (Empty, unrendered, `#` and javascript: are judged elsewhere.) */
export function invalidUrlReason(url: string): string | undefined {
  const u = url.trim();
  if (u !== url && /[\n\t]/.test(url)) return 'a line break or tab inside the URL';
  if (u.startsWith('#') || /^javascript:/i.test(u)) return undefined;
  if (u.startsWith('//')) return 'a protocol-relative URL (no http: or https:): many email clients cannot open it';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u)?.[1];
  if (!scheme) return 'a relative URL: an email has no page to be relative to';
  const proto = `${scheme.toLowerCase()}:`;
  if (!SCHEMES.has(proto)) return `the scheme "${scheme}:" (links in email use http:, https:, mailto: or tel:)`;
  if (proto !== 'http:' && proto !== 'https:') return undefined;
  if (/\s/.test(u)) return 'a space inside the URL (encode it as %20)';
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return 'not a valid URL';
  }
  if (!parsed.hostname) return 'no host';
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*\.?)$/i.test(parsed.hostname)) return `an invalid host "${parsed.hostname}"`;
  if (!parsed.hostname.includes('.') && !parsed.hostname.startsWith('[')) return `a host without a domain ("${parsed.hostname}")`;
  return undefined;
}

const EMAIL_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const MAILTO_FIELDS = new Set(['subject', 'body', 'cc', 'bcc', 'to']);

/** What is wrong with a `mailto:` or `tel:` (or `sms:`) link, or undefined. */
export function contactLinkReason(url: string): string | undefined {
  const u = url.trim();
  const m = /^(mailto|tel|sms):(.*)$/is.exec(u);
  if (!m) return undefined;
  const kind = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (/\s/.test(rest)) return `a space in the ${kind}: link (encode it as %20)`;
  if (kind === 'mailto') {
    const [to, query] = rest.split('?', 2) as [string, string | undefined];
    let decoded: string;
    try {
      decoded = decodeURIComponent(to);
    } catch {
      return 'a broken %-escape in the address';
    }
    const addresses = decoded
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (!addresses.length && !query) return 'no address';
    for (const a of addresses) if (!EMAIL_ADDRESS.test(a)) return `"${a}" is not an email address`;
    for (const pair of (query ?? '').split('&').filter(Boolean)) {
      const key = pair.split('=', 1)[0]!.toLowerCase();
      if (!MAILTO_FIELDS.has(key)) return `an unknown mailto: field "${key}" (subject, body, cc and bcc are understood)`;
      try {
        decodeURIComponent(pair);
      } catch {
        return `a broken %-escape in "${key}"`;
      }
    }
    return undefined;
  }
  const number = rest.split(/[;?]/, 1)[0]!;
  let plain: string;
  try {
    plain = decodeURIComponent(number);
  } catch {
    return 'a broken %-escape in the number';
  }
  if (!/^\+?[0-9().\- ]+$/.test(plain)) return `"${plain}" is not a phone number (digits, an optional leading +, and - . ( ) as separators)`;
  const digits = plain.replace(/\D/g, '').length;
  if (digits < 3 || digits > 15) return `"${plain}" has ${digits} digits (a phone number has 3 to 15)`;
  return undefined;
}

/** Query parameter names of a URL, in order, as written (repeats kept). */
export function queryKeys(url: string): string[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return url
    .slice(q + 1)
    .split('#', 1)[0]!
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const k = p.split('=', 1)[0]!;
      try {
        return decodeURIComponent(k.replace(/\+/g, ' '));
      } catch {
        return k;
      }
    });
}

/** Tracking parameters a web link repeats (`utm_source` twice: analytics keeps one at random). */
export function repeatedTrackingParams(url: string, expected: readonly string[] = []): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const wanted = new Set(expected.map((e) => e.toLowerCase()));
  for (const k of queryKeys(url)) {
    const key = k.toLowerCase();
    if (!TRACKING_PARAM.test(key) && !wanted.has(key)) continue;
    if (seen.has(key)) repeated.add(k);
    seen.add(key);
  }
  return [...repeated];
}

const isWeb = (url: string) => /^https?:\/\//i.test(url.trim());
/** A URL as the link findings quote it (long ones clipped). */
export const clipUrl = (s: string, n = 120): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const clip = clipUrl;

/** True when an earlier URL of the list has the same kind and text. */
function repeats(urls: readonly { kind: string; url: string }[], i: number): boolean {
  const u = urls[i]!;
  for (let j = 0; j < i; j++) if (urls[j]!.url === u.url && urls[j]!.kind === u.kind) return true;
  return false;
}

/** One finding of a URL, without the URL and its place: the message is `${kind} "${url}" (line N) ${tail}`. */
interface UrlVerdict {
  code: RawFinding['code'];
  tail: string;
}

/**
 * The findings of one URL of an email, without the URL (their tails never quote it): computed
 * afresh. Pure; `urlVerdicts` remembers them by verdictKey (url-verdict.ts).
 */
export function plainUrlVerdicts(kind: 'link' | 'image', url: string, https: boolean, expected: readonly string[]): UrlVerdict[] {
  const out: UrlVerdict[] = [];
  // Empty, unrendered, `#`, javascript: and test hosts are reported by the older checks (links only).
  const theirs = kind === 'link' ? !!(unrenderedLinkReason(url) || placeholderLinkReason(url)) : url.trim() === '';
  if (theirs) return out;
  const invalid = invalidUrlReason(url);
  if (invalid) out.push({ code: 'email-link-invalid', tail: `has ${invalid}` });
  else {
    if (https && /^http:/i.test(url.trim())) out.push({ code: 'email-link-insecure', tail: `uses http: in an https email: ${kind === 'image' ? 'clients show it as insecure or block it' : 'it opens unencrypted and may be flagged'}` });
    const contact = contactLinkReason(url);
    if (contact) out.push({ code: 'email-link-contact', tail: `has ${contact}` });
    if (kind === 'link' && isWeb(url)) {
      const repeated = repeatedTrackingParams(url, expected);
      if (repeated.length) out.push({ code: 'email-link-tracking', tail: `repeats ${repeated.map((r) => `"${r}"`).join(', ')}: analytics keeps one of the values` });
      if (expected.length) {
        const have = new Set(queryKeys(url).map((k) => k.toLowerCase()));
        const missing = expected.filter((e) => !have.has(e.toLowerCase()));
        if (missing.length) out.push({ code: 'email-link-tracking', tail: `lacks the tracking parameter${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}` });
      }
    }
  }
  return out;
}

/** URL verdicts remembered by verdictKey, per kind, https and expected parameters (`memos`); cleared when full. */
const MAX_URLS = 20_000;
type Memo = Map<string, UrlVerdict[]>;
const memos: Record<'link' | 'image', [Map<string, Memo>, Map<string, Memo>]> = { link: [new Map(), new Map()], image: [new Map(), new Map()] };
let remembered = 0;

/** The memo of URL verdicts for one kind, https and set of expected parameters. */
function memoFor(kind: 'link' | 'image', https: boolean, expected: readonly string[]): Memo {
  const byExpected = memos[kind][https ? 1 : 0];
  const key = expected.join(',');
  let m = byExpected.get(key);
  if (!m) byExpected.set(key, (m = new Map()));
  return m;
}

/** plainUrlVerdicts, remembered in `memo` (memoFor's of the same kind, https and parameters). */
function urlVerdicts(memo: Memo, kind: 'link' | 'image', url: string, https: boolean, expected: readonly string[]): UrlVerdict[] {
  const key = verdictKey(url);
  const known = memo.get(key);
  if (known) return known;
  const found = plainUrlVerdicts(kind, url, https, expected);
  if (remembered >= MAX_URLS) {
    for (const k of ['link', 'image'] as const) for (const byExpected of memos[k]) for (const m of byExpected.values()) m.clear();
    remembered = 0;
  }
  // By a copy of the key (a slice of the user's email would keep all of it alive).
  memo.set(ownString(key), found);
  remembered++;
  return found;
}

/** Checks the links and images of one rendered email (its HTML), for one user and node. */
export function checkLinks(html: string, where: { node?: string; target?: string } = {}, options: LinkCheckOptions = {}): RawFinding[] {
  if (!html) return [];
  const out: RawFinding[] = [];
  const urls = emailUrls(html);
  const https = urls.some((u) => /^https:/i.test(u.url.trim()));
  const expected = (options.trackingParams ?? []).filter(Boolean);
  let linkMemo: Memo | undefined;
  let imageMemo: Memo | undefined;
  // Most emails have a few URLs: a Set only past a handful.
  const seen = urls.length > 8 ? new Set<string>() : undefined;
  for (let i = 0; i < urls.length; i++) {
    const u = urls[i]!;
    const url = u.url;
    if (seen) {
      const key = `${u.kind} ${url}`;
      if (seen.has(key)) continue;
      seen.add(key);
    } else if (repeats(urls, i)) continue;
    const memo = u.kind === 'link' ? (linkMemo ??= memoFor('link', https, expected)) : (imageMemo ??= memoFor('image', https, expected));
    const found = urlVerdicts(memo, u.kind, url, https, expected);
    if (!found.length) continue;
    const head = `${u.kind} "${clip(url)}"`;
    for (const f of found) out.push({ code: f.code, ...where, field: 'html', line: u.line, message: `${head} (line ${u.line}) ${f.tail}` });
  }
  return out;
}
