/**
 * `workspace.open` from an untrusted renderer: only folders the main side was given (start-up
 * folder, its own dialog, a drop or "open with", the recent list it keeps) open; anything else,
 * `/etc` included, is refused and the open workspace stays. Over the real services.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServices, type Services } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';

const examples = resolve(__dirname, '../../examples');
const running: Services[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

function folders() {
  const base = mkdtempSync(join(tmpdir(), 'preflight-open-'));
  const a = join(base, 'workspace-a');
  const b = join(base, 'workspace-b');
  cpSync(examples, a, { recursive: true });
  cpSync(examples, b, { recursive: true });
  return { base, a, b, dataDir: join(base, 'data') };
}

async function start(workspaceDir: string, dataDir: string) {
  const s = await createServices({ host: 'browser', version: 'test', workspaceDir, dataDir, secrets: new MemorySecretStore(), emit: () => undefined });
  running.push(s);
  return s;
}

describe('workspace.open', () => {
  it('refuses /etc with a typed forbidden error, and the workspace that was open stays open', async () => {
    const f = folders();
    const s = await start(f.a, f.dataDir);
    expect(await dispatch(s.handlers, 'workspace.open', {})).toMatchObject({ ok: true, value: { dir: f.a } });
    const r = await dispatch(s.handlers, 'workspace.open', { dir: '/etc' });
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('/etc was not opened from this app') } });
    expect(await dispatch(s.handlers, 'workspace.current', {})).toMatchObject({ ok: true, value: { dir: f.a } });
    // Nothing was read from /etc: the refusal comes before any file access, the same for a folder that does not exist.
    const missing = await dispatch(s.handlers, 'workspace.open', { dir: join(f.base, 'no-such-folder') });
    expect(missing.ok ? '' : missing.error.message.replace(join(f.base, 'no-such-folder'), 'X')).toBe(r.ok ? '' : r.error.message.replace('/etc', 'X'));
  });

  it('refuses another folder the person never chose, even a real workspace', async () => {
    const f = folders();
    const s = await start(f.a, f.dataDir);
    expect(await dispatch(s.handlers, 'workspace.open', { dir: f.b })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('opens the start-up folder by name, and a link to it', async () => {
    const f = folders();
    const link = join(f.base, 'link-to-a');
    symlinkSync(f.a, link);
    const s = await start(f.a, f.dataDir);
    expect(await dispatch(s.handlers, 'workspace.open', { dir: f.a })).toMatchObject({ ok: true });
    expect(await dispatch(s.handlers, 'workspace.open', { dir: link })).toMatchObject({ ok: true });
  });

  it('a folder granted by the main side (its dialog, a drop) opens, and goes first in the recent list', async () => {
    const f = folders();
    const s = await start(f.a, f.dataDir);
    s.workspaceAccess.grant(f.b);
    expect(await dispatch(s.handlers, 'workspace.open', { dir: f.b })).toMatchObject({ ok: true, value: { dir: f.b } });
    expect(await dispatch(s.handlers, 'app.recentWorkspaces', {})).toMatchObject({ ok: true, value: { status: 'done', items: [{ path: f.b }] } });
  });

  it('the browser host remembers the folders it was started with: a later run may reopen them from its recent list', async () => {
    const f = folders();
    const first = await start(f.a, f.dataDir);
    await dispatch(first.handlers, 'workspace.open', {});
    await first.close();
    running.splice(running.indexOf(first), 1);
    expect(JSON.parse(readFileSync(join(f.dataDir, 'recent-workspaces.json'), 'utf8'))).toEqual([{ path: f.a, name: 'workspace-a' }]);
    const second = await start(f.b, f.dataDir);
    expect(await dispatch(second.handlers, 'workspace.open', { dir: f.a })).toMatchObject({ ok: true, value: { dir: f.a } });
  });
});
