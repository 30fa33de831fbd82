import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bodyOf, checkSendInput, dataOfBatches, planSend } from '../../shared/send/plan';
import type { SendData } from '../../shared/campaign/send-data';

const env = { id: 'sandbox', name: 'Sandbox', baseUrl: 'http://127.0.0.1:1', production: false };
const data: SendData = { target_by: 'user_id', target: ['a', 'b', 'c', 'd', 'e'], params: { p: 1 }, target_with_params: { a: { code: 'A' }, d: { code: 'D' } } };

describe('send planning', () => {
  it("splits targets into batches that each carry params and only their own users' values", () => {
    const plan = planSend({ sendId: 'S', environment: env, campaignId: 'C', data, batchSize: 2 });
    expect(plan.batches.map((b) => b.targets)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(bodyOf(plan, 0)).toEqual({ id: 'C', target_by: 'user_id', target: ['a', 'b'], params: { p: 1, external_message_id: 'S-b1' }, target_with_params: { a: { code: 'A' } } });
    expect(bodyOf(plan, 2).target_with_params).toBeUndefined();
  });

  it('gives every batch its own external_message_id unless the user set one', () => {
    const plan = planSend({ sendId: 'S', environment: env, campaignId: 'C', data, batchSize: 2 });
    expect(plan.batches.map((b) => b.xid)).toEqual(['S-b1', 'S-b2', 'S-b3']);
    const own = planSend({ sendId: 'S', environment: env, campaignId: 'C', data: { ...data, params: { external_message_id: 'mine' } }, batchSize: 2 });
    expect(own.batches.map((b) => bodyOf(own, b.i).params)).toEqual([{ external_message_id: 'mine' }, { external_message_id: 'mine' }, { external_message_id: 'mine' }]);
  });

  it('puts schedule time, target_existing_only and extra properties in every body', () => {
    const plan = planSend({ sendId: 'S', environment: env, campaignId: 'C', data, batchSize: 10, options: { time: '2026-01-01 12:00 UTC', targetExistingOnly: false, extra: { payload_add: [{ key: 'k', value: 'v' }] } } });
    expect(bodyOf(plan, 0)).toMatchObject({ time: '2026-01-01 12:00 UTC', target_existing_only: 0, payload_add: [{ key: 'k', value: 'v' }] });
  });

  it('reports a duplicate id, a bad schedule time and an extra property that would overwrite the body', () => {
    const problems = checkSendInput('C', { ...data, target: ['a', 'b', 'a'] }, 10, { time: 'tomorrow', extra: { target: [] } });
    expect(problems.map((p) => p.field)).toEqual(['target[2]', 'time', 'extra.target']);
    expect(problems[0]!.message).toMatch(/repeats an earlier id/);
  });

  it('every target lands in exactly one batch with exactly its own values, for any list and batch size', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 60 }), fc.integer({ min: 1, max: 17 }), (ids, size) => {
        const twp = Object.fromEntries(ids.filter((_, n) => n % 2 === 0).map((id) => [id, { v: id }]));
        const plan = planSend({ sendId: 'S', environment: env, campaignId: 'C', data: { target_by: 'user_id', target: ids, params: {}, target_with_params: twp }, batchSize: size });
        const seen = plan.batches.flatMap((b) => bodyOf(plan, b.i).target);
        expect(seen).toEqual(ids);
        for (const b of plan.batches) {
          const body = bodyOf(plan, b.i);
          expect(body.target.length).toBeLessThanOrEqual(size);
          for (const [k, v] of Object.entries(body.target_with_params ?? {})) {
            expect(body.target).toContain(k);
            expect(v).toEqual({ v: k });
          }
        }
        expect(
          dataOfBatches(
            plan,
            plan.batches.map((b) => b.i),
          ).target,
        ).toEqual(ids);
      }),
    );
  });
});
