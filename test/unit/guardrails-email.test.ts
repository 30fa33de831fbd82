import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkEmail, GMAIL_CLIP_BYTES, placeholderLinkReason, scanHtml, unrenderedLinkReason } from '../../shared/guardrails';
import { attributes, utf8Length } from '../../shared/guardrails/email';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

describe('email guardrails', () => {
  it('a tidy email with alt texts, real links and a text part has no findings', () => {
    const html = '<p>Hi</p><a href="https://shop.test-brand.ie/orders/42?utm=x">Order</a><img src="https://cdn.brand.ie/a.png" alt="">';
    expect(checkEmail({ subject: 'Your order is on its way', preheader: 'Track it in real time and see what is inside the box today', html, text: 'Hi' })).toEqual([]);
  });

  it('HTML over 102 KB is flagged because Gmail clips it', () => {
    const html = `<p>${'x'.repeat(GMAIL_CLIP_BYTES)}</p>`;
    expect(codes(checkEmail({ subject: 's', html, text: 't' }))).toContain('email-html-size');
    expect(codes(checkEmail({ subject: 's', html: '<p>x</p>', text: 't' }))).not.toContain('email-html-size');
  });

  it('an image without alt text is flagged, one with alt="" is not', () => {
    const f = checkEmail({ subject: 's', html: '<img src="a.png"><img src="b.png" alt="">', text: 't' });
    expect(f.filter((x) => x.code === 'email-image-alt')).toHaveLength(1);
    expect(f[0]!.message).toContain('a.png');
  });

  it('a missing plain-text part is flagged', () => {
    expect(codes(checkEmail({ subject: 's', html: '<p>x</p>' }))).toContain('email-missing-text');
  });

  it('placeholder and test links are flagged: example.com, localhost and a bare #', () => {
    expect(placeholderLinkReason('https://example.com/x')).toMatch(/test host/);
    expect(placeholderLinkReason('http://localhost:3000/')).toMatch(/localhost/);
    expect(placeholderLinkReason('#')).toMatch(/#/);
    expect(placeholderLinkReason('https://brand.ie/')).toBeUndefined();
    const f = checkEmail({ subject: 's', html: '<a href="#">a</a><a href="https://www.example.com">b</a>', text: 't' });
    expect(f.filter((x) => x.code === 'email-placeholder-link')).toHaveLength(2);
  });

  it('a link whose URL still holds an unrendered or empty value is flagged', () => {
    expect(unrenderedLinkReason('https://brand.ie/p?code=')).toMatch(/empty value for "code"/);
    expect(unrenderedLinkReason('https://brand.ie/{{ id }}')).toMatch(/Twig/);
    expect(unrenderedLinkReason('')).toMatch(/empty/);
    expect(unrenderedLinkReason('https://brand.ie/orders//items')).toMatch(/empty path segment/);
    expect(unrenderedLinkReason('https://brand.ie/p?code=A1&x=2')).toBeUndefined();
  });

  it('subject and preheader lengths are checked', () => {
    const f = checkEmail({ subject: 'S'.repeat(61), preheader: 'short', html: '', text: '' });
    expect(codes(f)).toEqual(['email-subject-length', 'email-preheader-length']);
  });

  it('scanHtml reads quoted, single-quoted and bare attributes', () => {
    expect(scanHtml(`<a href='x'>1</a><A HREF=y>2</A><img alt="a" src="i.png">`)).toEqual({ links: ['x', 'y'], images: [{ src: 'i.png', alt: 'a' }] });
  });
});

// The scan runs for every user of a full scan, so it is hand-written; the regular expression it
// replaced (and TextEncoder, for the size) are the oracles here.
describe('email scanning matches its simple definitions', () => {
  const TAG = /<(img|a)\b([^>]*)>/gi;
  const oracle = (html: string) => {
    const links: string[] = [];
    const images: { src: string; alt: string | undefined }[] = [];
    for (const m of html.matchAll(TAG)) {
      const attrs = attributes(m[2] ?? '');
      if (m[1]!.toLowerCase() === 'a') {
        if (attrs.has('href')) links.push(attrs.get('href') ?? '');
      } else images.push({ src: attrs.get('src') ?? '', alt: attrs.get('alt') });
    }
    return { links, images };
  };
  const pieces = fc.constantFrom('<a', '<A', '<a ', '<img', '<IMG ', '<imgx', '<abbr', '<a_', '<a1', '<i', '<im', '>', ' ', 'href="https://x.ie/a"', "href='y'", 'href=z', 'src="p.png"', 'alt=""', 'ALT=x', '&amp;', '"', 'x', '\n', '<b>', '</a>', 'é', '😀');

  it('links and images are those of /<(img|a)\\b([^>]*)>/gi, tag by tag', () => {
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 40 }).map((a) => a.join('')),
        (html) => {
          expect(scanHtml(html)).toEqual(oracle(html));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('an unclosed tag ends the scan, as the pattern finds nothing after it', () => {
    expect(scanHtml('<a href="x">ok</a><img src="y" <a href="z"')).toEqual({ links: ['x'], images: [] });
  });

  it('the UTF-8 size is what TextEncoder counts, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '€', '😀', '\ud83d', '\ude00', '中') }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('an email just under 102 KB of UTF-8 passes and one byte more is flagged, whatever its length in characters', () => {
    const under = 'é'.repeat(GMAIL_CLIP_BYTES / 2);
    expect(codes(checkEmail({ html: under, text: 'x' }))).not.toContain('email-html-size');
    expect(codes(checkEmail({ html: under + 'a', text: 'x' }))).toContain('email-html-size');
  });
});
