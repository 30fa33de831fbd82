import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLinkChecker, LinkCheckInputError } from '../../host/links/checker';
import { dispatch } from '../../host/ipc/dispatch';
import { linkHandlers } from '../../host/links/service';
import type { Handlers } from '../../host/ipc/dispatch';

// A real local site: every route the checker must tell apart, and a count of what reached it.
let server: Server;
let base = '';
let inFlight = 0;
let maxInFlight = 0;
const seen: { method: string; path: string; headers: Record<string, unknown> }[] = [];
const held: (() => void)[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    seen.push({ method: req.method ?? '', path, headers: req.headers });
    const end = (status: number, headers: Record<string, string> = {}) => void res.writeHead(status, headers).end();
    if (path === '/ok') return end(200);
    // Pages answer a little later, so requests overlap and the in-flight count is meaningful.
    if (path.startsWith('/page/')) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return void setTimeout(() => {
        inFlight--;
        end(200);
      }, 20);
    }
    if (path === '/moved') return end(301, { location: '/ok' });
    if (path === '/loop-a') return end(302, { location: '/loop-b' });
    if (path === '/loop-b') return end(302, { location: '/loop-a' });
    if (path.startsWith('/chain/')) {
      const n = Number(path.slice(7));
      return end(302, { location: `/chain/${n + 1}` });
    }
    if (path === '/missing') return end(404);
    if (path === '/no-head') return end(req.method === 'HEAD' ? 405 : 206);
    if (path === '/slow') return void held.push(() => end(200));
    end(500);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const h of held) h();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

// Fast bounds for the tests (the app's defaults are 4 in flight, 10/s, 2/s per host).
const fast = { ratePerSecond: 1000, perHostPerSecond: 1000, timeoutMs: 2000 };

async function refusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('the link checker against a real local server', () => {
  it('tells a working link, a redirect, a 404, a loop and a HEAD-refusing server apart', async () => {
    const c = createLinkChecker(fast);
    const [ok, moved, missing, loop, noHead] = await c.check([`${base}/ok`, `${base}/moved`, `${base}/missing`, `${base}/loop-a`, `${base}/no-head`]);
    expect(ok).toMatchObject({ ok: true, status: 200, redirects: [], finalUrl: `${base}/ok` });
    expect(moved).toMatchObject({ ok: true, status: 200, redirects: [`${base}/ok`], finalUrl: `${base}/ok` });
    expect(missing).toMatchObject({ ok: false, status: 404, error: 'http' });
    expect(loop).toMatchObject({ ok: false, error: 'redirect-loop', redirects: [`${base}/loop-b`, `${base}/loop-a`] });
    expect(noHead).toMatchObject({ ok: true, status: 206 });
    // The fallback is a one-byte GET after the refused HEAD.
    const tries = seen.filter((s) => s.path === '/no-head');
    expect(tries.map((t) => t.method)).toEqual(['HEAD', 'GET']);
    expect(tries[1]!.headers.range).toBe('bytes=0-0');
  });

  it('stops after 5 redirects', async () => {
    const r = (await createLinkChecker(fast).check([`${base}/chain/0`]))[0]!;
    expect(r).toMatchObject({ ok: false, error: 'too-many-redirects', status: 302 });
    expect(r.redirects).toHaveLength(5);
  });

  it('reports a server that does not answer as a timeout and a closed port as refused', async () => {
    const c = createLinkChecker({ ...fast, timeoutMs: 150 });
    const port = await refusedPort();
    const [slow, refused] = await c.check([`${base}/slow`, `http://127.0.0.1:${port}/`]);
    expect(slow).toMatchObject({ ok: false, error: 'timeout' });
    expect(refused).toMatchObject({ ok: false, error: 'refused' });
  });

  it('never has more requests in flight at the server than its concurrency bound', async () => {
    maxInFlight = 0;
    const c = createLinkChecker({ ...fast, concurrency: 2 });
    const results = await c.check(Array.from({ length: 12 }, (_, i) => `${base}/page/${i}`));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(maxInFlight).toBe(2);
  });

  it('sends no cookie, no authorization and no token header', async () => {
    const before = seen.length;
    await createLinkChecker(fast).check([`${base}/page/headers`]);
    const h = seen.slice(before)[0]!.headers;
    expect(Object.keys(h).filter((k) => /cookie|authorization|token/i.test(k))).toEqual([]);
  });

  it('answers a second check of the same URL from its cache without a request', async () => {
    const c = createLinkChecker(fast);
    await c.check([`${base}/page/cached`]);
    const before = seen.length;
    const [again] = await c.check([`${base}/page/cached`]);
    expect(seen.length).toBe(before);
    expect(again).toMatchObject({ ok: true, status: 200, cached: true });
  });

  it('asks again once the cached result is older than the cache time', async () => {
    let t = 0;
    const c = createLinkChecker({ ...fast, cacheMs: 1000, now: () => t });
    await c.check([`${base}/page/expiring`]);
    t = 5000;
    const before = seen.length;
    const [again] = await c.check([`${base}/page/expiring`]);
    expect(seen.length).toBe(before + 1);
    expect(again!.cached).toBe(false);
  });

  it('returns the waiting links as cancelled when cancelled, and does not cache them', async () => {
    const c = createLinkChecker({ ...fast, concurrency: 1, timeoutMs: 5000 });
    const running = c.check([`${base}/slow`, `${base}/page/after-cancel`]);
    await new Promise((r) => setTimeout(r, 50));
    c.cancel();
    const results = await running;
    expect(results.map((r) => r.error)).toEqual(['cancelled', 'cancelled']);
    expect(seen.some((s) => s.path === '/page/after-cancel')).toBe(false);
    const [fresh] = await c.check([`${base}/page/after-cancel`]);
    expect(fresh).toMatchObject({ ok: true, cached: false });
  });

  it('refuses a bad list with a typed error naming the URL, before any request', async () => {
    const c = createLinkChecker(fast);
    const before = seen.length;
    await expect(c.check([`${base}/ok`, 'javascript:alert(1)'])).rejects.toThrow(/URL 2: javascript: is not http or https/);
    await expect(c.check([`${base}/ok`, 'javascript:alert(1)'])).rejects.toBeInstanceOf(LinkCheckInputError);
    await expect(c.check([])).rejects.toThrow(/no URL/);
    await expect(c.check([`${base}/${'a'.repeat(2100)}`])).rejects.toThrow(/longer than 2048/);
    await expect(c.check(Array.from({ length: 2001 }, (_, i) => `${base}/${i}`))).rejects.toThrow(/at most 2000/);
    expect(seen.length).toBe(before);
  });
});

