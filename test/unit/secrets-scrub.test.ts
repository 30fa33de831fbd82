/**
 * Property: whatever way an answer echoes a secret — as it is, JSON-escaped (`\/`, `\uXXXX`, nested),
 * URL-encoded, base64 or base64url (at any alignment, inside a longer encoded text) — the scrubbed
 * text no longer holds it in any of those representations.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../shared/secrets/scrub';

/** Characters tokens are made of, plus the ones that make escaping interesting. */
const tokenChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', '-', '_', '.', '/', '+', '=', '~', ':', '"', '\\', "'", '%', '&', 'é', '€', '😀');
const token = fc.array(tokenChar, { minLength: 12, maxLength: 64 }).map((a) => a.join(''));
/** Text around the echo, from characters no token has, so what is left can be compared exactly. */
const around = fc.array(fc.constantFrom(' ', '{', '}', '[', ']', ',', '#', '!', '<', '>', '|', 'ñ', '\n'), { maxLength: 20 }).map((a) => a.join(''));

const hex4 = (n: number, upper: boolean) => (upper ? n.toString(16).toUpperCase() : n.toString(16)).padStart(4, '0');

/** JSON string escaping with a random choice per code unit: raw where JSON allows it, `\uXXXX` (either case), `\/`. */
function jsonEscape(s: string, choices: number[]): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const pick = choices[i % choices.length]!;
    if (c === '"' || c === '\\') out += pick % 2 ? `\\${c}` : `\\u${hex4(c.charCodeAt(0), pick % 3 === 0)}`;
    else if (c === '/') out += ['/', '\\/', '\\u002f', '\\u002F'][pick % 4]!;
    else out += pick % 3 === 0 ? `\\u${hex4(c.charCodeAt(0), pick % 2 === 0)}` : c;
  }
  return out;
}

/** URL encoding with a random choice per character: raw (where harmless) or %XX of its UTF-8 bytes, either case. */
function urlEncode(s: string, choices: number[]): string {
  let out = '';
  let i = 0;
  for (const c of s) {
    const pick = choices[i++ % choices.length]!;
    const enc = encodeURIComponent(c);
    const forced = c === '%' || c === '&' || c === '+' || c === '=' || enc !== c;
    out +=
      forced || pick % 2
        ? [...new TextEncoder().encode(c)]
            .map((b) => `%${b.toString(16).padStart(2, '0')}`)
            .map((x) => (pick % 3 ? x.toUpperCase() : x))
            .join('')
        : c;
  }
  return out;
}

const b64 = (s: string, url: boolean) => {
  const t = Buffer.from(s, 'utf8').toString(url ? 'base64url' : 'base64');
  return t;
};

type Echo = { name: string; encode: (secret: string, before: string, after: string, choices: number[]) => string; decode: (text: string) => string };

/** Each way an answer may carry a secret, with how a reader would get it back out. */
const echoes: Echo[] = [
  { name: 'raw', encode: (s, a, b) => a + s + b, decode: (t) => t },
  { name: 'JSON-escaped', encode: (s, a, b, c) => a + jsonEscape(s, c) + b, decode: (t) => JSON.parse(`"${t.replace(/\n/g, '\\n')}"`) as string },
  {
    name: 'JSON-escaped twice (JSON inside a JSON string)',
    encode: (s, a, b, c) => a + JSON.stringify(jsonEscape(s, c)).slice(1, -1) + b,
    decode: (t) => JSON.parse(`"${JSON.parse(`"${t.replace(/\n/g, '\\n')}"`) as string}"`.replace(/\n/g, '\\n')) as string,
  },
  { name: 'URL-encoded', encode: (s, a, b, c) => a + urlEncode(s, c) + b, decode: (t) => decodeURIComponent(t.replace(/%(?![0-9a-fA-F]{2})/g, '%25')) },
  { name: 'base64 inside a longer encoded text', encode: (s, a, b) => b64(a + s + b, false), decode: (t) => Buffer.from(t, 'base64').toString('utf8') },
  { name: 'base64url inside a longer encoded text', encode: (s, a, b) => b64(a + s + b, true), decode: (t) => Buffer.from(t, 'base64url').toString('utf8') },
  { name: 'base64 in a JSON string (\\/ escapes)', encode: (s, a, b, c) => jsonEscape(b64(a + s + b, false), c), decode: (t) => Buffer.from(JSON.parse(`"${t}"`) as string, 'base64').toString('utf8') },
  { name: 'base64 URL-encoded', encode: (s, a, b, c) => urlEncode(b64(a + s + b, false), c), decode: (t) => Buffer.from(decodeURIComponent(t.replace(/%(?![0-9a-fA-F]{2})/g, '%25')), 'base64').toString('utf8') },
];

describe('scrubbing secrets', () => {
  for (const echo of echoes) {
    it(`removes a random token echoed ${echo.name}`, () => {
      fc.assert(
        fc.property(token, around, around, fc.array(fc.nat(100), { minLength: 1, maxLength: 16 }), (secret, before, after, choices) => {
          const text = echo.encode(secret, before, after, choices);
          const out = scrubSecrets(text, [secret]);
          expect(out).not.toContain(secret);
          expect(echo.decode(out)).not.toContain(secret);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('removes every secret given, in any mix of representations, and keeps the text around them', () => {
    fc.assert(
      fc.property(token, token, around, (a, b, middle) => {
        const text = `x${a}${middle}${jsonEscape(b, [0, 1, 2])}${middle}${urlEncode(a, [1])}`;
        const out = scrubSecrets(text, [a, b]);
        for (const s of [a, b]) for (const echo of echoes.slice(0, 4)) expect(echo.name === 'raw' ? out : out.replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))).not.toContain(s);
        expect(out.startsWith('x***')).toBe(true);
        expect(out).toContain(middle);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves text that holds no secret as it is', () => {
    fc.assert(
      fc.property(token, around, (secret, text) => {
        expect(scrubSecrets(text, [secret])).toBe(text);
      }),
    );
  });

  it('replaces a raw echo with *** and nothing else', () => {
    expect(scrubSecrets('bad token: tok/abc+def=', ['tok/abc+def='])).toBe('bad token: ***');
    expect(scrubSecrets('{"apptoken":"tok\\/abc+def="}', ['tok/abc+def='])).toBe('{"apptoken":"***"}');
  });
});
