import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../host/sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ tokens: ['T0KEN'] });
});
afterAll(() => sandbox.close());

async function post(body: unknown, path = '/api/external/execute/campaign') {
  const res = await fetch(sandbox.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { code: number; success: boolean; message: string; errors?: { field: string; message: string }[] } };
}

const valid = { apptoken: 'T0KEN', id: 'C1', target_by: 'user_id', target: ['u1', 'u2'], params: { list: [{ name: 'Boots', price: 9.5 }] }, target_with_params: { u1: { promo_code: 'X', vip: true } } };

describe('sandbox execute endpoint', () => {
  it('accepts the platform body, answers with the platform envelope and records the call with the token masked', async () => {
    sandbox.reset();
    const r = await post(valid);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ code: 200, success: true });
    const calls = sandbox.calls();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body).toEqual({ ...valid, apptoken: '***' });
  });

  it.each([
    ['target is not an array', { ...valid, target: 'u1' }, 'target'],
    ['a target id is a number', { ...valid, target: ['u1', 7] }, 'target[1]'],
    ['params is a list', { ...valid, params: ['x'] }, 'params'],
    ["a user's values are not an object", { ...valid, target_with_params: { u1: 'X' } }, 'target_with_params.u1'],
    ['id is missing', { ...valid, id: undefined }, 'id'],
    ['target_by is missing', { ...valid, target_by: undefined }, 'target_by'],
  ])('rejects a body where %s with a 400 naming the field', async (_name, body, field) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.json.success).toBe(false);
    expect(r.json.errors?.map((e) => e.field)).toContain(field);
    expect(r.json.message).toMatch(/Invalid request/);
  });

  it('answers 400 with a readable JSON error for a body that is not JSON', async () => {
    const r = await post('{"apptoken": ');
    expect(r.status).toBe(400);
    expect(r.json.message).toBe('Request body is not valid JSON');
  });

  it('answers 400 for a missing token and 401 for an unknown one, recording neither', async () => {
    sandbox.reset();
    expect((await post({ ...valid, apptoken: undefined })).status).toBe(400);
    expect((await post({ ...valid, apptoken: 'nope' })).status).toBe(401);
    expect(sandbox.calls()).toHaveLength(0);
  });

  it('answers 404 for an unknown method and 405 for GET', async () => {
    expect((await post(valid, '/api/external/execute/campaignz')).status).toBe(404);
    expect((await fetch(sandbox.url + '/api/external/execute/campaign')).status).toBe(405);
  });
});
