/**
 * URL facts the render diagnostics and the link guardrails ask of every rendered URL, for every user:
 * does it parse, and what is its host. `new URL` costs about a microsecond, and in a scan the URLs of
 * one template differ only after the host (`…/promo?c=CODE123`), so the answer is cached by the part
 * that decides it: a WHATWG URL parse can fail only in the scheme, the host or the port, never in the
 * path, query or fragment, so a URL and its scheme + authority have the same hostname and the same
 * validity.
 */

const CACHE_MAX = 512;
const byAuthority = new Map<string, string | undefined>();

function parseHostname(s: string): string | undefined {
  try {
    return new URL(s).hostname;
  } catch {
    return undefined;
  }
}

/** The WHATWG hostname of `s` (`''` for URLs without one), or undefined when `s` is not an absolute URL. */
export function urlHostname(s: string): string | undefined {
  const m = /^https?:\/\//i.exec(s);
  // After "http://" a further slash or backslash is skipped by the parser: not a plain authority.
  const next = m ? s.charCodeAt(m[0].length) : 0;
  if (!m || next === 0x2f || next === 0x5c) return parseHostname(s);
  let end = m[0].length;
  while (end < s.length) {
    const c = s.charCodeAt(end);
    if (c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) break; // / \ ? #
    // The parser trims spaces and controls at the ends of its input: inside a URL they are not at its end.
    if (c <= 0x20) return parseHostname(s);
    end++;
  }
  const authority = s.slice(0, end);
  if (byAuthority.has(authority)) return byAuthority.get(authority);
  const host = parseHostname(authority);
  if (byAuthority.size >= CACHE_MAX) byAuthority.clear();
  byAuthority.set(authority, host);
  return host;
}

/** True for an absolute http(s) URL with a host and no whitespace. */
export function isAbsoluteHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s) || /\s/.test(s)) return false;
  const host = urlHostname(s);
  return host !== undefined && host.length > 0;
}
