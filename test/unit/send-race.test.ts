/**
 * No race sends twice: pairs of state changes (start, resume, re-send, cancel, skip) for the same
 * send, fired with no gap and with small gaps, through the real host handlers (validation and
 * dispatch included) and the real sandbox. What arrived is counted at the sandbox's own durable
 * record (`<data>/sandbox/calls.jsonl`), which is independent of the send journal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';
import type { IpcReply } from '../../shared/ipc/contract';
import { writeSendCampaign } from '../fixtures/send-workspace';

let dir: string;
let services: Services;
let trial = 0;

type Reply<T = unknown> = IpcReply<T>;
const call = <T = unknown>(channel: string, args: unknown) => dispatch(services.handlers, channel, args) as Promise<Reply<T>>;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const GAPS = [0, 1, 5, 10, 15];

async function value<T>(p: Promise<Reply<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

interface Detail {
  sendId: string;
  status: string;
  batches: { index: number; state: string; targets: number }[];
  targetCounts: { acknowledged: number; neverSent: number; unknown: number; failed: number };
  problems: string[];
}

/** How many times the sandbox's durable record saw each target. */
function received(): Map<string, number> {
  const file = join(dir, 'data', 'sandbox', 'calls.jsonl');
  const counts = new Map<string, number>();
  if (!existsSync(file)) return counts;
  for (const line of readFileSync(file, 'utf8').split('\n')) if (line.trim()) for (const t of (JSON.parse(line) as { body: { target: string[] } }).body.target) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}
const twice = (prefix: string) => [...received()].filter(([t, n]) => t.startsWith(prefix) && n > 1).map(([t, n]) => `${t} ×${n}`);
const arrived = (prefix: string) => [...received()].filter(([t]) => t.startsWith(prefix)).length;

async function settle(sendId: string): Promise<Detail> {
  for (;;) {
    const d = await value(call<Detail>('send.status', { sendId }));
    if (d.status !== 'running') return d;
    await sleep(10);
  }
}

const confirmation = (recipients: number, typed?: string) => ({ environmentId: 'sandbox', campaignId: 'RACE', recipients, ...(typed ? { typed } : {}) });

/** A draft of `n` targets in batches of 2, each target named after the trial. */
async function draft(n: number, prefix: string) {
  const target = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  return value(call<{ draftId: string }>('send.prepare', { environmentId: 'sandbox', campaignFile: 'campaigns/RACE.yaml', data: { target_by: 'user_id', target, params: { p: 1 }, target_with_params: {} }, batchSize: 2 }));
}

/** A send cancelled after its first batches, so it has never-sent batches to resume. */
async function cancelledSend(prefix: string) {
  await value(call('sandbox.faults.set', { environmentId: 'sandbox', faults: { latencyMs: 15 } }));
  const d = await draft(24, prefix);
  const { sendId } = await value(call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation(24) }));
  while ((await value(call<Detail>('send.status', { sendId }))).targetCounts.acknowledged < 2) await sleep(3);
  await value(call('send.cancel', { sendId }));
  const after = await settle(sendId);
  expect(after.status).toBe('cancelled');
  expect(after.targetCounts.neverSent).toBeGreaterThan(0);
  return after;
}

/** A finished send whose first two batches ended unknown (HTTP 500: the sandbox did not act on them). */
async function sendWithUnknowns(prefix: string, opts: { cancelEarly?: boolean } = {}) {
  await value(call('sandbox.faults.set', { environmentId: 'sandbox', faults: { latencyMs: opts.cancelEarly ? 15 : 0, script: ['500', '500'] } }));
  const d = await draft(24, prefix);
  const { sendId } = await value(call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation(24) }));
  if (opts.cancelEarly) {
    while ((await value(call<Detail>('send.status', { sendId }))).batches.filter((b) => b.state !== 'never-sent' && b.state !== 'sending').length < 4) await sleep(3);
    await value(call('send.cancel', { sendId }));
  }
  const after = await settle(sendId);
  const unknown = after.batches.filter((b) => b.state === 'unknown').map((b) => b.index);
  expect(unknown).toHaveLength(2);
  return { ...after, unknown };
}

/**
 * The journal and the sandbox's record agree on every batch of a send: acknowledged batches arrived
 * exactly once, never-sent and failed ones not at all, unknown ones wholly or not at all.
 */
async function agrees(sendId: string) {
  const d = await value(call<Detail>('send.status', { sendId }));
  const problems: string[] = [...d.problems];
  const counts = received();
  for (const b of d.batches) {
    const targets = await value(call<string[]>('send.batchTargets', { sendId, index: b.index }));
    const got = targets.filter((t) => counts.has(t)).length;
    if (targets.some((t) => (counts.get(t) ?? 0) > 1)) problems.push(`batch ${b.index + 1} arrived more than once`);
    if (b.state === 'acknowledged' && got !== targets.length) problems.push(`batch ${b.index + 1} is acknowledged but ${got} of ${targets.length} arrived`);
    if ((b.state === 'never-sent' || b.state === 'failed') && got !== 0) problems.push(`batch ${b.index + 1} is ${b.state} but ${got} arrived`);
    if (b.state === 'unknown' && got !== 0 && got !== targets.length) problems.push(`batch ${b.index + 1} is unknown and partly arrived`);
  }
  return problems;
}

