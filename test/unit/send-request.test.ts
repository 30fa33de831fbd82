import { describe, expect, it } from 'vitest';
import { buildExecuteBodies, redacted, toCurl } from '../../shared/send/request';
import type { SendData } from '../../shared/campaign/send-data';

const data: SendData = { target_by: 'user_id', target: ['a', 'b', 'c'], params: { p: 1 }, target_with_params: { a: { x: 1 }, c: { x: "it's" } } };

describe('execute request bodies', () => {
  it('one batch holds every target with params and target_with_params, in the document\'s key order', () => {
    const [b] = buildExecuteBodies('C', data);
    expect(Object.keys(b!)).toEqual(['id', 'target_by', 'target', 'params', 'target_with_params']);
    expect(b).toEqual({ id: 'C', target_by: 'user_id', target: ['a', 'b', 'c'], params: { p: 1 }, target_with_params: { a: { x: 1 }, c: { x: "it's" } } });
  });

  it('batches carry all params and only their own users\' values; a batch with none omits target_with_params', () => {
    const bodies = buildExecuteBodies('C', { ...data, target_with_params: { a: { x: 1 } } }, 1);
    expect(bodies.map((b) => b.target_with_params)).toEqual([{ a: { x: 1 } }, undefined, undefined]);
    expect(bodies.every((b) => (b.params as { p: number }).p === 1)).toBe(true);
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => buildExecuteBodies('C', data, 0)).toThrow(/positive integer/);
  });

  it('redacts the token and copies curl commands that reference $XP_APP_TOKEN', () => {
    const [b] = buildExecuteBodies('C', data);
    expect(redacted(b!).apptoken).toBe('***');
    const curl = toCurl('https://external-api.xtremepush.com/', b!);
    expect(curl).toContain("--url 'https://external-api.xtremepush.com/api/external/execute/campaign'");
    expect(curl).toContain(`"apptoken": "'"$XP_APP_TOKEN"'"`);
    expect(curl).toContain(`"x": "it'\\''s"`);
  });

  it('the copied curl command, run by a shell, sends exactly the body with the token from the environment', async () => {
    const { execFileSync } = await import('node:child_process');
    const [b] = buildExecuteBodies('C', data);
    // Replace curl with printf of the --data argument to see what the shell would pass.
    const script = toCurl('https://x.example', b!).replace(/^curl[\s\S]*?--data /, 'printf %s ');
    const out = execFileSync('bash', ['-c', script], { env: { XP_APP_TOKEN: 'SECRET' }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ apptoken: 'SECRET', ...b });
  });
});
