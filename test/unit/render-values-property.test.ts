/** Property: values are data. Any string passed as a value comes out literally (escaped with autoescape on), never compiled. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#039;');
const twigish = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom('{{', '}}', '{%', '%}', '{#', '#}', ' 7*7 ', 'if x', 'endif', '<b>', '&', '"', "'", '-', '~', '#{x}', 'é', '😀', '\n'), { maxLength: 12 }).map((a) => a.join('')),
);

describe('values are data, never templates', () => {
  const plain = compileTemplate('[{{ v }}]', { autoescape: false });
  const escaped = compileTemplate('[{{ v }}]', { autoescape: true });
  const nested = compileTemplate('{% for x in list %}{{ x }}|{% endfor %}{{ user.name }}', { autoescape: false });

  it('prints any string value literally with autoescape off', () => {
    fc.assert(
      fc.property(twigish, (s) => {
        expect(plain.render({ v: s }).output).toBe(`[${s}]`);
      }),
      { numRuns: 500 },
    );
  });
  it('prints any string value html-escaped with autoescape on', () => {
    fc.assert(
      fc.property(twigish, (s) => {
        expect(escaped.render({ v: s }).output).toBe(`[${escapeHtml(s)}]`);
      }),
      { numRuns: 500 },
    );
  });
  it('prints strings inside lists and maps literally', () => {
    fc.assert(
      fc.property(fc.array(twigish, { maxLength: 4 }), twigish, (list, name) => {
        expect(nested.render({ list, user: { name } }).output).toBe(list.map((x) => `${x}|`).join('') + name);
      }),
      { numRuns: 300 },
    );
  });
  it('never prints "undefined" or "null" for missing or null values', () => {
    const t = compileTemplate('{{ a }}{{ a.b.c }}{{ n }}{{ l[5] }}{{ m.x|upper }}', { autoescape: true });
    expect(t.render({ n: null, l: [], m: {} }).output).toBe('');
  });
});