/** Fires two calls `gap` ms apart (0: in the same tick) and waits for both. */
async function pair<A, B>(a: () => Promise<A>, b: () => Promise<B>, gap: number): Promise<[A, B]> {
  const first = a();
  if (gap) await sleep(gap);
  return Promise.all([first, b()]);
}
const refused = (r: Reply) => !r.ok && (r.error.code === 'already-running' || /already re-sent/.test(r.error.message));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-race-'));
  const secrets = new MemorySecretStore();
  writeSendCampaign(join(dir, 'workspace'), 'RACE');
  services = await createServices({ host: 'browser', version: 'test', workspaceDir: join(dir, 'workspace'), dataDir: join(dir, 'data'), secrets, emit: () => {} });
  await value(call('environments.save', { environment: { id: 'sandbox', name: 'Sandbox', region: 'sandbox', baseUrl: 'http://127.0.0.1/', production: false, ratePerSecond: 1000, concurrency: 2 } }));
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two resumes of one send', () => {
  for (const gap of GAPS)
    it(`two send.resume ${gap} ms apart: one runs, the other is told the send is already running, and no target arrives twice`, async () => {
      const prefix = `resume${++trial}-`;
      const before = await cancelledSend(prefix);
      const c = confirmation(before.targetCounts.neverSent);
      const first = call('send.resume', { sendId: before.sendId, confirmation: c });
      if (gap) await sleep(gap);
      const second = call('send.resume', { sendId: before.sendId, confirmation: c });
      const replies = await Promise.all([first, second]);
      const after = await settle(before.sendId);
      expect(twice(prefix)).toEqual([]);
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(replies.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'already-running' } });
      expect(after).toMatchObject({ status: 'completed', problems: [] });
      expect(arrived(prefix)).toBe(24);
    });
});

describe('two starts of one draft', () => {
  for (const gap of GAPS)
    it(`a draft started twice ${gap} ms apart is sent once; the second start is told it already started`, async () => {
      const prefix = `start${++trial}-`;
      await value(call('sandbox.faults.set', { environmentId: 'sandbox', faults: { latencyMs: 0 } }));
      const d = await draft(12, prefix);
      const start = () => call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation(12) });
      const replies = await pair(start, start, gap);
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(replies.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'already-running' } });
      await settle(d.draftId);
      expect(twice(prefix)).toEqual([]);
      expect(arrived(prefix)).toBe(12);
      expect(await agrees(d.draftId)).toEqual([]);
    });
});

describe('two re-sends of the same unknown batches', () => {
  for (const gap of GAPS)
    it(`two re-send drafts of the same batches started ${gap} ms apart: one sends, the other is refused, and the parent records the re-send`, async () => {
      const prefix = `resend${++trial}-`;
      const parent = await sendWithUnknowns(prefix);
      const d1 = await value(call<{ draftId: string; recipients: number }>('send.prepareResend', { sendId: parent.sendId, batches: parent.unknown }));
      const d2 = await value(call<{ draftId: string; recipients: number }>('send.prepareResend', { sendId: parent.sendId, batches: parent.unknown }));
      const start = (d: { draftId: string; recipients: number }) => () => call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation(d.recipients, 'RACE') });
      const replies = await pair(start(d1), start(d2), gap);
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(refused(replies.find((r) => !r.ok)!)).toBe(true);
      const child = replies.find((r) => r.ok)!.value as { sendId: string };
      await settle(child.sendId);
      expect(twice(prefix)).toEqual([]);
      expect(arrived(prefix)).toBe(24);
      // A third try, after the fact, is refused too: the parent says where its batches went.
      const late = await call('send.prepareResend', { sendId: parent.sendId, batches: parent.unknown });
      expect(late).toMatchObject({ ok: false, error: { message: expect.stringMatching(new RegExp(`already re-sent \\(as send ${child.sendId}\\)`)) } });
      expect(await agrees(parent.sendId)).toEqual([]);
    });

  for (const gap of [0, 5, 15])
    it(`one re-send draft started twice ${gap} ms apart is sent once`, async () => {
      const prefix = `resend-same${++trial}-`;
      const parent = await sendWithUnknowns(prefix);
      const d = await value(call<{ draftId: string; recipients: number }>('send.prepareResend', { sendId: parent.sendId, batches: parent.unknown }));
      const start = () => call('send.start', { draftId: d.draftId, confirmation: confirmation(d.recipients, 'RACE') });
      const replies = await pair(start, start, gap);
      expect(replies.filter((r) => r.ok)).toHaveLength(1);
      expect(replies.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'already-running' } });
      await settle(d.draftId);
      expect(twice(prefix)).toEqual([]);
    });
});

