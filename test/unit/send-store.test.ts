/**
 * The send store over a stand-in for the renderer's one boundary to the host (renderer/api/client.ts's
 * `api`): channels answer as the host's typed replies do, events are pushed as the host pushes them.
 * The real host, sandbox and Chromium are the e2e suite's (test/e2e/send*.spec.ts).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcReply } from '../../shared/ipc/contract';

const host = vi.hoisted(() => ({
  handlers: {} as Record<string, (args: unknown) => IpcReply<unknown>>,
  listeners: new Map<string, Set<(p: unknown) => void>>(),
  calls: [] as { channel: string; args: unknown }[],
}));

vi.mock('../../renderer/api/client', async (original) => {
  const real = await original<typeof import('../../renderer/api/client')>();
  const api = {
    invoke: async (channel: string, args: unknown) => {
      host.calls.push({ channel, args });
      const h = host.handlers[channel];
      return h ? h(args) : { ok: false, error: { code: 'failed', message: `no handler for ${channel}` } };
    },
    on: (event: string, fn: (p: unknown) => void) => {
      const set = host.listeners.get(event) ?? new Set();
      host.listeners.set(event, set);
      set.add(fn);
      return () => void set.delete(fn);
    },
  };
  return {
    ...real,
    api,
    call: async (channel: string, args: unknown) => {
      const reply = await api.invoke(channel, args);
      if (!reply.ok) throw new real.IpcCallError(reply.error as never);
      return reply.value;
    },
  };
});

const { useSend } = await import('../../renderer/stores/send');
const initial = useSend.getState();
const push = (event: string, payload: unknown) => host.listeners.get(event)?.forEach((fn) => fn(payload));
const listening = (event: string) => host.listeners.get(event)?.size ?? 0;
const ok = (value: unknown) => () => ({ ok: true as const, value });
const flush = () => new Promise((r) => setTimeout(r, 0));

const environment = { id: 'sandbox', name: 'Sandbox', production: false };
const draft = { draftId: 'd1', environment, campaignId: 'c1', recipients: 2, blocking: [] };
const detail = (status: string) => ({ sendId: 's1', environment, campaignId: 'c1', status, batches: [] });
const requestOf = { campaignFile: 'campaigns/a.yaml', campaignId: 'c1', campaignName: 'A', data: { target: ['u1', 'u2'], params: {}, target_with_params: {} }, environmentId: 'sandbox' };

beforeEach(() => {
  host.handlers = {};
  host.calls = [];
  useSend.setState(initial, true);
});

describe('send store', () => {
  it('a confirmed send is followed until it finishes, then stops listening for progress', async () => {
    let status = 'running';
    host.handlers = { 'send.prepare': ok(draft), 'send.start': ok({ sendId: 's1' }), 'send.status': () => ({ ok: true, value: detail(status) }) };
    useSend.getState().prepare(requestOf as never);
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
    host.handlers = {
      'send.prepare': ok(draft),
      'send.start': () => ({ ok: false, error: { code: 'invalid', message: 'the send check changed since the preview', issues: [{ path: 'draftId', message: 'is stale' }] } }),
    };
    useSend.getState().prepare(requestOf as never);
    await flush();
    await useSend.getState().confirm();
    expect(useSend.getState().error).toBe('the send check changed since the preview: draftId is stale');
    expect(useSend.getState().busy).toBe(false);
    expect(host.calls.filter((c) => c.channel === 'send.prepare')).toHaveLength(2);
    expect(useSend.getState().draft).toEqual(draft);
  });

  it('extra properties that are not JSON are reported before anything reaches the host', async () => {
    host.handlers = { 'send.prepare': ok(draft) };
    useSend.getState().prepare(requestOf as never);
    await flush();
    useSend.getState().setOptions({ extra: '{"a":' });
    await flush();
    expect(useSend.getState().error).toMatch(/^extra properties are not JSON/);
    expect(useSend.getState().draft).toBeUndefined();
    expect(useSend.getState().preparing).toBe(false);
    expect(host.calls.filter((c) => c.channel === 'send.prepare')).toHaveLength(1);
  });

  it('a resume already running elsewhere follows that run instead of showing a failure', async () => {
    host.handlers = { 'send.status': ok(detail('running')), 'send.resume': () => ({ ok: false, error: { code: 'already-running', message: 'send s1 is running in another window' } }) };
    await expect(useSend.getState().resume('s1', 2)).rejects.toThrow(/another window/);
    await flush();
    expect(useSend.getState().error).toBeUndefined();
    expect(useSend.getState().sendId).toBe('s1');
    expect(useSend.getState().resumingId).toBeUndefined();
    expect(useSend.getState().busy).toBe(false);
  });

  it('environments that cannot be read say so in the send error (the interrupted-sends read after it does not wipe it)', async () => {
    host.handlers = { 'environments.list': () => ({ ok: false, error: { code: 'failed', message: 'the environments file is not JSON' } }) };
    await useSend.getState().loadEnvironments();
    await flush();
    expect(useSend.getState().error).toBe('The environments could not be read: the environments file is not JSON');
  });
});
