import { describe, expect, it } from 'vitest';
import { dispatch, HandlerError, type Handlers } from '../../host/ipc/dispatch';

const handlers = {
  'app.info': async () => ({ version: '1', host: 'browser', dataDir: '/tmp', emailData: { package: 'caniemail@2.0.2', updated: '2026-05-13', url: 'https://www.caniemail.com/' } }),
  'environments.list': async () => [{ id: 'x' }],
  'sandbox.reset': async () => {
    throw new Error('disk on fire');
  },
} as unknown as Handlers;

describe('IPC dispatch', () => {
  it('returns the handler result for valid arguments', async () => {
    expect(await dispatch(handlers, 'app.info', {})).toEqual({ ok: true, value: { version: '1', host: 'browser', dataDir: '/tmp', emailData: { package: 'caniemail@2.0.2', updated: '2026-05-13', url: 'https://www.caniemail.com/' } } });
  });

  it('rejects unknown channels with a typed error', async () => {
    const r = await dispatch(handlers, 'fs.readFile', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-channel' } });
  });

  it('rejects malformed arguments with the path of every problem, without calling the handler', async () => {
    const r = await dispatch(handlers, 'send.start', { draftId: 3, confirmation: { recipients: 'many' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-arguments');
    const paths = r.error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['draftId', 'confirmation.environmentId', 'confirmation.campaignId', 'confirmation.recipients']));
  });

  it('the one-shot send.execute channel, which sent with no blocking check, is unknown', async () => {
    const r = await dispatch(handlers, 'send.execute', { environmentId: 'sandbox', campaignId: 'C1', data: { target_by: 'user_id', target: ['u1'], params: {}, target_with_params: {} }, confirmation: { environmentId: 'sandbox', campaignId: 'C1', recipients: 1 } });
    expect(r).toEqual({ ok: false, error: { code: 'invalid-channel', message: 'unknown channel "send.execute"' } });
  });

  it("a handler's typed refusal keeps its code (a busy send answers already-running)", async () => {
    const busy = {
      'sandbox.reset': async () => {
        throw new HandlerError('already-running', 'send S is already resuming');
      },
    } as unknown as Handlers;
    expect(await dispatch(busy, 'sandbox.reset', {})).toEqual({ ok: false, error: { code: 'already-running', message: 'send S is already resuming' } });
  });

  it('rejects extra argument keys (strict contract)', async () => {
    const r = await dispatch(handlers, 'app.info', { evil: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it('turns a handler exception into a typed failure', async () => {
    expect(await dispatch(handlers, 'sandbox.reset', {})).toEqual({ ok: false, error: { code: 'failed', message: 'disk on fire' } });
  });

  it('refuses a result outside the contract', async () => {
    const r = await dispatch(handlers, 'environments.list', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'failed' } });
  });
});
