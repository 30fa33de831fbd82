/**
 * The main side decides what is sent: which findings block a send is computed by the host from the
 * saved campaign file, the workspace's settings and profiles, the environment and the data it will
 * post — at send.prepare and again before the first request — through the real handlers and the
 * real sandbox. The renderer has no say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createServices, type Services } from '../../host/services';
import { MemorySecretStore } from '../../host/secrets';
import { VerdictRunner } from '../../host/send/verdict-runner';
import type { SendDetail, SendDraft } from '../../shared/ipc/channels/send';
import { evaluate } from '../../shared/pipeline';
import type { Campaign } from '../../shared/campaign/model';
import { writeSendCampaign } from '../fixtures/send-workspace';
import { callerOf, value } from '../fixtures/host-calls';

let dir: string;
let ws: string;
let services: Services;
const call = callerOf(() => services);
const data = (target: string[]) => ({ target_by: 'user_id', target, params: {}, target_with_params: {} });
const confirmation = (campaignId: string, recipients: number) => ({ environmentId: 'sandbox', campaignId, recipients });
const received = async () => (await value(call<{ body: { target: string[] } }[]>('sandbox.calls', {}))).flatMap((c) => c.body.target);
async function settle(sendId: string): Promise<SendDetail> {
  for (;;) {
    const d = await value(call<SendDetail>('send.status', { sendId }));
    if (d.status !== 'running') return d;
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-check-'));
  ws = join(dir, 'workspace');
  writeSendCampaign(ws, 'CLEAN');
  writeSendCampaign(ws, 'BLOCKED', { from: 'AB' });
  services = await createServices({ host: 'browser', version: 'test', workspaceDir: ws, dataDir: join(dir, 'data'), secrets: new MemorySecretStore(), emit: () => {} });
  await value(call('environments.save', { environment: { id: 'sandbox', name: 'Sandbox', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, ratePerSecond: 1000 } }));
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the host decides what blocks a send', () => {
  it('a renderer that sends no blocking list for a campaign with a blocking error is refused at start, and nothing is sent', async () => {
    const d = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: 'campaigns/BLOCKED.yaml', data: data(['b1']) }));
    expect(d.campaignId).toBe('BLOCKED');
    expect(d.verdict).toMatchObject({ blocked: true, withErrors: 1, users: 1 });
    expect(d.blocking).toEqual(['1 user has errors or blocking findings', 'b1 · sms: SMS from name "AB" has 2 characters; it must have 3 to 11']);
    const r = await call('send.start', { draftId: d.draftId, confirmation: confirmation('BLOCKED', 1) });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/the send has 2 blocking errors: state a reason to send anyway; nothing was sent/) } });
    expect(await received()).not.toContain('b1');
  });

  it('a renderer that offers its own blocking list (say, an empty one) is refused: the argument does not exist', async () => {
    const r = await call('send.prepare', { environmentId: 'sandbox', campaignFile: 'campaigns/BLOCKED.yaml', data: data(['b2']), blocking: [] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const old = await call('send.prepare', { environmentId: 'sandbox', campaignId: 'BLOCKED', data: data(['b2']) });
    expect(old).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it("the override still sends, and the journal keeps the reason with the host's own findings", async () => {
    const d = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: 'campaigns/BLOCKED.yaml', data: data(['b3']) }));
    const { sendId } = await value(call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation('BLOCKED', 1), overrideReason: 'the from name is fixed on the platform' }));
    const s = await settle(sendId);
    expect(s.batchCounts.acknowledged).toBe(1);
    expect(s.override).toEqual({ reason: 'the from name is fixed on the platform', errors: d.blocking });
    expect(await received()).toContain('b3');
  });

  it('a clean campaign is not blocked and sends without a reason', async () => {
    const d = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: 'campaigns/CLEAN.yaml', data: data(['c1', 'c2']) }));
    expect(d).toMatchObject({ blocking: [], verdict: { blocked: false, users: 2 }, checked: { campaignFile: 'campaigns/CLEAN.yaml', profileFiles: [] } });
    const { sendId } = await value(call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation('CLEAN', 2) }));
    expect((await settle(sendId)).batchCounts.acknowledged).toBe(1);
  });

  it('the saved file changed between the preview and the start: the check runs again and the new blocking error refuses the start', async () => {
    const file = writeSendCampaign(ws, 'EDITED');
    const d = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: file, data: data(['e1']) }));
    expect(d.blocking).toEqual([]);
    writeSendCampaign(ws, 'EDITED', { from: 'A B C D E F G H' });
    const r = await call('send.start', { draftId: d.draftId, confirmation: confirmation('EDITED', 1) });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^the send check changed since the preview .*: it now has 2 blocking reasons; look at the preview again; nothing was sent$/) } });
    expect(await received()).not.toContain('e1');
  });

  it('the environment switched to legacy personalisation after the preview: users with an empty attribute now block the start', async () => {
    const file = writeSendCampaign(ws, 'LEGACY', { text: 'Hi {{ first_name }}' });
    const d = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: file, data: data(['l1']) }));
    expect(d.verdict).toMatchObject({ blocked: false, notPersonalised: 1 });
    await value(call('environments.save', { environment: { id: 'sandbox', name: 'Sandbox', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, ratePerSecond: 1000, legacyPersonalisation: true } }));
    try {
      const r = await call('send.start', { draftId: d.draftId, confirmation: confirmation('LEGACY', 1) });
      expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('the send check changed since the preview') } });
      const again = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: file, data: data(['l1']) }));
      expect(again.blocking[0]).toBe('The environment runs legacy personalisation: 1 user(s) have an attribute that resolves to empty and would not be sent');
    } finally {
      await value(call('environments.save', { environment: { id: 'sandbox', name: 'Sandbox', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, ratePerSecond: 1000 } }));
    }
  });

  it("the host uses the workspace's guardrail levels and profiles, read from disk", async () => {
    const file = writeSendCampaign(ws, 'SETTINGS', { text: 'Hi {{ first_name }}, {{ nickname }}' });
    const before = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: file, data: data(['s1']) }));
    expect(before.blocking).toEqual([]);
    writeFileSync(join(ws, 'preflight.settings.json'), JSON.stringify({ guardrails: { 'data-unsupplied': 'blocking' } }));
    mkdirSync(join(ws, 'profiles'), { recursive: true });
    writeFileSync(join(ws, 'profiles', 'p.csv'), 'user_id,first_name\ns1,Ann\n');
    try {
      const after = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: file, data: data(['s1']) }));
      expect(after.checked).toEqual({ campaignFile: file, settingsFile: 'preflight.settings.json', profileFiles: ['profiles/p.csv'] });
      // first_name comes from the profile; nickname nobody supplies, which the team made blocking.
      expect(after.blocking).toEqual(['{{ nickname }} is supplied by no column, param or profile: it prints as empty for every user (node sms)']);
    } finally {
      rmSync(join(ws, 'preflight.settings.json'));
      rmSync(join(ws, 'profiles'), { recursive: true });
    }
  });

  it('a campaign file that is not in the workspace, or not a campaign file, is refused and nothing is planned', async () => {
    for (const campaignFile of ['campaigns/missing.yaml', '../../etc/passwd', 'reviews/x.json']) {
      const r = await call('send.prepare', { environmentId: 'sandbox', campaignFile, data: data(['x1']) });
      expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/nothing was sent$/) } });
    }
  });
});

describe('big send checks run in a worker thread', () => {
  it('the worker bundle gives the verdict an inline run gives', async () => {
    const out = join(dir, 'verdict-worker.mjs');
    // As scripts/build.mjs builds it: CommonJS dependencies bundled into ESM (yaml, for file positions) need require.
    const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
    await build({ entryPoints: ['host/send/verdict-worker.ts'], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning', banner });
    const campaign: Campaign = { name: 'Big', id: 'BIG', type: 'single-stage', target_by: 'user_id', nodes: [{ key: 'sms', channel: 'sms', content: { from: 'Shop', text: 'Hi {{ first_name }}, code {{ code }}' } }] };
    const target = Array.from({ length: 30_000 }, (_, i) => `u${i}`);
    const job = { campaign, data: { target_by: 'user_id', target, params: {}, target_with_params: Object.fromEntries(target.map((t, i) => [t, i % 7 ? { code: `C${i}` } : {}])) }, legacyPersonalisation: true };
    const runner = new VerdictRunner({ workerFile: out, inlineCells: 1000 });
    const verdict = await runner.run(job);
    expect(runner.lastMode).toBe('worker');
    expect(verdict).toEqual(evaluate(job).verdict);
    expect(verdict).toMatchObject({ blocked: true, users: 30_000, notPersonalised: 30_000 });
    const sliced = new VerdictRunner({ inlineCells: 1000 });
    expect(await sliced.run(job)).toEqual(verdict);
    expect(sliced.lastMode).toBe('sliced');

    // Columns from a table import, profiles and an id named __proto__ cross to the worker in chunks and arrive whole.
    const ids = ['__proto__', ...target.slice(1)];
    const columns = { kind: 'columns' as const, columns: ['code'], at: [1], ids, rows: ids.map((t, i) => [t, i % 5 ? `C${i}` : '']) };
    const profiles = Object.fromEntries(ids.filter((_, i) => i % 3).map((t) => [t, { first_name: 'Ann' }]));
    const tabled = { campaign, data: { target_by: 'user_id', target: ids, params: {}, target_with_params: columns }, profiles, settings: {} };
    const fromColumns = await runner.run(tabled);
    expect(runner.lastMode).toBe('worker');
    expect(fromColumns).toEqual(evaluate(tabled).verdict);
    expect(fromColumns.withWarnings).toBeGreaterThan(0);
  });
});