describe("the link checker's bounds, counted at real servers", () => {
  // Two local sites (two ports: the per-host bound is per host:port) and one arrival log: when
  // each request reached a server, for which host, and how many were then in flight there.
  type Arrival = { at: number; host: string; inFlight: number };
  let log: Arrival[] = [];
  let answerMs = 0;
  const sites: Server[] = [];
  let open = 0;
  const urls: string[] = [];

  beforeAll(async () => {
    for (let s = 0; s < 2; s++) {
      const site = createServer((req, res) => {
        open++;
        log.push({ at: performance.now(), host: req.headers.host ?? '', inFlight: open });
        const path = req.url ?? '/';
        setTimeout(() => {
          open--;
          if (path.startsWith('/hop/')) res.writeHead(302, { location: `/page/${path.slice(5)}` }).end();
          else res.writeHead(200).end();
        }, answerMs);
      });
      await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
      sites.push(site);
      const port = (site.address() as AddressInfo).port;
      // Every fifth link redirects once: the hop it follows counts against the bounds too.
      for (let i = 0; i < 12; i++) urls.push(`http://127.0.0.1:${port}/${i % 5 === 0 ? 'hop' : 'page'}/${i}`);
    }
  });
  afterAll(async () => {
    for (const site of sites) {
      site.closeAllConnections();
      await new Promise((r) => site.close(r));
    }
  });

  /** Checks the 24 links (30 requests with the hops) and returns the servers' arrival log. */
  async function run(o: Parameters<typeof createLinkChecker>[0], ms: number): Promise<Arrival[]> {
    log = [];
    answerMs = ms;
    const results = await createLinkChecker({ timeoutMs: 5000, ...o }).check(urls);
    expect(results.every((r) => r.ok && r.status === 200)).toBe(true);
    expect(log).toHaveLength(30);
    return log;
  }

  /**
   * The most arrivals in any window of `ms` (the log is in arrival order). The windows are a
   * little shorter than the rate's second (by half a spacing of starts), which absorbs the jitter
   * between a request's start and its arrival; without the bound, all would arrive at once.
   */
  const mostInWindow = (arrivals: readonly Arrival[], ms: number) => {
    let most = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i]!.at - arrivals[j]!.at >= ms) j++;
      most = Math.max(most, i - j + 1);
    }
    return most;
  };

  it('never has more than 3 requests in flight at the servers, redirects included', async () => {
    const arrivals = await run({ concurrency: 3, ratePerSecond: 1000, perHostPerSecond: 1000 }, 60);
    expect(Math.max(...arrivals.map((a) => a.inFlight))).toBe(3);
  });

  it('starts at most 20 requests in any second over all hosts', async () => {
    const arrivals = await run({ concurrency: 50, ratePerSecond: 20, perHostPerSecond: 1000 }, 5);
    expect(mostInWindow(arrivals, 1000 - 25)).toBeLessThanOrEqual(20);
  });

  it('starts at most 10 requests in any second to one host, while the other host is served too', async () => {
    const arrivals = await run({ concurrency: 50, ratePerSecond: 1000, perHostPerSecond: 10 }, 5);
    const hosts = [...new Set(arrivals.map((a) => a.host))];
    expect(hosts).toHaveLength(2);
    for (const host of hosts) {
      const mine = arrivals.filter((a) => a.host === host);
      expect(mine).toHaveLength(15);
      expect(mostInWindow(mine, 1000 - 50)).toBeLessThanOrEqual(10);
    }
  });
});

describe('the links.check channel', () => {
  it('refuses non-http URLs, too many URLs and overlong ones with the place of each', async () => {
    const handlers = linkHandlers(fast) as unknown as Handlers;
    const bad = await dispatch(handlers, 'links.check', { urls: ['https://example.test/', 'file:///etc/passwd'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-arguments', issues: [{ path: 'urls.1', message: 'file: is not http or https' }] } });
    const many = await dispatch(handlers, 'links.check', { urls: Array.from({ length: 2001 }, () => 'https://example.test/') });
    expect(many).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    const ok = await dispatch(handlers, 'links.check', { urls: [`${base}/ok`] });
    expect(ok).toMatchObject({ ok: true, value: { results: [{ ok: true, status: 200 }] } });
  });
});
