/**
 * The current data's targets as a set (renderer/lib/target-set.ts): a big list's set is built in
 * slices between tasks, and until it is, lookups answer from the list itself — the same answers.
 */
import { describe, expect, it } from 'vitest';
import { hasTarget, targetSet, targetSetNow } from '../../renderer/lib/target-set';

describe('target set', () => {
  it('a small list has its set at once', () => {
    const small = ['a', 'b'];
    expect(targetSetNow(small)).toEqual(new Set(small));
    expect(hasTarget(small, 'b')).toBe(true);
    expect(hasTarget(small, 'c')).toBe(false);
  });

  it('a big list answers before its set is built, and the set, built in slices, holds every id once', async () => {
    const big = Array.from({ length: 123_457 }, (_, i) => `u${i % 120_000}`);
    expect(targetSetNow(big)).toBeUndefined();
    expect(hasTarget(big, 'u119999')).toBe(true);
    expect(hasTarget(big, 'u120000')).toBe(false);
    const [a, b] = await Promise.all([targetSet(big), targetSet(big)]);
    expect(a).toBe(b);
    expect(a.size).toBe(120_000);
    expect(targetSetNow(big)).toBe(a);
    expect(hasTarget(big, 'u0')).toBe(true);
    expect(hasTarget(big, 'u120000')).toBe(false);
    // Each id once, in the list's order (the report lists the unreviewed users so).
    expect([...a]).toEqual(Array.from({ length: 120_000 }, (_, i) => `u${i}`));
  });

  it('a big set answers like the list for every id, repeated, similar or absent', async () => {
    const ids = ['', 'a', 'A', 'a ', 'é', 'e\u0301', '🎉', '\ud83c', 'u1', 'u10', 'u01'];
    const big = Array.from({ length: 40_000 }, (_, i) => (i % 7 === 0 ? ids[i % ids.length]! : `user-${i}`));
    const set = await targetSet(big);
    const distinct = [...new Set(big)];
    expect(set.size).toBe(distinct.length);
    expect([...set]).toEqual(distinct);
    for (const t of [...ids, 'user-1', 'user-0', 'user-39999', 'user-40000', 'b', 'e', '\udf89']) expect(set.has(t), t).toBe(big.includes(t));
  });
});
