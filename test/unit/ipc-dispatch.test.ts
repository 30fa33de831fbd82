import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../host/ipc/dispatch';

const handlers = {
  'app.info': async () => ({ version: '1', host: 'browser', dataDir: '/tmp' }),
  'environments.list': async () => [{ id: 'x' }],
  'sandbox.reset': async () => {
    throw new Error('disk on fire');
  },
} as unknown as Handlers;

describe('IPC dispatch', () => {
  it('returns the handler result for valid arguments', async () => {
    expect(await dispatch(handlers, 'app.info', {})).toEqual({ ok: true, value: { version: '1', host: 'browser', dataDir: '/tmp' } });
  });

  it('rejects unknown channels with a typed error', async () => {
    const r = await dispatch(handlers, 'fs.readFile', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-channel' } });
  });

  it('rejects malformed arguments with the path of every problem, without calling the handler', async () => {
    const r = await dispatch(handlers, 'send.execute', { environmentId: 3, data: { target: 'u1' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-arguments');
    const paths = r.error.issues!.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['environmentId', 'campaignId', 'data.target', 'confirmation']));
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
