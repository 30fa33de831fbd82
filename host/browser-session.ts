/**
 * Who may use the browser host. The host prints a sign-in link whose code works once: the first
 * visit exchanges it for a session cookie (HttpOnly, so page scripts cannot read it; SameSite=Strict,
 * so no other site's page sends it) and is redirected to the clean URL, so the code left in the
 * address bar, history, stdout and the opened browser's argv is spent. A new link is printed on
 * request (a line on the host's stdin) for another browser or after the browser was closed.
 * State-changing calls must also come from the app's own origin (the Origin header every browser
 * sends on POST), and every request must name the host's own address (no DNS rebinding).
 * No HTTP here: browser-host.ts asks these questions.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** At most this many unused codes are kept; the oldest is dropped first. */
const MAX_PENDING_CODES = 16;

export class BrowserSessions {
  private readonly codes: string[] = [];
  private readonly sessions: Buffer[] = [];
  /** Per port: two hosts on one machine (cookies are not kept apart by port) keep their own cookie. */
  readonly cookieName: string;

  constructor(readonly port: number) {
    this.cookieName = `preflight_session_${port}`;
  }

  /** A new single-use sign-in code. */
  issueCode(): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.push(code);
    if (this.codes.length > MAX_PENDING_CODES) this.codes.shift();
    return code;
  }

  /** The sign-in URL for a code (the document root, so the redirect after it lands on the app). */
  signInUrl(code: string): string {
    return `http://127.0.0.1:${this.port}/?code=${code}`;
  }

  /** Spends a code: the Set-Cookie value of a new session, or undefined for an unknown or used code. */
  redeem(code: string): string | undefined {
    const at = this.codes.findIndex((c) => same(c, code));
    if (at < 0) return undefined;
    this.codes.splice(at, 1);
    const session = randomBytes(32);
    this.sessions.push(session);
    // No Max-Age: a session cookie, gone when the browser closes (a new link signs in again).
    return `${this.cookieName}=${session.toString('base64url')}; HttpOnly; SameSite=Strict; Path=/`;
  }

  /** True when the Cookie header carries a session this host issued. */
  isSignedIn(cookieHeader: string | undefined): boolean {
    const value = cookieValue(cookieHeader, this.cookieName);
    if (value === undefined) return false;
    const given = Buffer.from(value, 'base64url');
    return this.sessions.some((s) => s.length === given.length && timingSafeEqual(s, given));
  }

  /** True for a Host header naming this host (127.0.0.1 or localhost on its port). */
  isOwnHost(host: string | undefined): boolean {
    return host === `127.0.0.1:${this.port}` || host === `localhost:${this.port}`;
  }

  /**
   * True when a state-changing request comes from a page of the app itself: its Origin is the
   * address it was sent to, and the browser does not mark it cross-site. A request without an
   * Origin is refused: browsers always send one on POST, so only a non-browser client omits it.
   */
  isOwnOrigin(headers: { origin?: string; host?: string; 'sec-fetch-site'?: string | string[] }): boolean {
    if (!this.isOwnHost(headers.host) || headers.origin !== `http://${headers.host}`) return false;
    const site = headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** One cookie's value from a Cookie header (the first of that name), or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The environment for a browser the host opens: without the app's secret variables (`XP_*`, where
 * app tokens and OAuth client secrets are read from) and without anything else named like a token
 * or secret. The browser needs none of them and may pass its environment on to other programs.
 */
export function browserEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^XP_/i.test(k) && !/TOKEN|SECRET|PASSWORD/i.test(k)));
}
