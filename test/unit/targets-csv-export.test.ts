import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseTable, toCsv } from '../../shared/targets';

// Cells built from the characters that break CSV: every delimiter, quotes, CR, LF, BOM, spaces.
const nasty = fc.constantFrom(',', ';', '\t', '|', '"', '\r', '\n', ' ', 'a', 'Z', '0', 'é', '€', '\ufeff', '=', "'", '\\');
const cell = fc.oneof(fc.string({ unit: nasty, maxLength: 8 }), fc.string({ maxLength: 6 }), fc.constant(''));
const columnName = fc.string({ unit: nasty, minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '' && !s.startsWith('\ufeff'));

const table = fc.uniqueArray(columnName, { minLength: 1, maxLength: 5 }).chain((columns) => fc.record({ columns: fc.constant(columns), rows: fc.array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), { maxLength: 8 }) }));

describe('toCsv', () => {
  test('quotes only what needs it and ends records with CRLF', () => {
    expect(
      toCsv(
        ['user_id', 'note'],
        [
          ['u1', 'a,b'],
          ['u2', 'say "hi"'],
        ],
      ),
    ).toBe('user_id,note\r\nu1,"a,b"\r\nu2,"say ""hi"""\r\n');
  });

  test('ids keep leading zeros and plus signs as text', () => {
    expect(toCsv(['id'], [['00123'], ['+353850123456']])).toBe('id\r\n00123\r\n+353850123456\r\n');
  });

  test('an empty cell in a one-column table is written as "" so it is not a blank line', () => {
    expect(parseTable(toCsv(['id'], [['a'], [''], ['b']])).rows).toEqual([['a'], [''], ['b']]);
  });

  test('property: parseTable(toCsv(x)) gives back x exactly, for every delimiter and line ending', () => {
    fc.assert(
      fc.property(table, fc.constantFrom<',' | ';' | '\t' | '|'>(',', ';', '\t', '|'), fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'), (t, delimiter, newline) => {
        const text = toCsv(t.columns, t.rows, { delimiter, newline });
        const back = parseTable(text);
        expect(back.delimiter === delimiter || t.columns.length === 1).toBe(true);
        expect(back.columns).toEqual(t.columns);
        expect(back.rows).toEqual(t.rows);
        expect(back.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });
});
