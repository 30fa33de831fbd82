import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { environmentConfigSchema } from '../../shared/environments';
import { startSandbox, type Sandbox } from '../../host/sandbox/server';
import { platformState } from '../../host/sandbox/platform-routes';
import { MemorySecretStore, setSandboxSecret } from '../../host/secrets';
import { bindingFor } from '../../shared/secrets/binding';
import { callPlatform } from '../../host/platform/client';
import { clearOAuthCache, oauthClock } from '../../host/platform/oauth';
import { platformHandlers } from '../../host/platform/service';
import type { ServiceContext } from '../../host/context';

let sandbox: Sandbox;
let dataDir: string;
const secrets = new MemorySecretStore();
const issued = () => sandbox.state.auth.bearerTokens?.size ?? 0;

beforeAll(async () => {
  sandbox = await startSandbox({ tokens: ['APP-TOKEN'] });
  platformState(sandbox.state).addOAuthClient('client-1', 'CLIENT-SECRET');
  await setSandboxSecret(secrets, 'sandbox', 'apptoken', 'APP-TOKEN');
  await secrets.set({ environmentId: 'oauth-env', kind: 'oauth-client-secret' }, 'CLIENT-SECRET', bindingFor(oauthEnv(), 'oauth-client-secret'));
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-platform-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  platformState(sandbox.state).configure({ connectionOutcome: 'normal', tokenTtlSeconds: 3600 });
  oauthClock.now = () => Date.now();
  clearOAuthCache();
});

const oauthEnv = () => environmentConfigSchema.parse({ id: 'oauth-env', name: 'OAuth env', region: 'custom', baseUrl: sandbox.url, production: false, authMode: 'oauth', oauthClientId: 'client-1' });
const list = () => callPlatform(oauthEnv(), secrets, 'list', 'campaign', { limit: 1 });

describe('OAuth client credentials', () => {
  it('fetches a bearer token once and reuses it until it expires', async () => {
    const before = issued();
    expect(await list()).toMatchObject({ kind: 'response', status: 200 });
    expect(await list()).toMatchObject({ kind: 'response', status: 200 });
    expect(issued()).toBe(before + 1);
  });

  it('fetches a new token once the cached one has expired by the clock', async () => {
    platformState(sandbox.state).configure({ tokenTtlSeconds: 60 });
    await list();
    const before = issued();
    const start = Date.now();
    oauthClock.now = () => start + 61_000;
    expect(await list()).toMatchObject({ status: 200 });
    expect(issued()).toBe(before + 1);
  });

  it('a token the platform expired early gets a 401, one refresh, and the retry succeeds', async () => {
    await list();
    platformState(sandbox.state).configure({ expireTokens: true });
    const before = issued();
    expect(await list()).toMatchObject({ kind: 'response', status: 200 });
    expect(issued()).toBe(before + 1);
  });

  it('refreshes only once: a second 401 is returned as it came', async () => {
    await list();
    platformState(sandbox.state).configure({ connectionOutcome: 'unauthorized' });
    const before = issued();
    expect(await list()).toMatchObject({ kind: 'response', status: 401 });
    expect(issued()).toBe(before + 1);
  });

  it('a wrong client secret is a 401 that names no secret', async () => {
    const wrong = new MemorySecretStore();
    await wrong.set({ environmentId: 'oauth-env', kind: 'oauth-client-secret' }, 'WRONG-SECRET', bindingFor(oauthEnv(), 'oauth-client-secret'));
    const r = await callPlatform(oauthEnv(), wrong, 'list', 'campaign', {});
    expect(r).toMatchObject({ kind: 'response', status: 401 });
    expect(JSON.stringify(r)).not.toContain('WRONG-SECRET');
  });
});

describe('secrets in answers', () => {
  it('an answer that echoes the app token comes back with the token masked', async () => {
    const { createServer } = await import('node:http');
    const echo = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => res.writeHead(400, { 'content-type': 'text/plain' }).end(`bad request: ${body}`));
    });
    await new Promise<void>((ok) => echo.listen(0, '127.0.0.1', ok));
    const port = (echo.address() as { port: number }).port;
    const env = environmentConfigSchema.parse({ id: 'echo', name: 'Echo', region: 'custom', baseUrl: `http://127.0.0.1:${port}`, production: false });
    await secrets.set({ environmentId: 'echo', kind: 'apptoken' }, 'APP-TOKEN', bindingFor(env, 'apptoken'));
    const r = await callPlatform(env, secrets, 'list', 'campaign', {});
    echo.close();
    expect(r).toMatchObject({ kind: 'response', status: 400 });
    expect(JSON.stringify(r)).toContain('"apptoken\\":\\"***\\"');
    expect(JSON.stringify(r)).not.toContain('APP-TOKEN');
  });
});

