/**
 * Unknown batches, decided on the main side: a re-send of one says how many users may receive the
 * message twice and needs the typed confirmation in every environment (a renderer cannot skip it),
 * and before anyone re-sends, the host reports what delivery follow-up knows about its users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../host/services';
import { MemorySecretStore } from '../../host/secrets';
import type { SendDetail, SendDraft, UnknownFollowUpView } from '../../shared/ipc/channels/send';
import { writeSendCampaign } from '../fixtures/send-workspace';
import { callerOf, value } from '../fixtures/host-calls';

let dir: string;
let services: Services;
const call = callerOf(() => services);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const confirmation = (recipients: number, typed?: string) => ({ environmentId: 'sandbox', campaignId: 'UNK', recipients, ...(typed ? { typed } : {}) });

/** Sends 6 targets in batches of 2, one at a time, with the sandbox's faults scripted per call. */
async function send(script: string[], faults: Record<string, unknown> = {}): Promise<SendDetail> {
  // Every fault in one call: each call sets the whole configuration.
  await value(call('sandbox.faults.set', { environmentId: 'sandbox', faults: { script, maxTargets: 10_000, ...faults } }));
  const target = ['a', 'b', 'c', 'd', 'e', 'f'].map((t) => `${t}${Math.random().toString(36).slice(2, 6)}`);
  const d = await value(call<SendDraft>('send.prepare', { environmentId: 'sandbox', campaignFile: 'campaigns/UNK.yaml', data: { target_by: 'user_id', target, params: {}, target_with_params: {} }, batchSize: 2 }));
  const { sendId } = await value(call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation(6) }));
  for (;;) {
    const s = await value(call<SendDetail>('send.status', { sendId }));
    if (s.status !== 'running') return s;
    await sleep(10);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-unknown-'));
  writeSendCampaign(join(dir, 'workspace'), 'UNK');
  services = await createServices({ host: 'browser', version: 'test', workspaceDir: join(dir, 'workspace'), dataDir: join(dir, 'data'), secrets: new MemorySecretStore(), emit: () => {} });
  await value(call('environments.save', { environment: { id: 'sandbox', name: 'Sandbox', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, ratePerSecond: 1000, concurrency: 1 } }));
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('re-sending an unknown batch', () => {
  it('says how many users may receive the message twice, and the host refuses it without the typed campaign id — even outside production', async () => {
    const s = await send(['ok', '500', 'ok']);
    expect(s.batches.map((b) => b.state)).toEqual(['acknowledged', 'unknown', 'acknowledged']);
    const draft = await value(call<SendDraft>('send.prepareResend', { sendId: s.sendId, batches: [1] }));
    expect(draft).toMatchObject({ mayReceiveTwice: { batches: [1], recipients: 2 }, typeToConfirm: ['UNK', 'Sandbox'] });
    const bare = await call('send.start', { draftId: draft.draftId, confirmation: confirmation(2) });
    expect(bare).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^2 of these recipients are in batches that ended unknown and may receive the message twice: type the campaign id \(UNK\)/) } });
    expect(await call('send.start', { draftId: draft.draftId, confirmation: confirmation(2, 'unk') })).toMatchObject({ ok: true });
  });

  it('a failed batch (the platform did not act) is re-sent without that warning', async () => {
    const s = await send([], { maxTargets: 1 });
    expect(s.batches.map((b) => b.state)).toEqual(['failed', 'failed', 'failed']);
    const draft = await value(call<SendDraft>('send.prepareResend', { sendId: s.sendId, batches: [0] }));
    expect(draft.mayReceiveTwice).toBeUndefined();
    expect(draft.typeToConfirm).toBeUndefined();
  });
});

describe('delivery follow-up of unknown batches', () => {
  it("an unknown batch the platform acted on (unreadable reply) shows its users' delivery events; one it did not (HTTP 500) shows none", async () => {
    const s = await send(['malformed', '500', 'ok']);
    expect(s.batches.map((b) => b.state)).toEqual(['unknown', 'unknown', 'acknowledged']);
    let f: UnknownFollowUpView;
    // The sandbox posts its delivery webhooks shortly after acting.
    for (let tries = 0; ; tries++) {
      f = await value(call<UnknownFollowUpView>('send.unknownFollowUp', { sendId: s.sendId }));
      if (f.batches[0]!.delivered === 2 || tries > 100) break;
      await sleep(20);
    }
    expect(f.platformProblem).toBeUndefined();
    expect(f.batches.map((b) => b.index)).toEqual([0, 1]);
    expect(f.batches[0]).toMatchObject({ targets: 2, delivered: 2, verdict: 'acted' });
    expect(f.batches[0]!.summary).toMatch(/^The platform acted on this batch: 2 of 2 users have delivery events/);
    expect(f.batches[1]).toMatchObject({ targets: 2, delivered: 0, clicked: 0, errors: [], verdict: 'no-evidence' });
    expect(f.batches[1]!.summary).toMatch(/^No delivery events or errors for its 2 users so far/);
  });
});
