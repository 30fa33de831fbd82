import { describe, expect, it } from 'vitest';
import { applyLevels, checkLongestSms, checkNotification, checkSms, isBlocking, longestValues, parseGuardrailSettings } from '../../shared/guardrails';
import { NOTIFICATION_LIMITS, truncateAt } from '../../shared/guardrails/webpush-limits';
import { smsMetrics } from '../../shared/channels/sms';

describe('SMS guardrails', () => {
  it('a message over 10 segments is flagged', () => {
    expect(checkSms(smsMetrics('a'.repeat(153 * 11))).map((f) => f.code)).toContain('sms-segments');
    expect(checkSms(smsMetrics('a'.repeat(153 * 10)))).toEqual([]);
  });

  it('a long message names its characters and, apart, the septets the carrier counts', () => {
    const [f] = checkSms(smsMetrics('€'.repeat(1000)));
    expect(f!.message).toBe('the SMS is 14 segments: 1000 characters (2000 septets), GSM-7; over 10');
    expect(checkLongestSms(smsMetrics('[x] '.repeat(50)), 'sms')[0]!.message).toContain('200 characters (300 septets)');
  });

  it('the characters that force UCS-2 are named', () => {
    const [f] = checkSms(smsMetrics('Hi Zoë 🎉'));
    expect(f!.code).toBe('sms-ucs2');
    expect(f!.message).toContain('🎉');
  });

  it('the longest value per attribute is taken across users (per-user, param or profile)', () => {
    const values: Record<string, Record<string, string>> = { u1: { name: 'Al' }, u2: { name: 'Bartholomew' } };
    expect(longestValues(['name'], ['u1', 'u2'], (n, u) => values[u]![n])).toEqual({ name: 'Bartholomew' });
    expect(checkLongestSms(smsMetrics('x'.repeat(400)), 'sms')[0]!.message).toContain('3 segments');
  });
});

describe('notification guardrails', () => {
  it("a web push title over Firefox's ~50 characters names the platforms that cut it", () => {
    const f = checkNotification('webpush', { title: 'T'.repeat(55), body: 'ok' });
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/Firefox/);
    expect(f[0]!.message).toMatch(/macOS/);
    expect(f[0]!.message).not.toMatch(/Windows \(~70\)/);
  });

  it('every limit in the table names its source', () => {
    for (const l of NOTIFICATION_LIMITS) expect(l.source.length).toBeGreaterThan(5);
  });

  it('truncation cuts at the limit with an ellipsis', () => {
    expect(truncateAt('abcdef', 4)).toEqual({ text: 'abc…', truncated: true });
    expect(truncateAt('abc', 4)).toEqual({ text: 'abc', truncated: false });
  });
});

describe('levels', () => {
  it('a team can switch a check off or make it blocking', () => {
    const raw = [
      { code: 'sms-ucs2' as const, message: 'x' },
      { code: 'sms-segments' as const, message: 'y' },
    ];
    const f = applyLevels(raw, parseGuardrailSettings({ guardrails: { 'sms-ucs2': 'off', 'sms-segments': 'blocking', nope: 'blocking' } }));
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('error');
    expect(isBlocking(f[0]!)).toBe(true);
  });
});
