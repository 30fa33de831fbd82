// The link checks remember their verdicts by verdictKey (shared/guardrails/url-verdict.ts): a URL
// with its query values' word runs folded. These tests hold the folded URL's reasons and findings
// equal to the URL's own, over URL templates built to trip the folding and values of every kind, and
// the remembered checks (checkEmail, checkLinks) to the plain ones.
import { describe, expect, it } from 'vitest';
import { checkEmail, checkLinks, placeholderLinkReason, unrenderedLinkReason } from '../../shared/guardrails';
import { plainUrlVerdicts } from '../../shared/guardrails/links';
import { verdictKey } from '../../shared/guardrails/url-verdict';
import { emailUrls } from '../../shared/guardrails/compat';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PREFIXES = [
  'https://news.brand.com/u?id=',
  'http://x.brand.com/?utm_source=',
  'https://www.brand.com/promo?c=',
  'https://a.example.com/p?x=',
  'https://h//a?x=',
  'https://h/a//b?x=',
  'https://localhost?x=',
  'https://a.b/?=',
  'https://a.b/?x=1&utm_source=a&utm_source=',
  'https://a.b/?utm_medium=',
  'https://a.b/?x={{',
  'https://a.b/?x=%',
  'https://a.b/?x=%7B%7',
  'https://a.b/#f?x=',
  'https://a.b/?x=1#frag=',
  'https://a.b/?x==',
  'https://a.b?',
  'https://bad_host/?x=',
  'https://nodot?x=',
  'HTTP:foo?x=',
  '//a.b/?x=',
  'mailto:a@b.co?subject=',
  'mailto:?body=',
  'mailto:a@b.co?subject=%E2%82%',
  'mailto:a@b.co?bogus=',
  'tel:+123456?x=',
  'sms:+123;x?body=',
  'javascript:x?y=',
  '#?x=',
  '?a=',
  'relative/page?x=',
  ' https://a.b/?x=',
  'ftp://a.b/?x=',
];
const SUFFIXES = ['', '&utm_source=b', '&x=', '#top', '&utm_campaign=c&y=1', '//', ' ', '\n', '%41', 'b=c'];
const PIECES = ['a', 'user_1', 'CODE123', '0', '41', '7B', 'E2', 'zz', '', '%', '%41', '%4', '=', '&', '#', '/', '{', '}', '{{', ' ', '\t', 'é', '😀', '.', '-', '+', '?', '%7B%7B', 'utm_source'];

function value(r: () => number): string {
  let v = '';
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) v += PIECES[Math.floor(r() * PIECES.length)]!;
  return v;
}

const urls: string[] = [];
{
  const r = rng(13);
  for (const p of PREFIXES) for (const s of SUFFIXES) for (let i = 0; i < 12; i++) urls.push(p + value(r) + s + (r() < 0.3 ? value(r) : ''));
}

describe('verdictKey', () => {
  it('folds the word runs of query values and nothing else', () => {
    expect(verdictKey('https://news.brand.com/u?id=user_123')).toBe('https://news.brand.com/u?id=a');
    expect(verdictKey('https://a.b/p_1?utm_source=x1&k=%41bc&e=#f_2')).toBe('https://a.b/p_1?utm_source=a&k=%41bc&e=#f_2');
    expect(verdictKey('https://a.b/?x=a.b-c')).toBe('https://a.b/?x=a.a-a');
    const same = 'https://a.b/path';
    expect(verdictKey(same)).toBe(same);
  });

  it('gives the reasons of the URL itself', () => {
    for (const url of urls) {
      const key = verdictKey(url);
      expect([placeholderLinkReason(key), unrenderedLinkReason(key)], url).toEqual([placeholderLinkReason(url), unrenderedLinkReason(url)]);
      for (const kind of ['link', 'image'] as const) for (const https of [false, true]) for (const expected of [[], ['utm_source', 'utm_campaign']]) expect(plainUrlVerdicts(kind, key, https, expected), `${kind} ${url}`).toEqual(plainUrlVerdicts(kind, url, https, expected));
    }
  });

  it('leaves checkEmail and checkLinks as the plain checks', () => {
    const r = rng(7);
    for (let i = 0; i < 400; i++) {
      const picked = Array.from({ length: 1 + Math.floor(r() * 3) }, () => urls[Math.floor(r() * urls.length)]!);
      const html = picked.map((u, k) => (k % 2 ? `<img src="${u.replace(/"/g, '&quot;')}" alt="">` : `<a href="${u.replace(/"/g, '&quot;')}">x</a>`)).join('\n');
      const where = { node: 'email', target: `user_${i}` };
      const fields = { html, text: 'x', subject: 's' };
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      const seen = new Set<string>();
      const plainEmail: unknown[] = [];
      for (const href of links) {
        if (seen.has(href)) continue;
        seen.add(href);
        const p = placeholderLinkReason(href);
        if (p) plainEmail.push({ code: 'email-placeholder-link', ...where, field: 'html', message: `link "${href}" is ${p}` });
        const u = unrenderedLinkReason(href);
        if (u) plainEmail.push({ code: 'email-link-unrendered', ...where, field: 'html', message: `link "${href || '(empty)'}" has ${u}` });
      }
      expect(checkEmail(fields, where).filter((f) => f.code === 'email-placeholder-link' || f.code === 'email-link-unrendered')).toEqual(plainEmail);
      const urlsOf = emailUrls(html);
      const https = urlsOf.some((u) => /^https:/i.test(u.url.trim()));
      const plainLinks: unknown[] = [];
      const done = new Set<string>();
      for (const u of urlsOf) {
        if (done.has(`${u.kind} ${u.url}`)) continue;
        done.add(`${u.kind} ${u.url}`);
        const clipped = u.url.length > 120 ? `${u.url.slice(0, 119)}…` : u.url;
        for (const f of plainUrlVerdicts(u.kind, u.url, https, ['utm_source'])) plainLinks.push({ code: f.code, ...where, field: 'html', line: u.line, message: `${u.kind} "${clipped}" (line ${u.line}) ${f.tail}` });
      }
      // Twice: the second run is answered from the memo.
      expect(checkLinks(html, where, { trackingParams: ['utm_source'] })).toEqual(plainLinks);
      expect(checkLinks(html, where, { trackingParams: ['utm_source'] })).toEqual(plainLinks);
    }
  });
});
