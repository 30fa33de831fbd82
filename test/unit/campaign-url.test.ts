import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isAbsoluteHttpUrl, urlHostname } from '../../shared/campaign/url';
import { hasTwigResidue } from '../../shared/campaign/render';

// Both answers are cached by scheme + authority; the uncached definitions are the oracles.
const hostnameOf = (s: string) => {
  try {
    return new URL(s).hostname;
  } catch {
    return undefined;
  }
};
const wasAbsoluteHttpUrl = (s: string) => {
  if (!/^https?:\/\//i.test(s)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0 && !/\s/.test(s);
  } catch {
    return false;
  }
};
const urlish = fc
  .tuple(
    fc.constantFrom('http://', 'https://', 'HTTPS://', 'http:///', 'http:\\\\', 'ftp://', 'mailto:', '', '//'),
    fc.array(fc.constantFrom('a', 'b.com', 'xn--a', '.', '-', '1', '999', ':', '80', '99999', '@', 'user', '%41', ' ', '\t', '[::1]', 'é', '_'), { maxLength: 8 }),
    fc.array(fc.constantFrom('/', '\\', '?', '#', 'x', '=', '&', ' ', '{{', '%7B', 'é', '/..'), { maxLength: 8 }),
  )
  .map(([scheme, host, rest]) => scheme + host.join('') + rest.join(''));

describe('rendered URLs', () => {
  it('the hostname is the one new URL gives, for any URL-like text (cached by authority)', () => {
    fc.assert(
      fc.property(urlish, (s) => {
        expect(urlHostname(s)).toBe(hostnameOf(s));
        expect(urlHostname(s)).toBe(hostnameOf(s)); // and again, from the cache
      }),
      { numRuns: 5000 },
    );
  });

  it('an absolute http(s) URL needs a host and no whitespace', () => {
    fc.assert(
      fc.property(urlish, (s) => {
        expect(isAbsoluteHttpUrl(s)).toBe(wasAbsoluteHttpUrl(s));
      }),
      { numRuns: 5000 },
    );
    expect(isAbsoluteHttpUrl('https://www.brand.com/promo?c=CODE1')).toBe(true);
    expect(isAbsoluteHttpUrl('https://www.brand.com:99999/promo')).toBe(false);
    expect(isAbsoluteHttpUrl('http:///promo')).toBe(true); // the parser skips the extra slash: host "promo"
  });

  it('Twig residue is a "{{", "{%" or "{#" anywhere in the output', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('{', '}', '%', '#', 'x', '{{', ' '), { maxLength: 20 }).map((a) => a.join('')),
        (s) => {
          expect(hasTwigResidue(s)).toBe(/\{\{|\{%|\{#/.test(s));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
