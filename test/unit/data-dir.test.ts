/**
 * The data folder holds customers' values (sandbox calls, webhook events, journals, environments):
 * after a real send through the host's services, the folder and every folder in it are 0700 and
 * every file is 0600, and a folder an older version left readable is made private at start.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../../host/services';
import { MemorySecretStore } from '../../host/secrets';
import { dispatch } from '../../host/ipc/dispatch';
import { writeSendCampaign } from '../fixtures/send-workspace';

const base = mkdtempSync(join(tmpdir(), 'preflight-datadir-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Every path under `dir` with its permission bits. */
function modes(dir: string): [string, string][] {
  const out: [string, string][] = [[dir, (statSync(dir).mode & 0o777).toString(8)]];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...modes(p));
    else out.push([p, (statSync(p).mode & 0o777).toString(8)]);
  }
  return out;
}

async function sendThrough(dataDir: string) {
  const workspace = join(base, 'workspace');
  mkdirSync(workspace, { recursive: true });
  // The host checks the saved campaign file a send names.
  const campaignFile = writeSendCampaign(workspace, 'C1');
  let events = 0;
  const services = await createServices({ host: 'browser', version: 'test', workspaceDir: workspace, dataDir, secrets: new MemorySecretStore(), emit: (e) => void (e === 'webhook.events' && events++) });
  try {
    const call = async (channel: string, args: unknown) => {
      const r = await dispatch(services.handlers, channel, args);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as Record<string, unknown>;
    };
    await call('environments.save', { environment: { id: 'stage', name: 'Stage', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false } });
    const draft = await call('send.prepare', { environmentId: 'sandbox', campaignFile, data: { target_by: 'user_id', target: ['u1', 'u2'], params: {}, target_with_params: { u1: { code: 'A' } } } });
    const { sendId } = await call('send.start', { draftId: draft.draftId, confirmation: { environmentId: 'sandbox', campaignId: 'C1', recipients: 2 } });
    // Wait for the send to finish and for the sandbox's postbacks to be written (however long that takes).
    while ((await call('send.status', { sendId })).status === 'running') await new Promise((r) => setTimeout(r, 20));
    while (events < 1) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await services.close();
  }
}

describe.skipIf(process.platform === 'win32')('data folder permissions', () => {
  it('a new data folder is 0700 and every folder in it 0700, every file 0600, after a send with webhooks', async () => {
    const dataDir = join(base, 'fresh', 'data');
    await sendThrough(dataDir);
    const all = modes(dataDir);
    const files = all
      .filter(([p]) => statSync(p).isFile())
      .map(([p]) => p.slice(dataDir.length + 1))
      .sort();
    // What the host wrote: the sandbox's record, the webhook events, the journal, the environments.
    expect(files).toEqual(expect.arrayContaining(['environments.json', join('sandbox', 'calls.jsonl'), join('webhooks', 'events.jsonl')]));
    expect(files.some((f) => f.startsWith('sends'))).toBe(true);
    for (const [p, mode] of all) expect(mode, p).toBe(statSync(p).isDirectory() ? '700' : '600');
  });

  it('a data folder an older version left readable by others is made private at start', async () => {
    const dataDir = join(base, 'old', 'data');
    mkdirSync(join(dataDir, 'sandbox'), { recursive: true });
    writeFileSync(join(dataDir, 'sandbox', 'calls.jsonl'), '');
    writeFileSync(join(dataDir, 'window-state.json'), '{}');
    for (const p of [dataDir, join(dataDir, 'sandbox')]) chmodSync(p, 0o755);
    for (const p of [join(dataDir, 'sandbox', 'calls.jsonl'), join(dataDir, 'window-state.json')]) chmodSync(p, 0o644);
    await sendThrough(dataDir);
    for (const [p, mode] of modes(dataDir)) expect(mode, p).toBe(statSync(p).isDirectory() ? '700' : '600');
  });
});
