/**
 * JSON rows' fast path (shared/targets/json-rows-fast.ts) reads an array of objects of strings with
 * the engine's JSON.parse: whichever path reads a text, the table (columns, rows, row lines) and the
 * diagnostics are the same.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonRows, parseJsonRowsLocated } from '../../shared/targets/json-rows';
import { cleanJsonRows } from '../../shared/targets/json-rows-fast';

const fixtures = join(__dirname, '../fixtures/targets');
const same = (text: string) => expect(parseJsonRows(text, { file: 'rows.json' })).toEqual(parseJsonRowsLocated(text, { file: 'rows.json' }));

describe('JSON rows fast path', () => {
  it('reads rows over several lines to the same table, each row at the line its object starts on', () => {
    const text = '[\n  {"user_id": "u1", "code": "A"},\n  {"code": "B", "user_id": "u2", "city": "Cork"},\n\n  {"user_id": "u\\n3"}\n]\n';
    const t = cleanJsonRows(text);
    expect(t?.rowLines).toEqual([2, 3, 5]);
    expect(t?.columns).toEqual(['user_id', 'code', 'city']);
    expect(t?.rows).toEqual([
      ['u1', 'A', ''],
      ['u2', 'B', 'Cork'],
      ['u\n3', '', ''],
    ]);
    same(text);
  });

  it('leaves to the located reader every text it has something to say about, or whose literal text matters', () => {
    const declined = {
      'a number (its literal text is kept)': '[{"id":"a","n":1.50}]',
      'a null': '[{"id":"a","n":null}]',
      'a nested value': '[{"id":"a","n":{"x":"1"}}]',
      'a key twice in a row': '[{"id":"a","id":"b"}]',
      'an index-like key (written order lost by JSON.parse)': '[{"b":"x","1":"y"}]',
      'an item that is not an object': '[{"id":"a"},"b"]',
      'an array of ids': '["a","b"]',
      'an empty array': '[]',
      'an object wrapping the rows': '{"users":[{"id":"a"}]}',
      'a syntax error': '[{"id":"a"},]',
      'a byte order mark': '\ufeff[{"id":"a"}]',
      'nesting past the limit': `[{"id":"a"},${'['.repeat(101)}${']'.repeat(101)}]`,
    };
    for (const [name, text] of Object.entries(declined)) {
      expect(cleanJsonRows(text), name).toBeUndefined();
      expect(parseJsonRows(text), name).toEqual(parseJsonRowsLocated(text));
    }
  });

  it('reads every JSON import fixture to the same table as the located reader', () => {
    for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.json'))) same(readFileSync(join(fixtures, f), 'utf8'));
  });

  it('on random rows, whichever path reads them gives the same table', () => {
    const key = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom('__proto__', 'constructor', 'user_id', '1', '01'));
    const value = fc.oneof({ weight: 8, arbitrary: fc.string({ maxLength: 6 }) }, fc.integer(), fc.constant(null), fc.boolean());
    let clean = 0;
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 4 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (rows, pretty) => {
        const text = JSON.stringify(rows, null, pretty ? 2 : undefined);
        if (cleanJsonRows(text)) clean++;
        same(text);
      }),
      { numRuns: 500 },
    );
    expect(clean).toBeGreaterThan(25);
  });
});
