import { describe, expect, it } from 'vitest';
import { BrowserSessions, browserEnvironment, cookieValue } from '../../host/browser-session';

describe('browser host sessions', () => {
  it('a code signs in once; the session cookie it gives is the only one accepted', () => {
    const s = new BrowserSessions(4100);
    const code = s.issueCode();
    const setCookie = s.redeem(code)!;
    expect(setCookie).toMatch(/^preflight_session_4100=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(s.redeem(code)).toBeUndefined();
    const cookie = setCookie.split(';')[0]!;
    expect(s.isSignedIn(`theme=dark; ${cookie}`)).toBe(true);
    expect(s.isSignedIn(undefined)).toBe(false);
    expect(s.isSignedIn(cookie.replace(/=.*/, '=AAAA'))).toBe(false);
    // Another host's cookie (another port) does not open this one.
    expect(new BrowserSessions(4101).isSignedIn(cookie)).toBe(false);
  });

  it('only the newest 16 unused codes stay valid', () => {
    const s = new BrowserSessions(4100);
    const codes = Array.from({ length: 17 }, () => s.issueCode());
    expect(s.redeem(codes[0]!)).toBeUndefined();
    expect(s.redeem(codes[16]!)).toBeDefined();
  });

  it("state-changing calls must come from the host's own origin, named by its own Host", () => {
    const s = new BrowserSessions(4100);
    expect(s.isOwnOrigin({ host: '127.0.0.1:4100', origin: 'http://127.0.0.1:4100' })).toBe(true);
    expect(s.isOwnOrigin({ host: 'localhost:4100', origin: 'http://localhost:4100', 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(s.isOwnOrigin({ host: '127.0.0.1:4100', origin: 'http://localhost:4100' })).toBe(false);
    expect(s.isOwnOrigin({ host: '127.0.0.1:4100' })).toBe(false);
    expect(s.isOwnOrigin({ host: '127.0.0.1:4100', origin: 'null' })).toBe(false);
    expect(s.isOwnOrigin({ host: 'evil.example:4100', origin: 'http://evil.example:4100' })).toBe(false);
    expect(s.isOwnOrigin({ host: '127.0.0.1:4100', origin: 'http://127.0.0.1:4100', 'sec-fetch-site': 'same-site' })).toBe(false);
  });

  it('reads one cookie out of a Cookie header', () => {
    expect(cookieValue('a=1; b=2;c=3', 'b')).toBe('2');
    expect(cookieValue('a=1', 'b')).toBeUndefined();
    expect(cookieValue('=;;;===%zz', 'b')).toBeUndefined();
  });
});

describe('the browser the host opens (--open)', () => {
  it('gets no app token, OAuth secret or other secret-named variable, and keeps the rest', () => {
    const env = browserEnvironment({ PATH: '/usr/bin', DISPLAY: ':0', XP_APP_TOKEN_PROD: 't', XP_APP_TOKEN_PROD_FILE: '/f', XP_APP_TOKEN_PROD_OAUTH_CLIENT_SECRET: 's', GITHUB_TOKEN: 'g', MY_SECRET: 'x' });
    expect(env).toEqual({ PATH: '/usr/bin', DISPLAY: ':0' });
  });
});
