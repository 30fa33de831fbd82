import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../shared/campaign/model';
import type { SendData } from '../../shared/campaign/send-data';
import { createEvaluation, evaluate, ScanAccumulator, scanUsers, sendVerdict, SEV_BLOCKING, SEV_EMPTY, SEV_ERROR, verdictLines } from '../../shared/pipeline';

const email = (href: string): Campaign => ({
  name: 'Order',
  id: 'ORDER',
  type: 'single-stage',
  target_by: 'user_id',
  nodes: [{ key: 'email', channel: 'email', content: { from_name: 'Shop', subject: 'Your order {{ order_id }}', html: `<p>Hi {{ first_name }}</p><a href="${href}">Track</a>`, text: 'Track it' } }],
});
const users = (n: number): SendData => {
  const target = Array.from({ length: n }, (_, i) => `u${i}`);
  return { target_by: 'user_id', target, params: {}, target_with_params: Object.fromEntries(target.map((t, i) => [t, { order_id: `O${i}`, ...(i % 3 ? { first_name: `N${i}` } : {}) }])) };
};

describe('the evaluation pipeline', () => {
  it("a cell carries the engine's diagnostics and the guardrails, under the team's levels", () => {
    const ev = createEvaluation({ campaign: email('https://example.com/track'), data: users(1) });
    expect(ev.cell('u0', 0).diagnostics.map((d) => `${d.code}:${d.severity}`)).toEqual(['empty-value:warning', 'email-placeholder-link:error']);
    const off = createEvaluation({ campaign: email('https://example.com/track'), data: users(1), settings: { 'email-placeholder-link': 'off' } });
    expect(off.cell('u0', 0).diagnostics.map((d) => d.code)).toEqual(['empty-value']);
  });

  it('a guardrail at the blocking level blocks the send, naming the users and their first findings', () => {
    const { verdict, scan } = evaluate({ campaign: email('https://example.com/track'), data: users(7) });
    expect(scan.severity[0]! & (SEV_ERROR | SEV_BLOCKING)).toBe(SEV_ERROR | SEV_BLOCKING);
    expect(verdict).toMatchObject({ blocked: true, users: 7, cells: 7, withErrors: 7, blocking: 7, notPersonalised: 3 });
    expect(verdict.reasons[0]).toBe('7 users have errors or blocking findings (the first 5 below; filter the matrix to "Users with errors" for all)');
    expect(verdict.reasons[1]).toBe('u0 · email: link "https://example.com/track" is a test host (example.com)');
    expect(verdict.reasons).toHaveLength(6);
  });

  it('nothing blocks a clean campaign; empty values block only in legacy personalisation mode', () => {
    const clean = evaluate({ campaign: email('https://shop.example.ie/track/{{ order_id }}'), data: users(6) });
    expect(clean.verdict).toMatchObject({ blocked: false, reasons: [], notPersonalised: 2, withErrors: 0 });
    expect(verdictLines(clean.verdict)[0]).toBe('Send not blocked: 6 users × 1 node(s) checked, 2 users with warnings');
    const legacy = evaluate({ campaign: email('https://shop.example.ie/track/{{ order_id }}'), data: users(6), legacyPersonalisation: true });
    expect(legacy.scan.severity[0]! & SEV_EMPTY).toBe(SEV_EMPTY);
    expect(legacy.verdict).toMatchObject({ blocked: true, withErrors: 0, notPersonalised: 2, legacyPersonalisation: true });
    expect(legacy.verdict.reasons).toEqual([
      'The environment runs legacy personalisation: 2 user(s) have an attribute that resolves to empty and would not be sent',
      'u0 · email: "first_name" is empty for u0: in legacy personalisation mode this message would not be sent',
      'u3 · email: "first_name" is empty for u3: in legacy personalisation mode this message would not be sent',
    ]);
  });

  it('a campaign that does not compile blocks, with the node and place of the error', () => {
    const bad: Campaign = { ...email('https://x.ie'), nodes: [{ key: 'sms', channel: 'sms', content: { from: 'Shop', text: 'Hi {{ name' } }] };
    const { verdict } = evaluate({ campaign: bad, data: users(2) });
    expect(verdict.blocked).toBe(true);
    expect(verdict.campaignErrors).toBe(1);
    expect(verdict.reasons[0]).toMatch(/ \(line 1, column \d+, node sms\.text\)$/);
  });

  it("scanning in slices of any size gives exactly the result of one pass (the render worker and the host's worker thread agree)", () => {
    const input = { campaign: email('https://example.com/{{ order_id }}'), data: users(300) };
    const whole = evaluate(input);
    for (const every of [1, 7, 64, 1000]) {
      const ev = createEvaluation(input);
      const acc = new ScanAccumulator(300);
      let i = 0;
      let calls = 0;
      while (i < 300) i = scanUsers(ev, acc, i, () => ++calls % every === 0);
      const result = acc.result();
      expect(result).toEqual(whole.scan);
      expect(sendVerdict(ev.campaignDiagnostics(), result)).toEqual(whole.verdict);
    }
  });
});
