import { describe, expect, test } from 'vitest';
import { testSendData } from '../../host/send/drafts';
import { planSend } from '../../shared/send/plan';
import { proofParamProblem, withProofParam } from '../../shared/send/proof';
import type { SendData } from '../../shared/campaign/send-data';

const data: SendData = { target_by: 'user_id', target: ['u1', 'u2'], params: { promo: 'X' }, target_with_params: { u1: { code: 'A' } } };

describe('proof sends', () => {
  test('a test send carries params.is_proof = "true" and keeps the campaign params; the note says so', () => {
    const t = testSendData(data, ['qa_1']);
    expect({ ...t.data.params }).toEqual({ promo: 'X', is_proof: 'true' });
    expect(t.note).toContain('params.is_proof = "true"');
    expect(data.params).toEqual({ promo: 'X' });
  });

  test('the proof param can be named by the user', () => {
    expect({ ...testSendData(data, ['qa_1'], 'proof_send').data.params }).toEqual({ promo: 'X', proof_send: 'true' });
  });

  test('a name that is not a plain Twig name is refused with the name in the message', () => {
    expect(proofParamProblem('is proof')).toMatch(/"is proof" is not a plain name/);
    expect(proofParamProblem('__proto__')).toBeUndefined();
    expect(() => withProofParam(data, '1x')).toThrow(/"1x"/);
    // `__proto__` is a plain name: it becomes a key of the params, not their prototype.
    expect(Object.keys(withProofParam(data, '__proto__').params)).toContain('__proto__');
  });

  test('a real send plan never carries the proof param', () => {
    const plan = planSend({ sendId: 's1', kind: 'send', environment: { id: 'e', name: 'E', baseUrl: 'https://x.test' } as never, campaignId: 'C', data, batchSize: 10, options: {} });
    expect(JSON.stringify(plan)).not.toContain('is_proof');
  });
});
