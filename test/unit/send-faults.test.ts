/**
 * The fault matrix: for each fault the sandbox injects, the batch ends in the state the retry policy
 * says, and the sandbox's record shows exactly what the platform would have acted on.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { startSandbox, type Sandbox } from '../../host/sandbox/server';
import { EnvironmentStore } from '../../host/environments/store';
import { MemorySecretStore, setSandboxSecret } from '../../host/secrets';
import { SendManager } from '../../host/send/manager';
import type { FaultKind } from '../../shared/ipc/channels/sandbox';
import { writeSendCampaign } from '../fixtures/send-workspace';

const TOKEN = 'fault-matrix-token-9f8e7d';
let dir: string;
let sandbox: Sandbox;
let manager: SendManager;
let journalAtFirstCall: string | undefined;
/** The workspace the host checks sends against, and its campaign C1 (nothing blocks it). */
let ws: string;
let C1: string;
const retry = { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10, maxRetryAfterMs: 5000 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-faults-'));
  ws = join(dir, 'workspace');
  C1 = writeSendCampaign(ws, 'C1');
  sandbox = await startSandbox({
    tokens: [TOKEN],
    timeoutHoldMs: 2000,
    onCall: () => {
      // The plan and the batch's "sending" must be on disk before the platform sees the request.
      const sends = join(dir, 'sends');
      const f = readdirSync(sends).sort().at(-1);
      journalAtFirstCall ??= f ? readFileSync(join(sends, f), 'utf8') : undefined;
    },
  });
  const secrets = new MemorySecretStore();
  await setSandboxSecret(secrets, 'sandbox', 'apptoken', TOKEN);
  manager = new SendManager({ dataDir: dir, workspace: () => ws, environments: new EnvironmentStore(dir), secrets, sandbox, timeoutMs: 300, retry });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  sandbox.reset();
  sandbox.setFaults('sandbox', { script: [], retryAfterSeconds: 0, maxTargets: 10_000, maxRequestsPerSecond: 1000, webhooks: false });
  sandbox.state.auth.outcome = 'normal';
});

async function send(targets: string[], batchSize = 10) {
  const d = await manager.prepare({ environmentId: 'sandbox', campaignFile: C1, data: { target_by: 'user_id', target: targets, params: { p: 1 }, target_with_params: {} }, batchSize });
  const id = await manager.start(d.draftId, { environmentId: 'sandbox', campaignId: 'C1', recipients: targets.length });
  await manager.waitFor(id);
  return manager.status(id);
}
const received = () => sandbox.calls().flatMap((c) => (c.body as { target: string[] }).target);

describe('fault matrix: each injected fault ends the batch as the policy says', () => {
  it.each<[string, FaultKind[], string, number, number]>([
    ['no fault', ['ok'], 'acknowledged', 1, 1],
    ['429 then success (retried: the platform did not act)', ['429', 'ok'], 'acknowledged', 2, 1],
    ['503 then success (retried)', ['503', 'ok'], 'acknowledged', 2, 1],
    ['429 on every attempt', ['429', '429', '429', '429'], 'failed', 4, 0],
    ['500 (unknown: never retried)', ['500'], 'unknown', 1, 0],
    ['a timeout after the platform acted', ['timeout'], 'unknown', 1, 1],
    ['a connection reset after the platform acted', ['reset'], 'unknown', 1, 1],
    ['a malformed JSON reply', ['malformed'], 'unknown', 1, 1],
  ])('%s', async (_name, script, state, attempts, acted) => {
    sandbox.setFaults('sandbox', { script });
    const d = await send(['u1', 'u2']);
    expect(d.batches[0]).toMatchObject({ state, attempts });
    expect(sandbox.calls()).toHaveLength(acted);
  });

  it("a target array over the API limit is failed with the platform's message, and nothing is retried", async () => {
    sandbox.setFaults('sandbox', { maxTargets: 2 });
    const d = await send(['u1', 'u2', 'u3'], 3);
    expect(d.batches[0]).toMatchObject({ state: 'failed', httpStatus: 400, attempts: 1 });
    expect(d.batches[0]!.reason).toMatch(/at most 2 per call/);
  });

  it('401 with an app token (which cannot be refreshed) is failed', async () => {
    sandbox.state.auth.outcome = 'unauthorized';
    const d = await send(['u1']);
    expect(d.batches[0]).toMatchObject({ state: 'failed', httpStatus: 401 });
  });

  it("the sandbox's rate limit answers 429 and every target still arrives exactly once", async () => {
    sandbox.setFaults('sandbox', { maxRequestsPerSecond: 2, retryAfterSeconds: 1 });
    const ids = Array.from({ length: 8 }, (_, n) => `r${n}`);
    const d = await send(ids, 2);
    expect(d.batches.every((b) => b.state === 'acknowledged')).toBe(true);
    expect(received().sort()).toEqual(ids.sort());
  });

  it('a refused connection is retried and then failed: nothing reached the platform', async () => {
    const port = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    const secrets = new MemorySecretStore();
    await setSandboxSecret(secrets, 'sandbox', 'apptoken', TOKEN);
    const closed = new SendManager({ dataDir: dir, workspace: () => ws, environments: new EnvironmentStore(dir), secrets, sandbox: { url: `http://127.0.0.1:${port}`, allowToken: () => {} }, timeoutMs: 300, retry });
    const draft = await closed.prepare({ environmentId: 'sandbox', campaignFile: C1, data: { target_by: 'user_id', target: ['u1'], params: {}, target_with_params: {} } });
    const id = await closed.start(draft.draftId, { environmentId: 'sandbox', campaignId: 'C1', recipients: 1 });
    await closed.waitFor(id);
    expect(closed.status(id).batches[0]).toMatchObject({ state: 'failed', attempts: 4, httpStatus: null });
    expect(closed.status(id).batches[0]!.reason).toMatch(/ECONNREFUSED/);
  });

  it('the plan and the batch\'s "sending" are on disk before the request reaches the platform', () => {
    expect(journalAtFirstCall).toBeDefined();
    const lines = journalAtFirstCall!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { t: string });
    expect(lines[0]!.t).toBe('plan');
    expect(lines.some((l) => l.t === 'sending')).toBe(true);
  });
});

