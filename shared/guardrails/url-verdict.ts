/**
 * The key the link verdicts are remembered by. In a scan most links differ per user only in a query
 * value (`…/u?id=user_123`): remembered by the URL text, each user's link was a miss (the checks
 * again, and a memo churning through 100,000 URLs). Every link check reads a query value only for
 * whether it is empty (`?id=`), for its `/`, `{`, `}`, `%`, `=`, `&`, `#` and whitespace, and for the
 * two characters after a `%`; the reasons they give name the host, the scheme and the query keys, never
 * a value. So a URL with each run of word characters (`[A-Za-z0-9_]`) in its query values made one
 * `a` — except a run right after a `%`, which may be an escape — has the same reasons as the URL.
 *
 * Exactly: after the first `?` and before the next `#`, pairs split at `&`, a pair's value after its
 * first `=`. What stays as written: everything before the `?` (scheme, host, path: so the hostname and
 * the WHATWG parse's validity, which a query cannot change), the keys, the fragment and every
 * non-word character. The findings' messages quote the URL itself: they are built per URL from the
 * remembered reasons (links.ts, email.ts). test/unit/url-verdict.test.ts holds the remembered
 * verdicts equal to the plain checks.
 */

const isWord = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;

/** `url` with its query values' word runs folded (see the top of this file); `url` itself when nothing folds. */
export function verdictKey(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  let end = url.indexOf('#', q + 1);
  if (end < 0) end = url.length;
  let out = '';
  let from = 0;
  let inValue = false;
  for (let i = q + 1; i < end; i++) {
    const c = url.charCodeAt(i);
    if (c === 0x26) inValue = false;
    else if (c === 0x3d) inValue = true;
    else if (inValue && isWord(c)) {
      let j = i + 1;
      while (j < end && isWord(url.charCodeAt(j))) j++;
      // A whole run after a `%` stays as written (its first two characters may be an escape's).
      if (url.charCodeAt(i - 1) !== 0x25 && (j - i > 1 || c !== 0x61)) {
        out += url.slice(from, i) + 'a';
        from = j;
      }
      i = j - 1;
    }
  }
  return from === 0 ? url : out + url.slice(from);
}
