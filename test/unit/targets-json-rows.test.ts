import { describe, expect, test } from 'vitest';
import { parseJsonRows } from '../../shared/targets';
import { codes, fixtureText, withCode } from '../fixtures/targets/helpers';

describe('parseJsonRows', () => {
  test('columns are the union of keys in first-seen order; missing keys are empty cells', () => {
    const t = parseJsonRows('[{"user_id":"u1","a":"x"},{"b":"y","user_id":"u2"}]');
    expect(t.columns).toEqual(['user_id', 'a', 'b']);
    expect(t.rows).toEqual([
      ['u1', 'x', ''],
      ['u2', '', 'y'],
    ]);
    expect(t.diagnostics).toEqual([]);
    expect(t.format).toBe('json');
  });

  test('a syntax error names line 3 and column 20', () => {
    const t = parseJsonRows(fixtureText('bad-syntax.json'), { file: 'bad-syntax.json' });
    expect(t.diagnostics).toHaveLength(1);
    expect(t.diagnostics[0]).toMatchObject({ code: 'syntax', severity: 'error', line: 3, column: 20, file: 'bad-syntax.json' });
    expect(t.diagnostics[0]?.message).toContain('Expected "," or "}" after the value of "user_id"');
  });

  test('numbers keep their literal text: 12345678901234567890 and 1e5 are not rounded or expanded', () => {
    const t = parseJsonRows(fixtureText('numeric-ids.json'));
    expect(t.rows.map((r) => r[0])).toEqual(['123', '12345678901234567890', '1e5']);
    expect(t.columnTypes).toEqual({ user_id: 'number' });
    expect(t.rowLines).toEqual([2, 3, 4]);
  });

  test('an array of ids becomes one id column; number ids are flagged with their position', () => {
    const t = parseJsonRows(fixtureText('id-list.json'));
    expect(t.columns).toEqual(['id']);
    expect(t.rows).toEqual([['00123'], ['100000'], ['u3']]);
    const d = withCode(t.diagnostics, 'id-not-string');
    expect(d[0]).toMatchObject({ severity: 'warning', path: '[1]', line: 1 });
    expect(d[0]?.message).toContain('[1] 100000');
  });

  test('nested values become JSON text in a json-typed column', () => {
    const t = parseJsonRows(fixtureText('rows.json'));
    expect(t.columns).toEqual(['user_id', 'promo_code', 'amount', 'vip', 'extra']);
    expect(t.rows[0]).toEqual(['u1', 'PLAY50X', '5', 'true', '{"tier":"gold"}']);
    expect(t.columnTypes).toEqual({ amount: 'number', vip: 'boolean', extra: 'json' });
  });

  test('a column mixing strings and numbers stays text, with a warning', () => {
    const t = parseJsonRows('[{"id":"a","n":1},{"id":"b","n":"two"}]');
    expect(t.rows).toEqual([
      ['a', '1'],
      ['b', 'two'],
    ]);
    expect(codes(t.diagnostics)).toEqual(['mixed-types']);
    expect(t.columnTypes).toBeUndefined();
  });

  test('items that are not objects are errors with their line; the rest is kept', () => {
    const t = parseJsonRows('[\n{"id":"a"},\n"b",\n[1]\n]');
    expect(t.rows).toEqual([['a']]);
    expect(withCode(t.diagnostics, 'not-object').map((d) => d.line)).toEqual([3, 4]);
  });

  test('a wrapper object with one array property is unwrapped', () => {
    const t = parseJsonRows('{"users":[{"id":"a"}]}');
    expect(t.rows).toEqual([['a']]);
    expect(codes(t.diagnostics, 'info')).toEqual(['unwrapped']);
  });

  test('an execute body pasted as rows is refused with a hint', () => {
    const t = parseJsonRows('{"target":["a"],"target_with_params":{}}');
    expect(t.diagnostics[0]?.message).toMatch(/Campaign Execute body/);
  });

  test('a duplicated key in an item is a warning and the last value wins', () => {
    const t = parseJsonRows('[{"id":"a","c":"1","c":"2"}]');
    expect(t.rows).toEqual([['a', '2']]);
    expect(codes(t.diagnostics)).toEqual(['duplicate-key']);
  });

  test.each([
    ['', /empty/],
    ['[1, 2,]', /Trailing comma/],
    ["[{'id': 'a'}]", /double quotes/],
    ['[{"id": 00123}]', /leading zeros/],
    ['[{"id": "a\nb"}]', /raw line break/],
    ['[{"id": "a"}] x', /after the end/],
    ['['.repeat(1000), /nested more than/],
  ])('%j is a located syntax error', (text, message) => {
    const t = parseJsonRows(text);
    expect(t.diagnostics[0]?.code).toBe('syntax');
    expect(t.diagnostics[0]?.message).toMatch(message);
    expect(t.diagnostics[0]?.line).toBeGreaterThan(0);
  });
});