describe('cancel, resume and re-send', () => {
  it('cancel stops new batches, lets in-flight ones finish, and resume sends only the never-sent ones', async () => {
    sandbox.setFaults('sandbox', { latencyMs: 40 });
    const ids = Array.from({ length: 20 }, (_, n) => `c${n}`);
    const d = await manager.prepare({ environmentId: 'sandbox', campaignFile: C1, data: { target_by: 'user_id', target: ids, params: {}, target_with_params: {} }, batchSize: 2 });
    const id = await manager.start(d.draftId, { environmentId: 'sandbox', campaignId: 'C1', recipients: 20 });
    while (manager.status(id).batchCounts.acknowledged < 1) await new Promise((r) => setTimeout(r, 5));
    expect(await manager.cancel(id)).toBe(true);
    await manager.waitFor(id);
    const after = manager.status(id);
    expect(after.status).toBe('cancelled');
    expect(after.batchCounts.sending).toBe(0);
    expect(after.batchCounts.neverSent).toBeGreaterThan(0);
    expect(received()).toHaveLength(after.targetCounts.acknowledged);

    await expect(manager.resume(id, { environmentId: 'sandbox', campaignId: 'C1', recipients: 1 })).rejects.toThrow(/confirmation does not match/);
    await manager.resume(id, { environmentId: 'sandbox', campaignId: 'C1', recipients: after.targetCounts.neverSent });
    await manager.waitFor(id);
    expect(manager.status(id)).toMatchObject({ status: 'completed', batchCounts: { acknowledged: 10 } });
    expect(received().sort()).toEqual(ids.sort());
  });

  it('failed and unknown batches are re-sent only explicitly, as a new send linked to the old one', async () => {
    sandbox.setFaults('sandbox', { script: ['ok', '500', 'ok'] });
    const d = await send(['a', 'b', 'c', 'd', 'e', 'f'], 2);
    expect(d.batches.map((b) => b.state)).toEqual(['acknowledged', 'unknown', 'acknowledged']);
    expect(() => manager.prepareResend(d.sendId, [0])).toThrow(/only failed or unknown/);
    const draft = manager.prepareResend(d.sendId, [1]);
    // An unknown batch may have reached the platform: the re-send says so and needs the typed confirmation.
    expect(draft).toMatchObject({ kind: 'resend', parentSendId: d.sendId, recipients: 2, mayReceiveTwice: { batches: [1], recipients: 2 }, typeToConfirm: ['C1', 'Sandbox'] });
    const id = await manager.start(draft.draftId, { environmentId: 'sandbox', campaignId: 'C1', recipients: 2, typed: 'C1' });
    await manager.waitFor(id);
    expect(received().filter((t) => t === 'c' || t === 'd')).toEqual(['c', 'd']);
    expect(manager.exportTargets(d.sendId, [1]).csv).toBe('user_id\r\nc\r\nd\r\n');
  });

  it("a send the host finds blocking needs a stated reason, which is journaled with the host's own reasons", async () => {
    const file = writeSendCampaign(ws, 'BLOCKED', { from: 'AB' });
    const d = await manager.prepare({ environmentId: 'sandbox', campaignFile: file, data: { target_by: 'user_id', target: ['x'], params: {}, target_with_params: {} } });
    expect(d.campaignId).toBe('BLOCKED');
    expect(d.blocking).toEqual(['1 user has errors or blocking findings', 'x · sms: SMS from name "AB" has 2 characters; it must have 3 to 11']);
    const c = { environmentId: 'sandbox', campaignId: 'BLOCKED', recipients: 1 };
    await expect(manager.start(d.draftId, c)).rejects.toThrow(/state a reason/);
    const id = await manager.start(d.draftId, c, 'approved by the CRM lead');
    await manager.waitFor(id);
    expect(manager.status(id).override).toEqual({ reason: 'approved by the CRM lead', errors: d.blocking });
  });

  it('no file the send wrote contains the app token', () => {
    const files: string[] = [];
    const walk = (p: string) => {
      for (const e of readdirSync(p, { withFileTypes: true })) e.isDirectory() ? walk(join(p, e.name)) : files.push(join(p, e.name));
    };
    walk(dir);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(readFileSync(f, 'utf8').includes(TOKEN), f).toBe(false);
  });
});
