// The browser-host transport (renderer/api/http-transport.ts): the parts of a big data set go through
// the IPC worker, every other call is posted from the calling thread; a failed worker answers `failed`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcWorkerReply, IpcWorkerRequest } from '../../renderer/workers/ipc-protocol';

class FakeWorker {
  static made: FakeWorker[] = [];
  onmessage?: (e: { data: IpcWorkerReply }) => void;
  onerror?: (e: { message: string; preventDefault(): void }) => void;
  posted: IpcWorkerRequest[] = [];
  terminated = false;
  constructor(readonly url: URL) {
    FakeWorker.made.push(this);
  }
  postMessage(m: IpcWorkerRequest) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
}

const fetched: string[] = [];
beforeEach(() => {
  FakeWorker.made = [];
  fetched.length = 0;
  vi.stubGlobal('Worker', FakeWorker);
  vi.stubGlobal('fetch', async (url: string) => {
    fetched.push(url);
    return { json: async () => ({ ok: true, value: { from: 'fetch' } }) };
  });
});
afterEach(() => vi.unstubAllGlobals());

const { createHttpTransport } = await import('../../renderer/api/http-transport');

describe('the browser-host transport', () => {
  it('sends data.part through the IPC worker and nothing else', async () => {
    const api = createHttpTransport();
    const part = api.invoke('data.part', { index: 1, upload: 'u', part: { target: ['a'], values: {} } } as never);
    const w = FakeWorker.made[0]!;
    expect(w.url.pathname).toMatch(/\/renderer\/workers\/ipc-worker\.ts$/);
    expect(w.posted).toEqual([{ seq: 1, channel: 'data.part', args: { index: 1, upload: 'u', part: { target: ['a'], values: {} } } }]);
    expect(fetched).toEqual([]);
    w.onmessage!({ data: { seq: 1, reply: { ok: true, value: { upload: 'u' } as never } } });
    expect(await part).toEqual({ ok: true, value: { upload: 'u' } });

    expect(await api.invoke('environments.list', {} as never)).toEqual({ ok: true, value: { from: 'fetch' } });
    expect(fetched).toEqual(['/ipc/environments.list']);
    expect(w.posted).toHaveLength(1);
  });

  it('a worker that fails answers what it holds with failed, and the next part starts a new one', async () => {
    const api = createHttpTransport();
    const first = api.invoke('data.part', { index: 0 } as never);
    const w = FakeWorker.made[0]!;
    w.onerror!({ message: 'boom', preventDefault() {} });
    expect(await first).toEqual({ ok: false, error: { code: 'failed', message: 'the app host cannot be reached: boom' } });
    expect(w.terminated).toBe(true);
    void api.invoke('data.part', { index: 0 } as never);
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1]!.posted).toHaveLength(1);
  });
});
