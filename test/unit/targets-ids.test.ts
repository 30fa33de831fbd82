import { describe, expect, test } from 'vitest';
import { checkPhone, isEmail, normalizePhoneId, validateIds } from '../../shared/targets';
import type { RowsDiagnostic } from '../../shared/targets';

describe('validateIds', () => {
  test('user_id ids are not checked', () => {
    expect(validateIds('user_id', ['anything at all', ''])).toEqual([]);
  });

  test('phone ids with + are accepted with one warning listing their rows', () => {
    const d = validateIds('mobile_number', ['353850123456', '+353850123457', '+447700900123'], { rows: [2, 3, 4] }) as RowsDiagnostic[];
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: 'phone-plus', severity: 'warning', row: 3, rows: [3, 4], target: '+353850123457' });
    expect(d[0]?.message).toContain('row 3 ("+353850123457") and row 4 ("+447700900123")');
  });

  test('national format, separators and letters are reported with the reason', () => {
    const d = validateIds('msisdn', ['0850123458', '353 85 012 3459', '12ab'], { rows: [4, 5, 6] });
    expect(d.map((x) => [x.code, x.row])).toEqual([
      ['invalid-phone', 4],
      ['invalid-phone', 5],
      ['invalid-phone', 6],
    ]);
    expect(d[0]?.message).toMatch(/starts with 0/);
    expect(d[1]?.message).toMatch(/spaces or punctuation/);
  });

  test('a long list of bad ids names the first 10 and says how many more', () => {
    const ids = Array.from({ length: 250 }, (_, i) => `bad${i}`);
    const d = validateIds('email', ids) as RowsDiagnostic[];
    expect(d).toHaveLength(1);
    expect(d[0]?.message).toMatch(/^250 ids are not a valid e-mail address/);
    expect(d[0]?.message).toMatch(/and 240 more\.$/);
  });

  test('without rows, ids are named by a label', () => {
    const d = validateIds('email', ['ok@example.com', 'nope'], { label: (i) => `target[${i}]` });
    expect(d[0]?.message).toContain('target[1] ("nope")');
  });

  test.each([
    ['ann@example.com', true],
    ['a.b+tag@sub.example.co.uk', true],
    ['bob@example', false],
    ['@example.com', false],
    ['a@b@example.com', false],
    ['a b@example.com', false],
    ['ann@example.com.', false],
  ])('isEmail(%j) is %s', (id, ok) => {
    expect(isEmail(id)).toBe(ok);
  });

  test('phone checks and normalisation', () => {
    expect(checkPhone('353850123456')).toBe('ok');
    expect(checkPhone('+353850123456')).toBe('plus');
    expect(checkPhone('1234567890123456')).toBe('length');
    expect(normalizePhoneId('+353 (85) 012-3456')).toBe('353850123456');
    expect(normalizePhoneId('00353850123456')).toBe('353850123456');
  });
});
