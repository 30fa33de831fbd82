/**
 * The webhook receiver takes deliveries only from whoever was given this run's URL: a forged POST
 * (no secret, a wrong one, another Host, a browser page's Origin, an oversized body) is refused
 * and never appears in a send's history; the sandbox's simulated postbacks still arrive.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebhookReceiver, type WebhookReceiver } from '../../host/webhooks/receiver';
import { startSandbox } from '../../host/sandbox/server';
import { rawRequest } from '../support/host-process';

const dirs: string[] = [];
let receiver: WebhookReceiver;
let dataDir: string;

const event = (xid: string, target = 'u1') => ({ event: 'message_delivery', time: 1_700_000_000, properties: { external_message_id: xid, target } });
const recorded = () => (existsSync(join(dataDir, 'webhooks', 'events.jsonl')) ? readFileSync(join(dataDir, 'webhooks', 'events.jsonl'), 'utf8') : '');

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'preflight-webhooks-'));
  dirs.push(dataDir);
  receiver = await startWebhookReceiver({ dataDir });
});
afterEach(() => receiver.close());
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('webhook receiver', () => {
  it("records a delivery posted to this run's URL and maps it to its send", async () => {
    const res = await post(receiver.url, [event('S1-b1', 'u1'), event('S1-b1', 'u2')]);
    expect(res.status).toBe(200);
    expect(receiver.eventsFor(['S1-b1']).map((e) => e.properties.target)).toEqual(['u1', 'u2']);
  });

  it('the URL carries a per-run secret: a forged delivery to the bare path or with a wrong secret is refused and not recorded', async () => {
    const url = new URL(receiver.url);
    expect(url.pathname).toMatch(/^\/webhooks\/xtremepush\/[\w-]{20,}$/);
    const secret = url.pathname.split('/').pop()!;
    const other = await startWebhookReceiver({ dataDir: mkdtempSync(join(tmpdir(), 'preflight-webhooks-')) });
    expect(new URL(other.url).pathname).not.toBe(url.pathname);
    await other.close();
    for (const forged of [`${url.origin}/webhooks/xtremepush`, `${url.origin}/webhooks/xtremepush/${'x'.repeat(secret.length)}`, `${url.origin}/webhooks/xtremepush/${secret}x`, `${url.origin}/webhooks/xtremepush/${secret.slice(0, -1)}`]) {
      const res = await post(forged, event('FORGED-b1'));
      expect(res.status, forged).toBe(404);
    }
    expect(receiver.eventsFor(['FORGED-b1'])).toEqual([]);
    expect(recorded()).not.toContain('FORGED');
  });

  it('refuses another Host (DNS rebinding) and any browser page (an Origin header), even with the secret', async () => {
    const u = new URL(receiver.url);
    const body = JSON.stringify(event('FORGED-b2'));
    const r = await rawRequest(Number(u.port), `POST ${u.pathname} HTTP/1.1\r\nHost: evil.example:${u.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    expect(r.status).toBe(403);
    const fromPage = await post(receiver.url, event('FORGED-b2'), { origin: 'https://evil.example' });
    expect(fromPage.status).toBe(403);
    expect(receiver.eventsFor(['FORGED-b2'])).toEqual([]);
    expect(recorded()).not.toContain('FORGED');
  });

  it('refuses a body over its limit before buffering it, declared or streamed, and keeps answering', async () => {
    const small = await startWebhookReceiver({ dataDir, maxBodyBytes: 64 * 1024 });
    try {
      const big = JSON.stringify(Array.from({ length: 2000 }, (_, i) => event('BIG-b1', `user_${i}`)));
      expect(big.length).toBeGreaterThan(64 * 1024);
      expect((await post(small.url, big)).status).toBe(413);
      const u = new URL(small.url);
      const streamed = await rawRequest(Number(u.port), `POST ${u.pathname} HTTP/1.1\r\nHost: 127.0.0.1:${u.port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, {
        more: [`${big.length.toString(16)}\r\n${big}\r\n`, '0\r\n\r\n'],
      });
      expect(streamed.status).toBe(413);
      expect(small.eventsFor(['BIG-b1'])).toEqual([]);
      expect((await post(small.url, event('OK-b1'))).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('a client resetting mid-upload and malformed requests leave it answering', async () => {
    const u = new URL(receiver.url);
    await rawRequest(Number(u.port), `POST ${u.pathname} HTTP/1.1\r\nHost: 127.0.0.1:${u.port}\r\nContent-Length: 100000\r\n\r\n[{"event":`, { then: 'reset' });
    for (const path of ['/%zz', `${u.pathname}%zz`, '//x', '*']) await rawRequest(Number(u.port), `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${u.port}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]`);
    expect((await post(receiver.url, '{"event":')).status).toBe(400);
    expect((await post(receiver.url, event('AFTER-b1'))).status).toBe(200);
  });

  it("the sandbox's simulated deliveries still arrive through the secret URL", async () => {
    const sandbox = await startSandbox({ tokens: ['TOKEN'] });
    try {
      sandbox.setWebhookUrl(receiver.url);
      const res = await post(`${sandbox.url}/api/external/execute/campaign`, { apptoken: 'TOKEN', id: 'C1', target_by: 'user_id', target: ['u1', 'u2'], params: { external_message_id: 'SIM-b1' } });
      expect(res.status).toBe(200);
      // Postbacks are sent shortly after the answer; wait for them, however long they take.
      while (receiver.eventsFor(['SIM-b1']).length < 2) await new Promise((r) => setTimeout(r, 20));
      expect(receiver.eventsFor(['SIM-b1']).map((e) => [e.event, e.properties.target])).toEqual([
        ['message_delivery', 'u1'],
        ['message_delivery', 'u2'],
      ]);
    } finally {
      await sandbox.close();
    }
  });
});
