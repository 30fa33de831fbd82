/**
 * "Unknown" only where the platform may have acted: a request that provably never left — no byte
 * of it was handed to the socket — is never sent (and retried like a refused connection); once the
 * write began, a failure stays unknown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvironmentStore } from '../../host/environments/store';
import { MemorySecretStore } from '../../host/secrets';
import { bindingFor } from '../../shared/secrets/binding';
import { SendManager } from '../../host/send/manager';
import { writeSendCampaign } from '../fixtures/send-workspace';
import { NotWrittenError, postJson } from '../../host/send/wire';

let dir: string;
const servers: Server[] = [];
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function listen(onSocket: (s: Socket) => void): Promise<number> {
  const server = createServer(onSocket);
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  return (server.address() as { port: number }).port;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-wire-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  rmSync(dir, { recursive: true, force: true });
});

describe('what counts as never sent', () => {
  it('an https platform that never finishes the TLS handshake: the batch is retried and failed as never sent, not left unknown', async () => {
    const held: Socket[] = [];
    // Reads the ClientHello and never answers: the connection is up, the request is never written.
    const port = await listen((s) => {
      held.push(s);
      s.on('data', () => {});
    });
    const environments = new EnvironmentStore(join(dir, 'tls'));
    await environments.save({ id: 'stall', name: 'Stalling', region: 'custom', baseUrl: `https://127.0.0.1:${port}`, production: false, authMode: 'apptoken', legacyPersonalisation: false, batchSize: 500, concurrency: 1, ratePerSecond: 100, qaUsers: [] });
    const secrets = new MemorySecretStore();
    await secrets.set({ environmentId: 'stall', kind: 'apptoken' }, 'stall-token', bindingFor({ region: 'custom', baseUrl: `https://127.0.0.1:${port}` }, 'apptoken'));
    const manager = new SendManager({
      dataDir: join(dir, 'tls'),
      workspace: () => join(dir, 'tls'),
      environments,
      secrets,
      sandbox: { url: 'http://127.0.0.1:1', allowToken: () => {} },
      timeoutMs: 150,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 1000 },
    });
    const d = await manager.prepare({ environmentId: 'stall', campaignFile: writeSendCampaign(join(dir, 'tls'), 'C1'), data: { target_by: 'user_id', target: ['u1'], params: {}, target_with_params: {} } });
    const id = await manager.start(d.draftId, { environmentId: 'stall', campaignId: 'C1', recipients: 1 });
    await manager.waitFor(id);
    manager.close();
    for (const s of held) s.destroy();
    const b = manager.status(id).batches[0]!;
    expect(b).toMatchObject({ state: 'failed', attempts: 3, httpStatus: null });
    expect(b.reason).toMatch(/^not sent: TIMEOUT on all 3 attempts/);
    // No request ever left, so no "sending" record was written either.
    const journal = readFileSync(join(dir, 'tls', 'sends', readdirSync(join(dir, 'tls', 'sends'))[0]!), 'utf8');
    expect(journal).not.toContain('"t":"sending"');
  });

  it('a connection the server closes while the sending record is synced is never sent', async () => {
    let closed!: () => void;
    const serverClosed = new Promise<void>((ok) => (closed = ok));
    const port = await listen((s) => {
      s.destroy();
      closed();
    });
    const sent = postJson({
      url: `http://127.0.0.1:${port}/api/external/execute/campaign`,
      headers: { 'content-type': 'application/json' },
      body: '{"id":"C1"}',
      timeoutMs: 2000,
      beforeWrite: async () => {
        await serverClosed;
        await sleep(50);
      },
    });
    await expect(sent).rejects.toBeInstanceOf(NotWrittenError);
  });

  it('once the request is written, a connection cut before the reply stays unknown (the platform may have read it)', async () => {
    const port = await listen((s) => s.once('data', () => s.destroy()));
    const sent = postJson({ url: `http://127.0.0.1:${port}/`, headers: {}, body: '{"id":"C1"}', timeoutMs: 2000, beforeWrite: async () => {} });
    const e = await sent.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(NotWrittenError);
  });

  it('a failing beforeWrite (the journal) stops the attempt before any byte is written', async () => {
    let got = 0;
    const port = await listen((s) => s.on('data', (c: Buffer) => (got += c.length)));
    const sent = postJson({
      url: `http://127.0.0.1:${port}/`,
      headers: {},
      body: '{"id":"C1"}',
      timeoutMs: 2000,
      beforeWrite: async () => {
        throw new Error('disk full');
      },
    });
    await expect(sent).rejects.toThrow('disk full');
    await sleep(30);
    expect(got).toBe(0);
  });
});
