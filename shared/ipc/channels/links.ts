/**
 * The opt-in network check of an email's links: the renderer names the distinct rendered URLs,
 * the main side (host/links/checker.ts) requests them at a bounded rate and caches the results.
 * Nothing is requested until the person asks (see docs/security.md).
 */
import { z } from 'zod';

/** At most this many URLs per check (a template's distinct links over every user, capped). */
export const MAX_LINK_CHECK_URLS = 2000;
/** At most this many characters per URL. */
export const MAX_LINK_CHECK_URL_LENGTH = 2048;

/** Why a URL cannot be checked, or undefined when it can: http(s) only, absolute, not too long. */
export function uncheckableUrl(url: string): string | undefined {
  if (url.length > MAX_LINK_CHECK_URL_LENGTH) return `longer than ${MAX_LINK_CHECK_URL_LENGTH} characters`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol} is not http or https`;
  if (parsed.username || parsed.password) return 'holds credentials';
  return undefined;
}

const checkableUrlSchema = z
  .string()
  .max(MAX_LINK_CHECK_URL_LENGTH, `at most ${MAX_LINK_CHECK_URL_LENGTH} characters`)
  .superRefine((url, ctx) => {
    const why = uncheckableUrl(url);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  });

/** What went wrong with a link: no such host, connection refused, no answer in time, a TLS failure, an HTTP 4xx/5xx, too many or looping redirects, any other network error, or the check was cancelled. */
export const linkErrorKinds = ['dns', 'refused', 'timeout', 'tls', 'http', 'redirect-loop', 'too-many-redirects', 'bad-redirect', 'network', 'cancelled'] as const;
export type LinkErrorKind = (typeof linkErrorKinds)[number];

export const linkCheckResultSchema = z.object({
  url: z.string(),
  /** True when the last answer was 2xx/3xx without an error. */
  ok: z.boolean(),
  /** The last HTTP status received (absent when no answer came). */
  status: z.number().int().optional(),
  /** Where the redirects ended (the URL itself when there were none). */
  finalUrl: z.string(),
  /** Each URL redirected to, in order. */
  redirects: z.array(z.string()),
  error: z.enum(linkErrorKinds).optional(),
  /** A short human text of the error (never headers or bodies). */
  detail: z.string().optional(),
  /** True when the result came from the cache of this run. */
  cached: z.boolean(),
});
export type LinkCheckResult = z.infer<typeof linkCheckResultSchema>;

export const linksChannels = {
  /** Requests each URL (HEAD, or GET of one byte when HEAD is refused) and returns one result per URL, in order. */
  'links.check': {
    args: z.strictObject({ urls: z.array(checkableUrlSchema).min(1, 'no URL to check').max(MAX_LINK_CHECK_URLS, `at most ${MAX_LINK_CHECK_URLS} URLs per check`) }),
    result: z.object({ results: z.array(linkCheckResultSchema) }),
  },
  /** Stops every running check: URLs not yet answered come back as `cancelled` (and are not cached). */
  'links.cancel': {
    args: z.strictObject({}),
    result: z.object({ cancelled: z.number().int() }),
  },
} as const;
