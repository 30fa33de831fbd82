import { describe, expect, it } from 'vitest';
import { redacted, toCurl, wireText } from '../../shared/send/request';
import { bodiesOf, planSend, requestBody } from '../../shared/send/plan';
import type { SendData } from '../../shared/campaign/send-data';

const env = { id: 'sandbox', name: 'Sandbox', baseUrl: 'http://127.0.0.1:1', production: false };
const SEND = '20260101-120000-abcdef';
const bodies = (d: SendData, batchSize: number) => bodiesOf(planSend({ sendId: SEND, environment: env, campaignId: 'C', data: d, batchSize }));

const data: SendData = { target_by: 'user_id', target: ['a', 'b', 'c'], params: { p: 1 }, target_with_params: { a: { x: 1 }, c: { x: "it's" } } };

describe('execute request bodies', () => {
  it("one body holds every target with params and target_with_params, in the document's key order", () => {
    const b = requestBody('C', data);
    expect(Object.keys(b!)).toEqual(['id', 'target_by', 'target', 'params', 'target_with_params']);
    expect(b).toEqual({ id: 'C', target_by: 'user_id', target: ['a', 'b', 'c'], params: { p: 1 }, target_with_params: { a: { x: 1 }, c: { x: "it's" } } });
  });

  it("batches carry all params, their own external_message_id and only their own users' values; a batch with none omits target_with_params", () => {
    const bs = bodies({ ...data, target_with_params: { a: { x: 1 } } }, 1);
    expect(bs.map((b) => b.target_with_params)).toEqual([{ a: { x: 1 } }, undefined, undefined]);
    expect(bs.map((b) => b.params)).toEqual([1, 2, 3].map((n) => ({ p: 1, external_message_id: `${SEND}-b${n}` })));
    expect(Object.keys(bs[0]!)).toEqual(['id', 'target_by', 'target', 'params', 'target_with_params']);
  });

  it('a body without params, per-user values or options is just the campaign and its targets', () => {
    expect(requestBody('C', { target_by: 'user_id', target: ['a'], params: {}, target_with_params: {} })).toEqual({ id: 'C', target_by: 'user_id', target: ['a'] });
  });

  it('options come after the values, extra properties last, in every body', () => {
    const b = requestBody('C', data, { time: ' 2026-01-01 12:00 UTC ', targetExistingOnly: false, extra: { payload_add: [{ key: 'k', value: 'v' }] } });
    expect(Object.keys(b)).toEqual(['id', 'target_by', 'target', 'params', 'target_with_params', 'time', 'target_existing_only', 'payload_add']);
    expect(b.time).toBe('2026-01-01 12:00 UTC');
    expect(b.target_existing_only).toBe(0);
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => bodies(data, 0)).toThrow(/positive integer/);
  });

  it('the wire text is the JSON a send posts, token masked and first', () => {
    expect(wireText(requestBody('C', data))).toBe('{"apptoken":"***","id":"C","target_by":"user_id","target":["a","b","c"],"params":{"p":1},"target_with_params":{"a":{"x":1},"c":{"x":"it\'s"}}}');
  });

  it('redacts the token and copies curl commands that reference $XP_APP_TOKEN', () => {
    const b = requestBody('C', data);
    expect(redacted(b!).apptoken).toBe('***');
    const curl = toCurl('https://external-api.xtremepush.com/', b!);
    expect(curl).toContain("--url 'https://external-api.xtremepush.com/api/external/execute/campaign'");
    expect(curl).toContain(`"apptoken": "'"$XP_APP_TOKEN"'"`);
    expect(curl).toContain(`"x": "it'\\''s"`);
  });

  it('the copied curl command, run by a shell, sends exactly the body with the token from the environment', async () => {
    const { execFileSync } = await import('node:child_process');
    const b = requestBody('C', data);
    // Replace curl with printf of the --data argument to see what the shell would pass.
    const script = toCurl('https://x.example', b!).replace(/^curl[\s\S]*?--data /, 'printf %s ');
    const out = execFileSync('bash', ['-c', script], { env: { XP_APP_TOKEN: 'SECRET' }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ apptoken: 'SECRET', ...b });
  });
});
