/** The sandbox faults store over the fake host boundary (test/unit/fake-api.ts). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fails, fakeHost, flush, listening, ok, push, resetFakeHost } from './fake-api';

vi.mock('../../renderer/api/client', async (original) => (await import('./fake-api')).fakeClient(original as never));

const { useFaults } = await import('../../renderer/stores/faults');

beforeEach(() => {
  resetFakeHost();
  useFaults.setState({ byEnvironment: {}, error: undefined });
});

describe('faults store', () => {
  it('a watched sandbox is read again when a call says a fault was injected, and no longer listened to once nothing watches it', async () => {
    let latency = 0;
    fakeHost.handlers['sandbox.faults.get'] = () => ({ ok: true as const, value: { latencyMs: latency } });
    const unwatchBanner = useFaults.getState().watch(['sandbox']);
    const unwatchForm = useFaults.getState().watch(['sandbox']);
    await flush();
    expect(useFaults.getState().byEnvironment.sandbox).toEqual({ latencyMs: 0 });
    latency = 500;
    push('sandbox.call', { environmentId: 'sandbox', fault: 'latency' });
    await flush();
    expect(useFaults.getState().byEnvironment.sandbox).toEqual({ latencyMs: 500 });
    unwatchForm();
    expect(listening('sandbox.call')).toBe(1);
    unwatchBanner();
    unwatchBanner();
    expect(listening('sandbox.call')).toBe(0);
  });

  it('faults that cannot be read say so and keep what was read before', async () => {
    fakeHost.handlers['sandbox.faults.get'] = ok({ latencyMs: 10 });
    await useFaults.getState().refresh(['sandbox']);
    fakeHost.handlers['sandbox.faults.get'] = fails('failed', 'the sandbox is not running');
    await useFaults.getState().refresh(['sandbox']);
    expect(useFaults.getState().error).toBe("The sandbox's faults could not be read: the sandbox is not running");
    expect(useFaults.getState().byEnvironment.sandbox).toEqual({ latencyMs: 10 });
  });
});
