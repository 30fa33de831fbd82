import { describe, expect, test } from 'vitest';
import { buildTargets, decodeText, defaultMapping, parseJsonRows, parseTable } from '../../shared/targets';
import type { RowsDiagnostic } from '../../shared/targets';
import { codes, fixtureBytes, fixtureText, withCode } from '../fixtures/targets/helpers';
import { toRecord } from '../../shared/campaign/per-user';

const load = (name: string) => parseTable(decodeText(fixtureBytes(name)).text, { file: name });

describe('defaultMapping', () => {
  test('the id column is the one named like target_by, wherever it is', () => {
    const r = defaultMapping(['promo_code', 'User ID', 'amount'], 'user_id');
    expect(r.mapping).toEqual({ idColumn: 'User ID', paramColumns: ['promo_code', 'amount'] });
    expect(r.diagnostics).toEqual([]);
  });

  test('without a matching column the first column holds the ids', () => {
    expect(defaultMapping(['customer', 'promo_code'], 'email').mapping).toEqual({ idColumn: 'customer', paramColumns: ['promo_code'] });
  });

  test('an explicitly named id column is used', () => {
    expect(defaultMapping(['a', 'b', 'c'], 'user_id', 'b').mapping).toEqual({ idColumn: 'b', paramColumns: ['a', 'c'] });
  });

  test('an explicitly named id column that does not exist is an error listing the columns', () => {
    const r = defaultMapping(['a', 'b'], undefined, 'user_id');
    expect(r.diagnostics[0]).toMatchObject({ code: 'missing-column', severity: 'error', column: 'user_id' });
    expect(r.diagnostics[0]?.message).toContain('"a" and "b"');
  });

  test('a JSON table passes its number/boolean/json column types into the mapping', () => {
    const t = parseJsonRows(fixtureText('rows.json'));
    expect(defaultMapping(t, 'user_id').mapping.types).toEqual({ amount: 'number', vip: 'boolean', extra: 'json' });
  });
});

