import { describe, expect, test } from 'vitest';
import { buildTargets, defaultMapping, detectPaste, executeBodyToTable, parsePaste } from '../../shared/targets';
import { fixtureText } from '../fixtures/targets/helpers';
import { toRecord } from '../../shared/campaign/per-user';

describe('detectPaste', () => {
  test.each([
    ['user_id\tcode\nu1\tA', 'table'],
    ['user_id,code\nu1,A', 'table'],
    ['[link]\tcode\nx\ty', 'table'],
    ['  [\n {"user_id": "u1"}]', 'json-rows'],
    ['["u1", "u2"]', 'json-rows'],
    ['[123, 456]', 'json-rows'],
    ['\ufeff{"target": []}', 'execute-body'],
    ['curl --request POST \\\n --url x', 'curl'],
    ['$ curl https://x', 'curl'],
    ['CURL.exe https://x', 'curl'],
    ['curly,braces\n1,2', 'table'],
    ['', 'table'],
  ])('%j is %s', (text, kind) => {
    expect(detectPaste(text)).toBe(kind);
  });
});

describe('parsePaste', () => {
  test('every input path lands in the same targets: TSV paste, JSON rows, execute body and curl', () => {
    const expected = { user_1: { promo_code: 'PLAY50X' }, user_2: { promo_code: 'PLAY75Y' }, user_3: { promo_code: 'PLAY100Z' } };
    const results = ['user_id\tpromo_code\r\nuser_1\tPLAY50X\r\nuser_2\tPLAY75Y\r\nuser_3\tPLAY100Z\r\n', JSON.stringify(Object.entries(expected).map(([user_id, v]) => ({ user_id, ...v }))), fixtureText('promo-journey-body.json'), fixtureText('promo-journey.curl.txt')].map(
      (text) => {
        const p = parsePaste(text);
        if (p.kind === 'table' || p.kind === 'json-rows') return buildTargets(p.table, defaultMapping(p.table, 'user_id').mapping);
        const body = p.result.body;
        if (!body) throw new Error('no body');
        const { table, mapping } = executeBodyToTable(body);
        return buildTargets(table, mapping);
      },
    );
    for (const r of results) {
      expect(r.target).toEqual(['user_1', 'user_2', 'user_3']);
      expect(toRecord(r.targetWithParams)).toEqual(expected);
    }
  });

  test('the label names the pasted text in diagnostics', () => {
    const p = parsePaste('a,b\n1,2,3\n', 'clipboard');
    expect(p.kind === 'table' && p.table.diagnostics[0]?.file).toBe('clipboard');
  });
});
