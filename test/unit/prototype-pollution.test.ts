/**
 * Keys from the renderer are data, never a way into Object.prototype: over the real services, a
 * dotted path through `__proto__`, `constructor` or `prototype` is refused, and every other channel
 * keeps working afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServices, type Services } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';
import { platformState } from '../../host/sandbox/platform-routes';

const running: Services[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  // Should an attack have got through, do not let it leak into other tests of this worker.
  for (const k of ['oauthClientId', 'polluted']) delete (Object.prototype as Record<string, unknown>)[k];
});

async function start() {
  const base = mkdtempSync(join(tmpdir(), 'preflight-proto-'));
  cpSync(resolve(__dirname, '../../examples'), join(base, 'ws'), { recursive: true });
  const s = await createServices({ host: 'browser', version: 'test', workspaceDir: join(base, 'ws'), dataDir: join(base, 'data'), secrets: new MemorySecretStore(), emit: () => undefined });
  running.push(s);
  return s;
}

describe('prototype pollution through sandbox.platform.setCampaign', () => {
  for (const key of ['__proto__.oauthClientId', 'constructor.prototype.polluted', 'messages.__proto__.polluted', 'prototype.polluted']) {
    it(`"${key}" is refused, and strict channels still work afterwards`, async () => {
      const s = await start();
      // JSON.parse, as the browser host does, keeps "__proto__" as an ordinary key.
      const args = JSON.parse(JSON.stringify({ id: 'Campaign_ID', set: { [key]: 'attacker' } }));
      const r = await dispatch(s.handlers, 'sandbox.platform.setCampaign', args);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
      expect(({} as Record<string, unknown>).oauthClientId).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await dispatch(s.handlers, 'sandbox.faults.get', { environmentId: 'sandbox' })).toMatchObject({ ok: true });
      expect(await dispatch(s.handlers, 'workspace.current', {})).toMatchObject({ ok: true });
      expect(await dispatch(s.handlers, 'platform.testConnection', { environmentId: 'sandbox' })).toMatchObject({ ok: true, value: { ok: true } });
    });
  }

  it('the setter itself refuses such a path even when called directly (defence in depth)', () => {
    const state = { auth: { appTokens: new Set<string>() }, tokenEnvironments: new Map(), faults: new Map(), recent: new Map(), ext: {} };
    expect(() => platformState(state).setCampaign('C1', JSON.parse('{"__proto__.polluted": 1}'))).toThrow(/__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('ordinary dotted paths still set values, creating objects on the way', async () => {
    const s = await start();
    const r = await dispatch(s.handlers, 'sandbox.platform.setCampaign', { id: 'C9', set: { 'messages.9.sms_text': 'Hi', active: 0 } });
    expect(r).toMatchObject({ ok: true, value: { model: { id: 'C9', active: 0, messages: { 9: { sms_text: 'Hi' } } } } });
  });
});
