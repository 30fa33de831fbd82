import { describe, expect, test } from 'vitest';
import { buildTargets, executeBodyToTable, parseExecuteBody } from '../../shared/targets';
import { codes, fixtureText, withCode } from '../fixtures/targets/helpers';
import { toRecord } from '../../shared/campaign/per-user';

const PROMO_TWP = { user_1: { promo_code: 'PLAY50X' }, user_2: { promo_code: 'PLAY75Y' }, user_3: { promo_code: 'PLAY100Z' } };

describe('parseExecuteBody', () => {
  test('the promo journey body from the source document gives its targets, params and per-user params', () => {
    const r = parseExecuteBody(fixtureText('promo-journey-body.json'), { file: 'promo' });
    expect(r.body).toEqual({
      id: 'Campaign_ID',
      target_by: 'user_id',
      target: ['user_1', 'user_2', 'user_3'],
      params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool' },
      target_with_params: PROMO_TWP,
    });
    expect(codes(r.diagnostics, 'error')).toEqual([]);
  });

  test('a real app token is returned separately and never inside the body', () => {
    const r = parseExecuteBody('{"apptoken":"s3cr3t-T0ken","id":"42","target_by":"user_id","target":["a"]}');
    expect(r.apptoken).toBe('s3cr3t-T0ken');
    expect(JSON.stringify(r.body)).not.toContain('s3cr3t');
    expect(codes(r.diagnostics, 'info')).toEqual(['apptoken-found']);
  });

  test('the documented APP_TOKEN placeholder is not treated as a token', () => {
    const r = parseExecuteBody('{"apptoken":"APP_TOKEN","target":["a"]}');
    expect(r.apptoken).toBeUndefined();
    expect(withCode(r.diagnostics, 'placeholder')[0]).toMatchObject({ severity: 'warning', line: 1, column: 13 });
  });

  test('number ids in target become their literal text with one warning', () => {
    const r = parseExecuteBody('{"target": ["a", 123, 1e5, 12345678901234567890]}');
    expect(r.body.target).toEqual(['a', '123', '1e5', '12345678901234567890']);
    const d = withCode(r.diagnostics, 'id-not-string');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'warning', path: 'target[1]', line: 1, column: 18 });
  });

  test('wrong shapes are errors at their line and column', () => {
    const r = parseExecuteBody('{\n  "target": "u1",\n  "params": [1],\n  "target_with_params": {"u1": "x"},\n  "target_by": 5\n}');
    const byPath = Object.fromEntries(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.path, [d.line, d.column]]));
    expect(byPath).toEqual({ target: [2, 13], params: [3, 13], 'target_with_params.u1': [4, 32], target_by: [5, 16] });
  });

  test('an object in target is an error naming target[1]; the other ids are kept', () => {
    const r = parseExecuteBody('{"target": ["a", {"id": "b"}, "c"]}');
    expect(r.body.target).toEqual(['a', 'c']);
    expect(withCode(r.diagnostics, 'bad-id')[0]).toMatchObject({ path: 'target[1]', severity: 'error' });
  });

  test('a JSON syntax error names the line and column', () => {
    const r = parseExecuteBody('{\n"id": "x",\n"target": ["a" "b"]\n}');
    expect(r.diagnostics[0]).toMatchObject({ code: 'syntax', line: 3, column: 16 });
  });

  test('per-user params for ids not targeted and duplicate targets are warnings', () => {
    const r = parseExecuteBody('{"target":["a","a"],"target_with_params":{"a":{},"zz":{"x":1}}}');
    expect(codes(r.diagnostics, 'warning').sort()).toEqual(['duplicate-id', 'untargeted-params']);
  });

  test('unknown keys are kept as they are', () => {
    const r = parseExecuteBody('{"target":["a"],"schedule":{"at":"2025-01-01"}}');
    expect(r.body.schedule).toEqual({ at: '2025-01-01' });
  });

  test('a body that is not an object is an error', () => {
    expect(codes(parseExecuteBody('["a"]').diagnostics)).toEqual(['not-object']);
  });

  test('a numeric campaign id is used as a string with a warning', () => {
    const r = parseExecuteBody('{"id": 12345, "target":["a"]}');
    expect(r.body.id).toBe('12345');
    expect(codes(r.diagnostics, 'warning')).toEqual(['id-not-string']);
  });
});

describe('executeBodyToTable', () => {
  test('the promo body becomes a user_id column plus a promo_code column', () => {
    const { body } = parseExecuteBody(fixtureText('promo-journey-body.json'));
    const { table, mapping } = executeBodyToTable(body);
    expect(table.columns).toEqual(['user_id', 'promo_code']);
    expect(table.rows).toEqual([
      ['user_1', 'PLAY50X'],
      ['user_2', 'PLAY75Y'],
      ['user_3', 'PLAY100Z'],
    ]);
    const built = buildTargets(table, mapping);
    expect(built.target).toEqual(body.target);
    expect(toRecord(built.targetWithParams)).toEqual(body.target_with_params);
  });

  test('numbers, booleans and nested values survive the table round trip', () => {
    const twp = { a: { n: 1.5, b: true, o: { x: [1] }, s: 'x' }, b: { n: 2, m: 'str', mixed: 1 }, c: { mixed: 'one' } };
    const { table, mapping } = executeBodyToTable({ target_by: 'email', target: ['a', 'b', 'c'], target_with_params: twp });
    expect(table.columns[0]).toBe('email');
    expect(toRecord(buildTargets(table, mapping).targetWithParams)).toEqual(twp);
  });

  test('per-user values for ids not in target are reported, not turned into rows', () => {
    const { table } = executeBodyToTable({ target: ['a'], target_with_params: { b: { x: '1' } } });
    expect(table.rows).toEqual([['a']]);
    expect(codes(table.diagnostics)).toEqual(['untargeted-params']);
  });
});
