/**
 * The tag scanners of the email checks (shared/guardrails/compat/markup.ts scanAttributes and
 * parseTag) against the patterns they replaced, which stay here as the oracle: on random tag
 * insides and pieces made of the characters that matter (quotes, `=`, `/`, `>`, every kind of
 * JavaScript whitespace, entities), both attribute dialects find the same attributes with the same
 * values in the same order, and a piece parses to the same tag.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeAttribute, newlines, parseAttributes, parseTag, scanAttributes, type AttributeDialect, type Tag } from '../../shared/guardrails/compat/markup';
import { attributes } from '../../shared/guardrails/email';

const PATTERNS: Record<AttributeDialect, RegExp> = {
  tag: /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g,
  loose: /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
};

function byPattern(source: string, dialect: AttributeDialect): [string, string | undefined][] {
  return [...source.matchAll(PATTERNS[dialect])].map((m) => [m[1]!, m[2] ?? m[3] ?? m[4]]);
}

function byScanner(source: string, dialect: AttributeDialect): [string, string | undefined][] {
  const out: [string, string | undefined][] = [];
  scanAttributes(source, dialect, (name, raw) => out.push([name, raw]));
  return out;
}

const inside = fc
  .array(
    fc.constantFrom(
      'href',
      'SRC',
      'alt',
      'x',
      '=',
      ' = ',
      '"',
      "'",
      '"a b"',
      "'c'",
      '/',
      '>',
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u200a',
      '\u200b',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u205f',
      '\u3000',
      '\ufeff',
      '\v',
      '\f',
      '\r',
      '\u0085',
      '&amp;',
      '&quot;',
      'é',
      '😀',
      'https://a.com/?q=1&amp;r=2',
      '{{',
      '',
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

describe('scanAttributes', () => {
  for (const dialect of ['tag', 'loose'] as const) {
    it(`finds what the ${dialect} pattern finds, on random tag insides`, () => {
      fc.assert(
        fc.property(inside, (s) => {
          expect(byScanner(s, dialect)).toEqual(byPattern(s, dialect));
        }),
        { numRuns: 20_000 },
      );
    });
  }

  it('reads the tags an email has', () => {
    const s = ` href="https://a.com/?a=1&amp;b=2" target=_blank data-x='y' disabled title = "a > b"`;
    expect(parseAttributes(s)).toEqual([
      ['href', 'https://a.com/?a=1&b=2'],
      ['target', '_blank'],
      ['data-x', 'y'],
      ['disabled', undefined],
      ['title', 'a > b'],
    ]);
    expect([...attributes(' HREF=x href="https://b.com/?a&amp;b" alt').entries()]).toEqual([
      ['href', 'https://b.com/?a&b'],
      ['alt', undefined],
    ]);
  });

  it('an unclosed quote ends the attribute at its name in the tag dialect, and is part of the value in the loose one', () => {
    expect(byScanner('a="b c', 'tag')).toEqual([
      ['a', undefined],
      ['b', undefined],
      ['c', undefined],
    ]);
    expect(byScanner('a="b c', 'loose')).toEqual([
      ['a', '"b'],
      ['c', undefined],
    ]);
  });
});

/** parseTag as it was written with patterns (the start tag's part; comments, doctypes and end tags are unchanged). */
function parseTagByPattern(piece: string): Tag {
  if (piece.startsWith('<!--') || /^<!doctype/i.test(piece) || piece.startsWith('</')) return parseTag(piece);
  if (piece[0] !== '<' || !/^<[A-Za-z]/.test(piece)) return { kind: 'other', name: '', attrs: [] };
  const m = /^<([^\s/>]+)/.exec(piece)!;
  const name = m[1]!.toLowerCase();
  const startEnd = /^<[^\s/>]+(?:[^>"']|"[^"]*"|'[^']*'|["'])*>?/.exec(piece)![0];
  const attrs = byPattern(startEnd.slice(m[0].length).replace(/\/?>$/, ''), 'tag').map(([k, v]): [string, string | undefined] => [k.toLowerCase(), v === undefined ? undefined : decodeAttribute(v)]);
  if (startEnd.length < piece.length) {
    const rest = piece.slice(startEnd.length);
    const close = rest.search(new RegExp(`</${name}\\s*>$`, 'i'));
    return { kind: 'raw', name, attrs, content: close >= 0 ? rest.slice(0, close) : rest, contentLine: newlines(startEnd) };
  }
  return { kind: 'tag', name, attrs };
}

const piece = fc.tuple(fc.constantFrom('<a', '<img', '<style', '<Title', '<br', '<x-y', '<p', '<b', 'a', '<'), inside, fc.constantFrom('', '>', '/>', ' />', '>body</style>', '>a</title >', '>x<y')).map(([head, mid, tail]) => head + mid + tail);

describe('parseTag', () => {
  it('parses random pieces as the patterns did', () => {
    fc.assert(
      fc.property(piece, (p) => {
        expect(parseTag(p)).toEqual(parseTagByPattern(p));
      }),
      { numRuns: 20_000 },
    );
  });
});