describe('cancel against other changes', () => {
  for (const gap of [0, 5, 15])
    it(`resume and cancel ${gap} ms apart: whichever wins, the journal and the sandbox agree and nothing arrives twice`, async () => {
      const prefix = `resume-cancel${++trial}-`;
      const before = await cancelledSend(prefix);
      const [resumed, cancelled] = await pair(
        () => call('send.resume', { sendId: before.sendId, confirmation: confirmation(before.targetCounts.neverSent) }),
        () => call<{ cancelling: boolean }>('send.cancel', { sendId: before.sendId }),
        gap,
      );
      expect(resumed.ok).toBe(true);
      // Cancel lands while the resume is being set up (busy) or once it runs (it cancels).
      if (!cancelled.ok) expect(cancelled.error.code).toBe('already-running');
      await settle(before.sendId);
      expect(twice(prefix)).toEqual([]);
      expect(await agrees(before.sendId)).toEqual([]);
    });

  for (const gap of [0, 5, 15])
    it(`start and cancel ${gap} ms apart: the send is either cancelled or busy, never doubled`, async () => {
      const prefix = `start-cancel${++trial}-`;
      await value(call('sandbox.faults.set', { environmentId: 'sandbox', faults: { latencyMs: 10 } }));
      const d = await draft(24, prefix);
      const [started, cancelled] = await pair(
        () => call('send.start', { draftId: d.draftId, confirmation: confirmation(24) }),
        () => call<{ cancelling: boolean }>('send.cancel', { sendId: d.draftId }),
        gap,
      );
      expect(started.ok).toBe(true);
      if (!cancelled.ok) expect(cancelled.error.code).toBe('already-running');
      await settle(d.draftId);
      expect(await agrees(d.draftId)).toEqual([]);
    });

  it('two cancels of a running send: the first cancels, the second finds it already cancelling', async () => {
    const prefix = `cancel-cancel${++trial}-`;
    await value(call('sandbox.faults.set', { environmentId: 'sandbox', faults: { latencyMs: 15 } }));
    const d = await draft(24, prefix);
    await value(call('send.start', { draftId: d.draftId, confirmation: confirmation(24) }));
    const cancel = () => call<{ cancelling: boolean }>('send.cancel', { sendId: d.draftId });
    const replies = await pair(cancel, cancel, 0);
    expect(replies.map((r) => r.ok && r.value.cancelling)).toEqual([true, false]);
    expect(await settle(d.draftId)).toMatchObject({ status: 'cancelled' });
    expect(await agrees(d.draftId)).toEqual([]);
  });
});

describe('resume, re-send and skip of one send at once', () => {
  for (const gap of [0, 5, 15])
    it(`a resume and a re-send of the same send ${gap} ms apart: one runs, the other is told the send is busy`, async () => {
      const prefix = `resume-resend${++trial}-`;
      const parent = await sendWithUnknowns(prefix, { cancelEarly: true });
      expect(parent.targetCounts.neverSent).toBeGreaterThan(0);
      const d = await value(call<{ draftId: string; recipients: number }>('send.prepareResend', { sendId: parent.sendId, batches: parent.unknown }));
      const [resumed, resent] = await pair(
        () => call('send.resume', { sendId: parent.sendId, confirmation: confirmation(parent.targetCounts.neverSent) }),
        () => call<{ sendId: string }>('send.start', { draftId: d.draftId, confirmation: confirmation(d.recipients, 'RACE') }),
        gap,
      );
      const oks = [resumed, resent].filter((r) => r.ok);
      expect(oks.length).toBeGreaterThanOrEqual(1);
      for (const r of [resumed, resent]) if (!r.ok) expect(r.error.code).toBe('already-running');
      await settle(parent.sendId);
      await settle(d.draftId).catch(() => undefined);
      expect(twice(prefix)).toEqual([]);
      expect(await agrees(parent.sendId)).toEqual([]);
    });

  it('a skip and a re-send of the same unknown batches at once: one is recorded, the other is told the send is busy', async () => {
    const prefix = `skip-resend${++trial}-`;
    const parent = await sendWithUnknowns(prefix);
    const d = await value(call<{ draftId: string; recipients: number }>('send.prepareResend', { sendId: parent.sendId, batches: parent.unknown }));
    const [resent, skipped] = await pair(
      () => call('send.start', { draftId: d.draftId, confirmation: confirmation(d.recipients, 'RACE') }),
      () => call('send.skip', { sendId: parent.sendId, batches: parent.unknown, reason: 'checked with the platform' }),
      0,
    );
    expect(resent.ok).toBe(true);
    expect(skipped).toMatchObject({ ok: false, error: { code: 'already-running' } });
    await settle(d.draftId);
    expect(twice(prefix)).toEqual([]);
  });
});
