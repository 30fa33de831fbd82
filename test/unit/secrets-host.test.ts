/**
 * A secret goes only where it was given for: the real host services (environments, platform, send)
 * against real local HTTPS servers standing in for the platform. Each server counts what it
 * received, so "the token was not posted there" is a count, not a guess.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:https';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { createServices, type Services } from '../../host/services';
import { dispatch } from '../../host/ipc/dispatch';
import { MemorySecretStore } from '../../host/secrets';
import type { ConfirmRequest } from '../../host/confirm';

/** A stand-in platform: answers every call with `answer(body)` and keeps every request it got. */
interface FakePlatform {
  url: string;
  received: { path: string; body: string; authorization?: string }[];
  answer: (body: string, path: string) => { status: number; text: string };
  close(): Promise<void>;
}

let tls: { key: string; cert: string };
const rejectUnauthorized = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { days: 1, keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] } as never);
  tls = { key: pems.private, cert: pems.cert };
  // The servers' certificate is self-signed: without this a leaking client would fail the TLS
  // handshake before sending anything, and the counts below could not catch it.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
});
afterAll(() => {
  if (rejectUnauthorized === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = rejectUnauthorized;
});

async function fakePlatform(): Promise<FakePlatform> {
  const p: FakePlatform = {
    url: '',
    received: [],
    answer: () => ({ status: 200, text: JSON.stringify({ code: 200, success: true, data: [] }) }),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
  const server: Server = createServer(tls, (req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      p.received.push({ path: req.url ?? '', body, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
      const a = p.answer(body, req.url ?? '');
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.text);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  p.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return p;
}

let dataDir: string;
let services: Services;
let a: FakePlatform;
let b: FakePlatform;
const asked: ConfirmRequest[] = [];

async function ipc<T = unknown>(channel: string, args: unknown): Promise<T> {
  const r = await dispatch(services.handlers, channel, args);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}${r.error.issues ? ` ${JSON.stringify(r.error.issues)}` : ''}`);
  return r.value as T;
}
const reply = (channel: string, args: unknown) => dispatch(services.handlers, channel, args);
const prod = (baseUrl: string) => ({ id: 'prod', name: 'Production', region: 'custom', baseUrl, production: false });
const hasToken = async (id: string) => (await ipc<{ id: string; hasToken: boolean }[]>('environments.list', {})).find((e) => e.id === id)?.hasToken;
const withToken = (p: FakePlatform, token: string) => p.received.filter((r) => r.body.includes(token) || r.authorization?.includes(token));

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-secrets-'));
  [a, b] = await Promise.all([fakePlatform(), fakePlatform()]);
  asked.length = 0;
  services = await createServices({
    host: 'browser',
    version: 'test',
    workspaceDir: resolve('examples'),
    dataDir,
    secrets: new MemorySecretStore(),
    emit: () => undefined,
    // The person says yes to every change (a refusal is tested where confirmations are).
    confirm: async (r: ConfirmRequest) => {
      asked.push(r);
      return true;
    },
  } as Parameters<typeof createServices>[0]);
});
afterEach(async () => {
  await services.close();
  await Promise.all([a.close(), b.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const TOKEN = 'prod-app-token/7c2e+9f1a=b4d8';

describe('a secret is bound to the origin it was given for', () => {
  it('re-saving prod with another https base URL drops its token: test connection posts nothing to the new host', async () => {
    await ipc('environments.save', { environment: prod(a.url) });
    await ipc('environments.setToken', { id: 'prod', token: TOKEN });
    expect((await ipc<{ ok: boolean }>('platform.testConnection', { environmentId: 'prod' })).ok).toBe(true);
    expect(withToken(a, TOKEN)).toHaveLength(1);

    await ipc('environments.save', { environment: prod(b.url) });
    expect(await hasToken('prod')).toBe(false);
    const verdict = await ipc<{ ok: boolean; outcome: string }>('platform.testConnection', { environmentId: 'prod' });
    expect(verdict).toMatchObject({ ok: false, outcome: 'no-credentials' });
    expect(b.received).toHaveLength(0);

    // Given again, for the new host, it goes there.
    await ipc('environments.setToken', { id: 'prod', token: TOKEN });
    expect((await ipc<{ ok: boolean }>('platform.testConnection', { environmentId: 'prod' })).ok).toBe(true);
    expect(withToken(b, TOKEN)).toHaveLength(1);
  });

  it('a change of region drops the token too, and the same origin under another path keeps it', async () => {
    await ipc('environments.save', { environment: prod(`${a.url}/v1`) });
    await ipc('environments.setToken', { id: 'prod', token: TOKEN });
    await ipc('environments.save', { environment: prod(`${a.url}/v2`) });
    expect(await hasToken('prod')).toBe(true);
    await ipc('environments.save', { environment: { ...prod(a.url), region: 'eu' } });
    expect(await hasToken('prod')).toBe(false);
  });

  it('removing an environment deletes its secrets: re-created, it has no token and sends nothing', async () => {
    await ipc('environments.save', { environment: prod(a.url) });
    await ipc('environments.setToken', { id: 'prod', token: TOKEN });
    await ipc('environments.remove', { id: 'prod' });
    await ipc('environments.save', { environment: prod(a.url) });
    expect(await hasToken('prod')).toBe(false);
    await ipc('platform.testConnection', { environmentId: 'prod' });
    expect(a.received).toHaveLength(0);
  });

  it("a send planned for the old host does not carry the new host's token there", async () => {
    await ipc('environments.save', { environment: prod(a.url) });
    await ipc('environments.setToken', { id: 'prod', token: 'old-host-token-1234' });
    const draft = await ipc<{ draftId: string }>('send.prepare', { environmentId: 'prod', campaignFile: 'campaigns/gate-update.yaml', data: { target_by: 'user_id', target: ['u1'], params: {}, target_with_params: {} } });
    await ipc('environments.save', { environment: prod(b.url) });
    await ipc('environments.setToken', { id: 'prod', token: TOKEN });
    const started = await reply('send.start', { draftId: draft.draftId, confirmation: { environmentId: 'prod', campaignId: 'CAMPAIGN_ID', recipients: 1 } });
    if (started.ok) {
      const sendId = (started.value as { sendId: string }).sendId;
      for (let i = 0; i < 200; i++) {
        const s = await ipc<{ status: string }>('send.status', { sendId });
        if (s.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    expect(a.received).toHaveLength(0);
    expect(withToken(b, TOKEN)).toHaveLength(0);
  });
});

describe('the renderer cannot name a token file', () => {
  it('environments.setToken refuses a file argument; an existing and a missing path get the same answer, naming neither', async () => {
    await ipc('environments.save', { environment: prod(a.url) });
    const file = join(dataDir, 'token.txt');
    writeFileSync(file, 'token-from-a-file-123\n');
    const existing = await reply('environments.setToken', { id: 'prod', file });
    const missing = await reply('environments.setToken', { id: 'prod', file: join(dataDir, 'nope.txt') });
    expect(existing).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(JSON.stringify(existing)).toBe(JSON.stringify(missing).replace('nope.txt', 'token.txt'));
    expect(JSON.stringify(existing)).not.toContain(dataDir);
    expect(await hasToken('prod')).toBe(false);
    await ipc('platform.testConnection', { environmentId: 'prod' });
    expect(withToken(a, 'token-from-a-file-123')).toHaveLength(0);
  });

  it('an environment cannot be saved with a token file either', async () => {
    const file = join(dataDir, 'token.txt');
    writeFileSync(file, 'token-from-a-file-123\n');
    const r = await reply('environments.save', { environment: { ...prod(a.url), tokenFile: file } });
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringContaining('tokenFile') } });
    expect(JSON.stringify(r)).not.toContain(dataDir);
    expect(await hasToken('prod')).toBeUndefined(); // not saved at all
  });
});

describe('an answer that echoes the token in any encoding', () => {
  /** The token as a careless platform might echo it: JSON-escaped, \u-escaped, URL-encoded, base64. */
  const echoes = (t: string) => [
    JSON.stringify(t).slice(1, -1).replace(/\//g, '\\/'),
    [...t].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    encodeURIComponent(t),
    Buffer.from(`apptoken=${t}`).toString('base64'),
    Buffer.from(`x${t}`).toString('base64url'),
  ];
  const forms = (t: string) => [t, JSON.stringify(t).slice(1, -1).replace(/\//g, '\\/'), encodeURIComponent(t), Buffer.from(t).toString('base64').slice(2, -4)];

  function filesUnder(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
  }

  it('reaches no reply of any channel, no journal, no history and no file in the data folder', async () => {
    const echo = (status: number) => (body: string) => {
      const sent = (JSON.parse(body) as { apptoken?: string }).apptoken ?? '';
      const [e1, e2, e3, e4, e5] = echoes(sent);
      return { status, text: `{"code":${status},"success":${status < 300},"message":"bad token \\"${e1}\\" (${e2})","errors":["${e3}","${e4}"],"data":["${e5}"],"model":{"echo":"${e1}"}}` };
    };
    await ipc('environments.save', { environment: prod(a.url) });
    await ipc('environments.setToken', { id: 'prod', token: TOKEN });
    const outputs: unknown[] = [];

    a.answer = echo(401);
    outputs.push(await ipc('platform.testConnection', { environmentId: 'prod' }));
    a.answer = echo(400);
    outputs.push(await ipc('platform.listCampaigns', { environmentId: 'prod', offset: 0, limit: 10 }));
    outputs.push(await ipc('platform.fetchCampaign', { environmentId: 'prod', campaignId: 'C1' }));
    a.answer = echo(200);
    outputs.push(await ipc('platform.listCampaigns', { environmentId: 'prod', offset: 0, limit: 10 }));

    for (const status of [200, 400]) {
      a.answer = echo(status);
      const draft = await ipc<{ draftId: string }>('send.prepare', { environmentId: 'prod', campaignFile: 'campaigns/gate-update.yaml', data: { target_by: 'user_id', target: ['u1', 'u2'], params: {}, target_with_params: {} } });
      outputs.push(draft);
      const { sendId } = await ipc<{ sendId: string }>('send.start', { draftId: draft.draftId, confirmation: { environmentId: 'prod', campaignId: 'CAMPAIGN_ID', recipients: 2 } });
      let status2 = 'running';
      for (let i = 0; i < 200 && status2 === 'running'; i++) {
        const s = await ipc<{ status: string }>('send.status', { sendId });
        outputs.push(s);
        status2 = s.status;
        if (status2 === 'running') await new Promise((r) => setTimeout(r, 20));
      }
      expect(status2).not.toBe('running');
    }
    outputs.push(await ipc('send.history', {}), await ipc('send.historyCsv', {}), await ipc('environments.list', {}));

    expect(withToken(a, TOKEN).length).toBeGreaterThan(0); // the token did go where it was given for
    const everything = [JSON.stringify(outputs), ...filesUnder(dataDir).map((f) => readFileSync(f, 'utf8'))];
    for (const text of everything) for (const form of forms(TOKEN)) expect(text).not.toContain(form);
  });
});
