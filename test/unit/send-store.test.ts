/** The send store over the fake host boundary (test/unit/fake-api.ts); the real host and sandbox are test/e2e/send*.spec.ts's. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fails, fakeHost, flush, listening, ok, push, resetFakeHost } from './fake-api';

vi.mock('../../renderer/api/client', async (original) => (await import('./fake-api')).fakeClient(original as never));

const { useSend } = await import('../../renderer/stores/send');
const initial = useSend.getState();

const environment = { id: 'sandbox', name: 'Sandbox', production: false };
const draft = { draftId: 'd1', environment, campaignId: 'c1', recipients: 2, blocking: [] };
const detail = (status: string) => ({ sendId: 's1', environment, campaignId: 'c1', status, batches: [] });
// A new data set per call: the host's copy (renderer/stores/host-data.ts) is posted once per data set.
const requestOf = () => ({ campaignFile: 'campaigns/a.yaml', campaignId: 'c1', campaignName: 'A', data: { target_by: 'user_id', target: ['u1', 'u2'], params: {}, target_with_params: {} }, environmentId: 'sandbox' });
const held = { 'data.set': ok({ dataRevision: '1.0' }) };

beforeEach(() => {
  resetFakeHost();
  useSend.setState(initial, true);
});

describe('send store', () => {
  it('a confirmed send is followed until it finishes, then stops listening for progress', async () => {
    let status = 'running';
    fakeHost.handlers = { ...held, 'send.prepare': ok(draft), 'send.start': ok({ sendId: 's1' }), 'send.status': () => ({ ok: true as const, value: detail(status) }) };
    useSend.getState().prepare(requestOf() as never);
    await flush();
    await useSend.getState().confirm();
    await flush();
    expect(useSend.getState().sendId).toBe('s1');
    expect(listening('send.progress')).toBe(1);
    status = 'done';
    push('send.progress', { sendId: 's1', done: 2, total: 2, status: 'done' });
    await flush();
    expect(useSend.getState().detail?.status).toBe('done');
    expect(listening('send.progress')).toBe(0);
  });

  it('a start the host refuses shows its typed error with the place, and the preview it would send now', async () => {
    fakeHost.handlers = {
      ...held,
      'send.prepare': ok(draft),
      'send.start': fails('invalid-arguments', 'the send check changed since the preview', [{ path: 'draftId', message: 'is stale' }]),
    };
    useSend.getState().prepare(requestOf() as never);
    await flush();
    await useSend.getState().confirm();
    expect(useSend.getState().error).toBe('the send check changed since the preview: draftId is stale');
    expect(useSend.getState().busy).toBe(false);
    expect(fakeHost.calls.filter((c) => c.channel === 'send.prepare')).toHaveLength(2);
    expect(useSend.getState().draft).toEqual(draft);
  });

  it('extra properties that are not JSON are reported before anything reaches the host', async () => {
    fakeHost.handlers = { ...held, 'send.prepare': ok(draft) };
    useSend.getState().prepare(requestOf() as never);
    await flush();
    useSend.getState().setOptions({ extra: '{"a":' });
    await flush();
    expect(useSend.getState().error).toMatch(/^extra properties are not JSON/);
    expect(useSend.getState().draft).toBeUndefined();
    expect(useSend.getState().preparing).toBe(false);
    expect(fakeHost.calls.filter((c) => c.channel === 'send.prepare')).toHaveLength(1);
  });

  it('a send-option change or another environment plans again by revision: the data set crosses once', async () => {
    fakeHost.handlers = { ...held, 'send.prepare': ok(draft) };
    const r = requestOf();
    useSend.getState().prepare(r as never);
    await flush();
    useSend.getState().setOptions({ time: '2030-01-01 10:00' });
    await flush();
    useSend.getState().setEnvironment('other');
    await flush();
    const prepares = fakeHost.calls.filter((c) => c.channel === 'send.prepare').map((c) => c.args as Record<string, unknown>);
    expect(prepares).toHaveLength(3);
    for (const p of prepares) {
      expect(p.dataRevision).toBe('1.0');
      expect(p).not.toHaveProperty('data');
    }
    expect(prepares.map((p) => p.environmentId)).toEqual(['sandbox', 'sandbox', 'other']);
    expect(fakeHost.calls.filter((c) => c.channel === 'data.set')).toEqual([{ channel: 'data.set', args: { data: r.data } }]);
  });

  it('another environment or send option withdraws the preview at once: no confirm can send the one planned before', async () => {
    const other = { id: 'other', name: 'Other', production: false };
    // The plan for the new environment is held until the test has tried to confirm.
    let release: () => void = () => {};
    const held2 = new Promise<void>((r) => (release = r));
    fakeHost.handlers = {
      ...held,
      'send.prepare': async (a) => {
        const env = (a as { environmentId: string }).environmentId;
        if (env === 'other') await held2;
        return { ok: true as const, value: { ...draft, draftId: `d-${env}`, environment: env === 'other' ? other : environment } };
      },
      'send.start': ok({ sendId: 's1' }),
      'send.status': () => ({ ok: true as const, value: detail('running') }),
    };
    useSend.getState().prepare(requestOf() as never);
    await flush();
    expect(useSend.getState().draft?.environment.id).toBe('sandbox');
    useSend.getState().setEnvironment('other');
    // Until the plan for Other arrives there is no preview to confirm, and confirming sends nothing.
    expect(useSend.getState().draft).toBeUndefined();
    await useSend.getState().confirm();
    expect(fakeHost.calls.filter((c) => c.channel === 'send.start')).toHaveLength(0);
    release();
    await flush();
    expect(useSend.getState().draft?.environment.id).toBe('other');
    await useSend.getState().confirm();
    const starts = fakeHost.calls.filter((c) => c.channel === 'send.start').map((c) => c.args as { draftId: string; confirmation: { environmentId: string } });
    expect(starts).toEqual([expect.objectContaining({ draftId: 'd-other', confirmation: expect.objectContaining({ environmentId: 'other' }) })]);

    // A send option too: the preview shown is always the plan for the options chosen.
    useSend.getState().prepare(requestOf() as never);
    await flush();
    expect(useSend.getState().draft).toBeDefined();
    useSend.getState().setOptions({ time: '2030-01-01 10:00' });
    expect(useSend.getState().draft).toBeUndefined();
    await flush();
    expect(useSend.getState().draft).toBeDefined();
  });

  it('new params of the same data set travel as an edit, not as the set', async () => {
    fakeHost.handlers = { ...held, 'data.edit': ok({ dataRevision: '1.1' }), 'send.prepare': ok(draft) };
    const r = requestOf();
    useSend.getState().prepare(r as never);
    await flush();
    useSend.getState().prepare({ ...r, data: { ...r.data, params: { promo: 'X' } } } as never);
    await flush();
    expect(fakeHost.calls.filter((c) => c.channel === 'data.set')).toHaveLength(1);
    expect(fakeHost.calls.filter((c) => c.channel === 'data.edit').map((c) => c.args)).toEqual([{ dataRevision: '1.0', edits: [{ kind: 'params', params: { promo: 'X' } }] }]);
    expect((fakeHost.calls.filter((c) => c.channel === 'send.prepare').at(-1)!.args as { dataRevision: string }).dataRevision).toBe('1.1');
    expect(useSend.getState().draft).toEqual(draft);
  });

  it('a revision the host no longer holds posts the set again once and plans with the new one', async () => {
    let sets = 0;
    fakeHost.handlers = {
      'data.set': () => ({ ok: true as const, value: { dataRevision: `${++sets}.0` } }),
      'send.prepare': (a) => ((a as { dataRevision: string }).dataRevision === '1.0' ? fails('stale-data', 'not held')() : ok(draft)()),
    };
    useSend.getState().prepare(requestOf() as never);
    await flush();
    await flush();
    expect(sets).toBe(2);
    expect(fakeHost.calls.filter((c) => c.channel === 'send.prepare').map((c) => (c.args as { dataRevision: string }).dataRevision)).toEqual(['1.0', '2.0']);
    expect(useSend.getState().draft).toEqual(draft);
    expect(useSend.getState().error).toBeUndefined();
  });

  it('a resume already running elsewhere follows that run instead of showing a failure', async () => {
    fakeHost.handlers = { 'send.status': ok(detail('running')), 'send.resume': fails('already-running', 'send s1 is running in another window') };
    await expect(useSend.getState().resume('s1', 2)).rejects.toThrow(/another window/);
    await flush();
    expect(useSend.getState().error).toBeUndefined();
    expect(useSend.getState().sendId).toBe('s1');
    expect(useSend.getState().resumingId).toBeUndefined();
    expect(useSend.getState().busy).toBe(false);
  });

  it('environments that cannot be read say so in the send error (the interrupted-sends read after it does not wipe it)', async () => {
    fakeHost.handlers = { 'environments.list': fails('failed', 'the environments file is not JSON') };
    await useSend.getState().loadEnvironments();
    await flush();
    expect(useSend.getState().error).toBe('The environments could not be read: the environments file is not JSON');
  });
});
