/**
 * The browser host as a running process: requests that used to kill it (a malformed path, a client
 * resetting mid-upload, a 200 MB body) get an answer or are dropped, and the host keeps answering;
 * the sign-in link works once and becomes an HttpOnly cookie, and calls from other origins are refused.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { bundleHost, rawRequest, startHostProcess, type HostProcess } from '../support/host-process';
import { signIn } from '../support/sign-in';

let dir: string;
let bundle: string;
let host: HostProcess;
let auth: Record<string, string>;

const headerLines = (h: Record<string, string>) =>
  Object.entries(h)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');

async function normalCall(h: HostProcess) {
  const res = await fetch(`${h.origin}/ipc/environments.list`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
  return { status: res.status, body: (await res.json()) as { ok: boolean } };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-host-'));
  bundle = await bundleHost(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A fresh host per test: one request that kills it must not fail the tests after it.
beforeEach(async () => {
  host = await startHostProcess(bundle, dir);
  auth = (await signIn(host)).headers;
});
afterEach(() => host.stop());

/** Streams `total` bytes of body to an IPC channel (declared up front, or chunked); resolves with the status, or the way the connection ended. */
function upload(h: HostProcess, channel: string, total: number, o: { chunked?: boolean } = {}): Promise<number | string> {
  return new Promise((done) => {
    const socket = connect(h.port, '127.0.0.1');
    let answer = '';
    socket.on('data', (b) => {
      answer += b.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (m) {
        socket.destroy();
        done(Number(m[1]));
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'));
    socket.on('close', () => done('closed'));
    socket.on('connect', async () => {
      const length = o.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`;
      socket.write(`POST /ipc/${channel} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n${headerLines(auth)}Content-Type: application/json\r\n${length}\r\n\r\n`);
      const chunk = Buffer.alloc(1024 * 1024, 'x');
      for (let sent = 0; sent < total && !socket.destroyed; sent += chunk.length) {
        const part = sent + chunk.length > total ? chunk.subarray(0, total - sent) : chunk;
        const framed = o.chunked ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part;
        if (!socket.write(framed)) await new Promise((r) => socket.once('drain', r));
      }
      if (o.chunked && !socket.destroyed) socket.write('0\r\n\r\n');
    });
  });
}

describe('the browser host never dies on a request', () => {
  it('GET /%zz (a malformed escape) gets a 400 and the host keeps answering', async () => {
    const r = await rawRequest(host.port, `GET /%zz HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(400);
    expect(host.alive()).toBe(true);
    expect(await normalCall(host)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('a malformed escape in an IPC channel name gets a 400 too', async () => {
    const r = await rawRequest(host.port, `POST /ipc/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${headerLines(auth)}Content-Length: 2\r\nConnection: close\r\n\r\n{}`);
    expect(r.status).toBe(400);
    expect(host.alive()).toBe(true);
  });

  it('a client that resets mid-upload is dropped quietly: the host stays up and answers the next call', async () => {
    const head = `POST /ipc/workspace.writeFile HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${headerLines(auth)}Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n`;
    const r = await rawRequest(host.port, head, { more: ['{"path":"campaigns/a.yaml","text":"' + 'x'.repeat(50_000)], then: 'reset' });
    expect(r.outcome).toBe('reset');
    // The abort reaches the host's request handler asynchronously: two normal calls after it show the process survived it.
    expect(await normalCall(host)).toMatchObject({ status: 200, body: { ok: true } });
    expect(host.alive(), host.stderr()).toBe(true);
    expect(await normalCall(host)).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe('request bodies are limited per channel before they are buffered', () => {
  it.skipIf(process.platform !== 'linux')("a 200 MB body to an ordinary channel is refused with 413 and the host's memory does not grow by it", async () => {
    await normalCall(host);
    const before = host.rss()!;
    const outcome = await upload(host, 'environments.list', 200 * 1024 * 1024);
    const after = host.rss()!;
    console.log(`host RSS with a 200 MB body: ${Math.round(before / 1e6)} MB before, ${Math.round(after / 1e6)} MB after (answer: ${outcome})`);
    expect(outcome).toBe(413);
    // Buffering the body would add at least its 200 MB; a refused one adds next to nothing.
    expect(after - before).toBeLessThan(50 * 1024 * 1024);
    expect(await normalCall(host)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it.skipIf(process.platform !== 'linux')('a 200 MB chunked body (no length up front) is cut off at the limit while it streams', async () => {
    await normalCall(host);
    const before = host.rss()!;
    const outcome = await upload(host, 'workspace.readFile', 200 * 1024 * 1024, { chunked: true });
    const after = host.rss()!;
    console.log(`host RSS with a 200 MB chunked body: ${Math.round(before / 1e6)} MB before, ${Math.round(after / 1e6)} MB after (answer: ${outcome})`);
    expect(outcome).toBe(413);
    expect(after - before).toBeLessThan(50 * 1024 * 1024);
    expect(await normalCall(host)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("the limit is per channel: a send's data set may be bigger than an ordinary call", async () => {
    const data = { target_by: 'user_id', target: Array.from({ length: 100_000 }, (_, i) => `user_${i}`), params: {}, target_with_params: {} };
    const body = JSON.stringify({ environmentId: 'sandbox', campaignId: 'C', data, filler: 'x'.repeat(5 * 1024 * 1024) });
    const big = await fetch(`${host.origin}/ipc/send.prepare`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
    // Read and validated (the filler is not an argument of send.prepare), not refused for its size.
    expect(big.status).toBe(200);
    expect(await big.json()).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const ordinary = await fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body });
    expect(ordinary.status).toBe(413);
    expect(await ordinary.json()).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringContaining('environments.list') } });
  });
});

/** Reads the next sign-in link the host prints after a line on its stdin. */
async function newSignInLink(h: HostProcess): Promise<string> {
  const before = h.stdout().length;
  h.child.stdin!.write('\n');
  for (;;) {
    const m = /Preflight sign-in link: (\S+)/.exec(h.stdout().slice(before));
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('signing in to the browser host', () => {
  it('the printed code works once: it becomes an HttpOnly, SameSite=Strict cookie and a redirect to a clean URL; used again it is refused', async () => {
    const fresh = await startHostProcess(bundle, dir);
    try {
      const link = new URL(fresh.readyUrl);
      expect(link.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
      expect(link.searchParams.has('token')).toBe(false);
      const first = await fetch(fresh.readyUrl, { redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/');
      expect(first.headers.get('referrer-policy')).toBe('no-referrer');
      const cookie = first.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Path=\//);
      const again = await fetch(fresh.readyUrl, { redirect: 'manual' });
      expect(again.status).toBe(403);
      expect(again.headers.get('set-cookie')).toBeNull();
      expect(await again.text()).toMatch(/already used/);
      // The cookie the first visit got opens the app.
      const page = await fetch(`${fresh.origin}/`, { headers: { cookie: cookie.split(';')[0]! } });
      expect(page.status).toBe(200);
    } finally {
      await fresh.stop();
    }
  });

  it("a line on the host's stdin prints a new single-use sign-in link (the first was used or the browser was closed)", async () => {
    const link = await newSignInLink(host);
    expect(link).not.toBe(host.readyUrl);
    const second = await signIn(host, link);
    expect((await fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', headers: { ...second.headers, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(403);
  });

  it('IPC calls need the session cookie: none, a wrong one, or the old token header are refused', async () => {
    const call = (headers: Record<string, string>) => fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin, ...headers }, body: '{}' });
    expect((await call({})).status).toBe(403);
    const [name, value] = auth.cookie!.split('=');
    expect((await call({ cookie: `${name}=${'x'.repeat(value!.length)}` })).status).toBe(403);
    expect((await call({ 'x-preflight-token': new URL(host.readyUrl).searchParams.get('code')! })).status).toBe(403);
    expect((await call({ cookie: auth.cookie! })).status).toBe(200);
  });

  it('a request with the cookie but a foreign Origin (or none) is refused before anything runs', async () => {
    const call = (origin: string | undefined) => fetch(`${host.origin}/ipc/sandbox.reset`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: auth.cookie!, ...(origin ? { origin } : {}) }, body: '{}' });
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `http://127.0.0.1.evil.example:${host.port}`, undefined]) {
      const res = await call(origin);
      expect(res.status, String(origin)).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // A page of another site fetching with the cookie is also marked so by the browser.
    const crossSite = await fetch(`${host.origin}/ipc/sandbox.reset`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: auth.cookie!, origin: host.origin, 'sec-fetch-site': 'cross-site' }, body: '{}' });
    expect(crossSite.status).toBe(403);
    expect((await call(host.origin)).status).toBe(200);
  });

  it('the event stream needs the cookie too', async () => {
    const refused = await fetch(`${host.origin}/events`);
    expect(refused.status).toBe(403);
    const ctl = new AbortController();
    const ok = await fetch(`${host.origin}/events`, { headers: { cookie: auth.cookie! }, signal: ctl.signal });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/event-stream');
    ctl.abort();
  });

  it("documents are sent with Referrer-Policy: no-referrer and frame-ancestors 'none'; without the cookie the app is not served", async () => {
    const doc = await fetch(`${host.origin}/`, { headers: { cookie: auth.cookie! } });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('referrer-policy')).toBe('no-referrer');
    expect(doc.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(doc.headers.get('x-frame-options')).toBe('DENY');
    const signedOut = await fetch(`${host.origin}/`);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('referrer-policy')).toBe('no-referrer');
    expect(signedOut.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await signedOut.text()).toMatch(/sign-in link/);
    expect((await fetch(`${host.origin}/assets/app.js`)).status).toBe(401);
  });
});