describe('platform handlers against the sandbox', () => {
  const ctx = () => ({ sandbox, secrets, dataDir, workspaceDir: resolve('examples') }) as unknown as ServiceContext;
  let h: ReturnType<typeof platformHandlers>;
  beforeAll(async () => {
    h = platformHandlers(ctx());
    await setSandboxSecret(secrets, 'sandbox', 'apptoken', 'APP-TOKEN'); // the seed stores the sandbox's OAuth secret; the app token stays
  });

  it('test connection tells apart success, 401, 403 and 410', async () => {
    const outcomes: string[] = [];
    for (const o of ['normal', 'unauthorized', 'forbidden', 'gone'] as const) {
      await h['sandbox.platform.configure']({ connectionOutcome: o });
      outcomes.push((await h['platform.testConnection']({ environmentId: 'sandbox' })).outcome);
    }
    expect(outcomes).toEqual(['ok', 'unauthorized', 'forbidden', 'gone']);
  });

  it('test connection says an unreachable host is unreachable', async () => {
    writeFileSync(join(dataDir, 'environments.json'), JSON.stringify({ version: 1, environments: [{ id: 'gone-host', name: 'Nowhere', region: 'custom', baseUrl: 'https://127.0.0.1:9', production: false }] }));
    await secrets.set({ environmentId: 'gone-host', kind: 'apptoken' }, 'X-TOKEN-X', bindingFor({ region: 'custom', baseUrl: 'https://127.0.0.1:9' }, 'apptoken'));
    const v = await h['platform.testConnection']({ environmentId: 'gone-host' });
    rmSync(join(dataDir, 'environments.json'));
    expect(v).toMatchObject({ outcome: 'unreachable', ok: false, title: 'Cannot reach the API' });
  });

  it('browses the seeded API-triggered campaigns with search and paging', async () => {
    const all = await h['platform.listCampaigns']({ environmentId: 'sandbox', offset: 0, limit: 1 });
    expect(all).toMatchObject({ ok: true, hasMore: true });
    const found = await h['platform.listCampaigns']({ environmentId: 'sandbox', search: 'promo', offset: 0, limit: 10 });
    expect(found.ok && found.rows.map((r) => [r.id, r.title, r.active, r.channels])).toEqual([['Campaign_ID', 'Promo journey', true, ['SMS', 'Web push']]]);
  });

  it('imports a campaign as a file that matches the workspace original', async () => {
    const r = await h['platform.importCampaign']({ environmentId: 'sandbox', campaignId: 'CAMPAIGN_ID' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.path).toBe('campaigns/gate-update.yaml');
      expect(r.live.campaign.nodes[0]).toEqual({ key: 'sms', channel: 'sms', content: { from: 'Airline', text: 'Flight {{flight_num}} departs at {{time}} from gate {{gate_num}}.' } });
    }
  });

  it("an unknown campaign id is the platform's 404, in plain words", async () => {
    const r = await h['platform.fetchCampaign']({ environmentId: 'sandbox', campaignId: 'nope' });
    expect(r).toMatchObject({ ok: false, failure: { kind: 'http', httpStatus: 404 } });
  });

  it('users of an accepted execute with a missing attribute come back as "Not personalized" in their batch', async () => {
    const startedAt = new Date().toISOString();
    const res = await fetch(`${sandbox.url}/api/external/execute/campaign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apptoken: 'APP-TOKEN',
        id: 'Campaign_ID',
        target_by: 'user_id',
        target: ['user_1', 'user_2', 'user_3'],
        params: { promo_name: 'P', match_name: 'M' },
        target_with_params: { user_1: { promo_code: 'A' }, user_2: { promo_code: 'B' }, user_3: { promo_code: 'C' } },
      }),
    });
    expect(res.status).toBe(200);
    const r = await h['platform.deliveryErrors']({
      environmentId: 'sandbox',
      campaignId: 'Campaign_ID',
      startedAt,
      finishedAt: new Date().toISOString(),
      batches: [
        { index: 0, targets: ['user_1', 'user_2'] },
        { index: 1, targets: ['user_3'] },
      ],
    });
    expect(r.ok && r.groups).toEqual([{ message: 'Not personalized', users: [{ user: 'user_3', batch: 1, devices: ['sandbox-9-user_3'] }], otherRows: 0 }]);
  });
});
