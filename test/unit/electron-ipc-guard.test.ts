import { describe, expect, it } from 'vitest';
import { guardSender, senderRefusal } from '../../electron/ipc-guard';

const appUrl = 'app://preflight/index.html';
const ok = async () => ({ ok: true as const, value: 'handled' });

describe('IPC sender check', () => {
  it('handles a message from the app page', async () => {
    const h = guardSender(appUrl, ok);
    expect(await h({ senderFrame: { url: 'app://preflight/index.html', parent: null } })).toEqual({ ok: true, value: 'handled' });
  });
  it('refuses a subframe even on the app origin (an email preview cannot call the main process)', async () => {
    const h = guardSender(appUrl, ok);
    const r = await h({ senderFrame: { url: 'app://preflight/index.html', parent: {} } });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
  it('refuses a page from another origin and a destroyed frame, without running the handler', async () => {
    let ran = 0;
    const refused: string[] = [];
    const h = guardSender(
      appUrl,
      async () => ((ran += 1), { ok: true as const, value: 1 }),
      (reason) => refused.push(reason),
    );
    for (const event of [{ senderFrame: { url: 'https://evil.example/', parent: null } }, { senderFrame: { url: 'file:///tmp/x.html', parent: null } }, { senderFrame: null }, {}]) {
      expect(await h(event)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(ran).toBe(0);
    expect(refused).toHaveLength(4);
  });
  it('says why a sender is refused', () => {
    expect(senderRefusal({ senderFrame: { url: 'https://x/', parent: null } }, appUrl)).toMatch(/outside the app/);
    expect(senderRefusal({ senderFrame: { url: appUrl, parent: null } }, appUrl)).toBeUndefined();
  });
  it('passes the arguments through to the handler', async () => {
    const h = guardSender(appUrl, async (_e, a: unknown, b: unknown) => ({ ok: true as const, value: [a, b] }));
    expect(await h({ senderFrame: { url: appUrl, parent: null } }, 1, 'two')).toEqual({ ok: true, value: [1, 'two'] });
  });
});