describe('buildTargets', () => {
  test('string cells become per-user params; ids keep 00123, 1e5 and +353… exactly', () => {
    const t = load('ids-preserved.csv');
    const r = buildTargets(t, { idColumn: 'user_id', paramColumns: ['balance'] });
    expect(r.target).toEqual(['00123', '1e5', '+353850123456', '0x1F', '007']);
    expect(toRecord(r.targetWithParams)['00123']).toEqual({ balance: '10' });
    expect(toRecord(r.targetWithParams)['1e5']).toEqual({ balance: '20' });
  });

  test('spaces around an id are removed with one warning naming the row', () => {
    const r = buildTargets(load('ids-preserved.csv'), { idColumn: 'user_id', paramColumns: [] });
    const d = withCode(r.diagnostics, 'id-whitespace');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', row: 6 });
  });

  test('a duplicate id keeps the first row and reports rows 4 and 6 in one warning', () => {
    const t = load('duplicate-ids.csv');
    const r = buildTargets(t, { idColumn: 'user_id', paramColumns: ['promo_code'] }, { file: 'duplicate-ids.csv' });
    expect(r.target).toEqual(['u1', 'u2', 'u3']);
    expect(toRecord(r.targetWithParams).u1).toEqual({ promo_code: 'A' });
    const d = withCode(r.diagnostics, 'duplicate-id') as RowsDiagnostic[];
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', target: 'u1', row: 4, rows: [4, 6], file: 'duplicate-ids.csv' });
    expect(d[0]?.message).toBe('Id "u1" appears 3 times (row 2, row 4 and row 6): row 2 is used and row 4 and row 6 are ignored.');
  });

  test('an empty id is an error naming row 3; a fully empty row is skipped quietly', () => {
    const r = buildTargets(load('empty-ids.csv'), { idColumn: 'user_id', paramColumns: ['promo_code'] });
    expect(r.target).toEqual(['u1', 'u3']);
    const d = withCode(r.diagnostics, 'empty-id');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', row: 3, column: 'user_id' });
    expect(codes(r.diagnostics, 'info')).toEqual(['blank-rows']);
  });

  test('an empty cell gives that user no value, so the global param applies', () => {
    const t = parseTable('user_id,promo_code,amount\nu1,A,\nu2,,5\n');
    const r = buildTargets(t, { idColumn: 'user_id', paramColumns: ['promo_code', 'amount'] });
    expect(toRecord(r.targetWithParams)).toEqual({ u1: { promo_code: 'A' }, u2: { amount: '5' } });
  });

  test('with emptyMeansEmpty an empty cell sends an empty value', () => {
    const t = parseTable('user_id,promo_code,amount\nu1,A,\nu2,,5\n');
    const r = buildTargets(t, { idColumn: 'user_id', paramColumns: ['promo_code', 'amount'], emptyMeansEmpty: true });
    expect(toRecord(r.targetWithParams)).toEqual({ u1: { promo_code: 'A', amount: '' }, u2: { promo_code: '', amount: '5' } });
  });

  test('a user with no values gets no target_with_params entry', () => {
    const r = buildTargets(parseTable('user_id,code\nu1,\nu2,B\n'), { idColumn: 'user_id', paramColumns: ['code'] });
    expect(r.target).toEqual(['u1', 'u2']);
    expect(Object.keys(toRecord(r.targetWithParams))).toEqual(['u2']);
  });

  test('typed columns convert; a bad number is an error at its row and column with the text', () => {
    const t = parseTable('user_id,amount,vip,meta\nu1,5,yes,{"a":1}\nu2,"12,5",no,[1]\nu3,1e3,maybe,{bad\n');
    const r = buildTargets(t, { idColumn: 'user_id', paramColumns: ['amount', 'vip', 'meta'], types: { amount: 'number', vip: 'boolean', meta: 'json' } });
    expect(toRecord(r.targetWithParams).u1).toEqual({ amount: 5, vip: true, meta: { a: 1 } });
    expect(toRecord(r.targetWithParams).u2).toEqual({ vip: false, meta: [1] });
    expect(toRecord(r.targetWithParams).u3).toEqual({ amount: 1000 });
    const bad = withCode(r.diagnostics, 'bad-value');
    expect(bad.map((d) => [d.row, d.column])).toEqual([
      [3, 'amount'],
      [4, 'vip'],
      [4, 'meta'],
    ]);
    expect(bad[0]?.message).toContain('"12,5" is not a number (use a dot as the decimal separator)');
    expect(bad[0]?.severity).toBe('error');
  });

  test('a mapped column that does not exist is an error', () => {
    const r = buildTargets(parseTable('user_id\nu1\n'), { idColumn: 'user_id', paramColumns: ['nope'] });
    expect(withCode(r.diagnostics, 'missing-column')[0]).toMatchObject({ severity: 'error', column: 'nope' });
    expect(r.target).toEqual(['u1']);
  });

  test('an id column whose name is duplicated is ambiguous', () => {
    const r = buildTargets(load('duplicate-columns.csv'), { idColumn: 'code', paramColumns: [] });
    expect(codes(r.diagnostics)).toEqual(['ambiguous-column']);
    expect(r.target).toEqual([]);
  });

  test('ids and columns named __proto__ or constructor are ordinary data', () => {
    const t = parseTable('user_id,__proto__,constructor\n__proto__,x,y\nconstructor,z,w\n');
    const r = buildTargets(t, { idColumn: 'user_id', paramColumns: ['__proto__', 'constructor'] });
    expect(r.target).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(toRecord(r.targetWithParams))).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(toRecord(r.targetWithParams))).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(toRecord(r.targetWithParams), '__proto__')?.value).toEqual(JSON.parse('{"__proto__":"x","constructor":"y"}'));
  });

  test('per-user param objects are plain objects', () => {
    const r = buildTargets(parseTable('user_id,code\nu1,A\n'), { idColumn: 'user_id', paramColumns: ['code'] });
    expect(Object.getPrototypeOf(toRecord(r.targetWithParams).u1)).toBe(Object.prototype);
    expect(toRecord(r.targetWithParams).u1?.constructor).toBe(Object);
    expect(JSON.stringify(toRecord(r.targetWithParams))).toBe('{"u1":{"code":"A"}}');
  });

  test('JSON number ids are used as their literal text with a warning', () => {
    const t = parseJsonRows(fixtureText('numeric-ids.json'));
    const m = defaultMapping(t, 'user_id').mapping;
    const r = buildTargets(t, m);
    expect(r.target).toEqual(['123', '12345678901234567890', '1e5']);
    expect(codes(r.diagnostics, 'warning')).toContain('id-not-string');
  });

  test('JSON rows give back numbers, booleans and nested values through their column types', () => {
    const t = parseJsonRows(fixtureText('rows.json'));
    const r = buildTargets(t, defaultMapping(t, 'user_id').mapping);
    expect(toRecord(r.targetWithParams)).toEqual({
      u1: { promo_code: 'PLAY50X', amount: 5, vip: true, extra: { tier: 'gold' } },
      u2: { promo_code: 'PLAY75Y', amount: 7.5, vip: false },
      u3: { promo_code: 'PLAY100Z', amount: 10, vip: true, extra: null },
    });
    expect(r.diagnostics).toEqual([]);
  });

  test('duplicate ids in JSON rows are located by item and line', () => {
    const t = parseJsonRows('[\n{"id":"a"},\n{"id":"a"}\n]');
    const d = withCode(buildTargets(t, { idColumn: 'id', paramColumns: [] }).diagnostics, 'duplicate-id')[0];
    expect(d).toMatchObject({ path: '[1]', line: 3 });
  });

  test('with target_by email, invalid addresses are listed by row', () => {
    const t = load('emails.csv');
    const r = buildTargets(t, defaultMapping(t, 'email').mapping, { targetBy: 'email' });
    const d = withCode(r.diagnostics, 'invalid-email') as RowsDiagnostic[];
    expect(d).toHaveLength(1);
    expect(d[0]?.rows).toEqual([3, 4]);
    expect(d[0]?.message).toContain('row 3 ("bob@example") and row 4 ("not-an-email")');
  });
});
