import { describe, expect, it } from 'vitest';
import { checkData } from '../../shared/guardrails';

const data = {
  target_by: 'user_id',
  target: ['u1', 'u2'],
  params: { promo_name: 'P', First_Name: 'x', region: 'IE' },
  target_with_params: { u1: { promo_code: 'A', region: 'UK' }, u2: { promo_code: 'B' } },
};

describe('data against template', () => {
  const f = checkData([{ node: 'sms', references: ['first_name', 'promo_name', 'promo_code', 'gate', 'region'] }], data, { u1: { city: 'Cork' } });
  const by = (code: string) => f.filter((x) => x.code === code).map((x) => x.message);

  it('a placeholder that matches a passed key only when case is ignored is called out (First_Name ≠ first_name)', () => {
    expect(by('data-case-mismatch')).toEqual([expect.stringContaining('first_name ≠ First_Name')]);
  });
  it('a placeholder no column, param or profile supplies is flagged', () => {
    expect(by('data-unsupplied')).toEqual([expect.stringContaining('gate')]);
  });
  it('a passed value no node uses is listed', () => {
    expect(by('data-unused-column')).toEqual([expect.stringContaining('"First_Name"')]);
  });
  it('a per-user column that shadows a global param is reported with how many users it affects', () => {
    expect(by('data-shadowed-param')).toEqual(['per-user column "region" shadows the global param "region" for 1 user']);
  });
  it('profile attributes count as supplied', () => {
    expect(checkData([{ node: 'n', references: ['city'] }], data, { u1: { city: 'Cork' } }).filter((x) => x.code === 'data-unsupplied')).toEqual([]);
  });
});
