import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../host/sandbox/server';
import { platformState } from '../../host/sandbox/platform-routes';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ tokens: ['T'] });
  const p = platformState(sandbox.state);
  p.seed([{ id: 'C1', title: 'Welcome', trigger: 3, active: 1, messages: { '9': { sms_text: 'Hi {{first_name}}' } } }], { u1: { first_name: 'Ann' } });
  p.addOAuthClient('cid', 'secret');
});
afterAll(() => sandbox.close());

async function post(path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(sandbox.url + path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('sandbox platform methods', () => {
  it('answers info/campaign with the envelope and the model, 400 without an id, 404 for an unknown id', async () => {
    expect(await post('/api/external/info/campaign', { apptoken: 'T', id: 'C1' })).toMatchObject({ status: 200, json: { code: 200, success: true, model: { id: 'C1', title: 'Welcome' } } });
    expect(await post('/api/external/info/campaign', { apptoken: 'T' })).toMatchObject({ status: 400, json: { success: false, errors: [{ field: 'id' }] } });
    expect(await post('/api/external/info/campaign', { apptoken: 'T', id: 'nope' })).toMatchObject({ status: 404, json: { code: 404, success: false } });
  });

  it('needs credentials like the platform: 400 without a token, 401 with an unknown one', async () => {
    expect((await post('/api/external/list/campaign', {})).status).toBe(400);
    expect((await post('/api/external/list/campaign', { apptoken: 'nope' })).status).toBe(401);
  });

  it('refuses a malformed list condition with the field named', async () => {
    expect(await post('/api/external/list/campaign', { apptoken: 'T', condition: 'trigger=3' })).toMatchObject({ status: 400, json: { errors: [{ field: 'condition' }] } });
  });

  it('issues OAuth tokens only for a known client and the client_credentials grant', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    expect((await post('/api/oauth/token', 'grant_type=password&client_id=cid&client_secret=secret', form)).json).toMatchObject({ error: 'unsupported_grant_type' });
    expect((await post('/api/oauth/token', 'grant_type=client_credentials&client_id=cid&client_secret=wrong', form)).status).toBe(401);
    const ok = await post('/api/oauth/token', 'grant_type=client_credentials&client_id=cid&client_secret=secret', form);
    expect(ok).toMatchObject({ status: 200, json: { token_type: 'Bearer', expires_in: 3600 } });
    const bearer = { 'content-type': 'application/json', authorization: `Bearer ${String(ok.json.access_token)}` };
    expect((await post('/api/external/list/campaign', {}, bearer)).status).toBe(200);
  });

  it('a live change made through the control is what info/campaign answers next; null deletes a field', async () => {
    platformState(sandbox.state).setCampaign('C1', { 'messages.9.sms_text': 'Hello {{first_name}}', active: null });
    const r = await post('/api/external/info/campaign', { apptoken: 'T', id: 'C1' });
    expect(r.json.model).toEqual({ id: 'C1', title: 'Welcome', trigger: 3, messages: { '9': { sms_text: 'Hello {{first_name}}' } } });
  });

  it('records "Not personalized" only for users whose referenced attribute is empty', async () => {
    expect((await post('/api/external/execute/campaign', { apptoken: 'T', id: 'C1', target_by: 'user_id', target: ['u1', 'u2'] })).status).toBe(200);
    const rows = await post('/api/external/list/push-devices', {
      apptoken: 'T',
      condition: [
        ['campaign_id', '=', 'C1'],
        ['error', '=', 1],
      ],
      select: ['user_id', 'error_message'],
    });
    expect(rows.json.data).toEqual([{ user_id: 'u2', error_message: 'Not personalized' }]);
  });
});
