/**
 * The network check of an email's links, run on the main side only when the person asks
 * (the `links.check` channel). Each URL gets a HEAD request — a GET of one byte when the server
 * refuses HEAD (405/501) — and redirects are followed here, up to MAX_REDIRECTS, so every hop is
 * recorded and rate-limited too. Requests carry no cookies, no app token and no credentials: only
 * a User-Agent naming the app. Every hop goes through one scheduler that bounds the requests in
 * flight and their rate overall and per host, so a check of 2,000 links never floods one site.
 * Results are cached per URL for a while (asking again is free); cancelled ones are not.
 *
 * Any host the renderer names is allowed, private and loopback ones included: the person asked
 * for these URLs (they are in their own email), and the check reads no more than a status line.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { MAX_LINK_CHECK_URLS, uncheckableUrl, type LinkCheckResult, type LinkErrorKind } from '../../shared/ipc/channels/links';

export const MAX_REDIRECTS = 5;

export interface LinkCheckerOptions {
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Requests started per second over all hosts (default 10). */
  ratePerSecond?: number;
  /** Requests started per second to one host (default 2). */
  perHostPerSecond?: number;
  /** Milliseconds one request may take until its headers arrive (default 10,000). */
  timeoutMs?: number;
  /** How long a result is reused (default 10 minutes). */
  cacheMs?: number;
  now?: () => number;
}

/** A refused input to the checker (the channel's schema refuses the same, see shared/ipc/channels/links.ts). */
export class LinkCheckInputError extends Error {
  constructor(
    message: string,
    readonly index?: number,
  ) {
    super(message);
    this.name = 'LinkCheckInputError';
  }
}

type Hop = { status: number; location?: string } | { error: LinkErrorKind; detail: string };

class Cancelled extends Error {}

/** Classifies a Node network error by what a reader of the report needs to know. */
function errorKind(e: NodeJS.ErrnoException): LinkErrorKind {
  const code = e.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return 'tls';
  return 'network';
}

/**
 * A scheduler with three bounds: `concurrency` jobs at once, one start every 1/rate s overall, and
 * one start every 1/perHost s per host. Jobs wait in order; a cancelled generation is dropped.
 */
class Scheduler {
  private running = 0;
  private lastStart = -Infinity;
  private lastByHost = new Map<string, number>();
  private queue: { host: string; start: () => void; generation: number; drop: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  generation = 0;

  constructor(
    private readonly concurrency: number,
    private readonly gapMs: number,
    private readonly hostGapMs: number,
    private readonly now: () => number,
  ) {}

  run<T>(host: string, job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const generation = this.generation;
      this.queue.push({
        host,
        generation,
        drop: () => reject(new Cancelled()),
        start: () => {
          this.running++;
          job()
            .then(resolve, reject)
            .finally(() => {
              this.running--;
              this.pump();
            });
        },
      });
      this.pump();
    });
  }

  /** Drops every waiting job (they reject with Cancelled); returns how many. */
  cancel(): number {
    this.generation++;
    const dropped = this.queue;
    this.queue = [];
    for (const j of dropped) j.drop();
    return dropped.length;
  }

  private pump(): void {
    if (this.timer) return;
    const now = this.now();
    let wait = Infinity;
    while (this.running < this.concurrency && this.queue.length > 0) {
      const overall = this.lastStart + this.gapMs - now;
      if (overall > 0) {
        wait = Math.min(wait, overall);
        break;
      }
      // The first waiting job whose host may start now (others keep their order).
      let pick = -1;
      for (let i = 0; i < this.queue.length; i++) {
        const hostWait = (this.lastByHost.get(this.queue[i]!.host) ?? -Infinity) + this.hostGapMs - now;
        if (hostWait <= 0) {
          pick = i;
          break;
        }
        wait = Math.min(wait, hostWait);
      }
      if (pick < 0) break;
      const [job] = this.queue.splice(pick, 1);
      this.lastStart = now;
      this.lastByHost.set(job!.host, now);
      job!.start();
      wait = Infinity;
    }
    if (this.queue.length > 0 && this.running < this.concurrency && wait !== Infinity) {
      this.timer = setTimeout(
        () => {
          this.timer = undefined;
          this.pump();
        },
        Math.max(1, Math.ceil(wait)),
      );
    }
  }
}

export interface LinkChecker {
  /** One result per URL, in order; refuses a bad list with LinkCheckInputError before any request. */
  check(urls: readonly string[]): Promise<LinkCheckResult[]>;
  /** Stops every running check; returns how many requests were waiting. */
  cancel(): number;
}

/** A link checker with its own cache and rate bounds (one per app run). */
export function createLinkChecker(o: LinkCheckerOptions = {}): LinkChecker {
  const now = o.now ?? Date.now;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const cacheMs = o.cacheMs ?? 10 * 60_000;
  const scheduler = new Scheduler(o.concurrency ?? 4, 1000 / (o.ratePerSecond ?? 10), 1000 / (o.perHostPerSecond ?? 2), now);
  const cache = new Map<string, { at: number; result: LinkCheckResult }>();
  // The same URL asked twice at once is requested once.
  const pending = new Map<string, Promise<LinkCheckResult>>();
  const inFlight = new Set<() => void>();

  function hop(url: URL, method: 'HEAD' | 'GET'): Promise<Hop> {
    return new Promise<Hop>((resolve, reject) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      let settled = false;
      const done = (h: Hop) => {
        if (settled) return;
        settled = true;
        inFlight.delete(abort);
        clearTimeout(timer);
        resolve(h);
      };
      const abort = () => {
        if (settled) return;
        settled = true;
        inFlight.delete(abort);
        clearTimeout(timer);
        req.destroy();
        reject(new Cancelled());
      };
      const req = send(url, {
        method,
        // No cookies, no Authorization, no app token: only what names the request.
        headers: { 'user-agent': 'Preflight link check', accept: '*/*', ...(method === 'GET' ? { range: 'bytes=0-0' } : {}) },
        agent: false,
      });
      const timer = setTimeout(() => {
        done({ error: 'timeout', detail: `no answer in ${Math.round(timeoutMs / 1000)} s` });
        req.destroy();
      }, timeoutMs);
      inFlight.add(abort);
      req.on('response', (res: IncomingMessage) => {
        const location = res.headers.location;
        done({ status: res.statusCode ?? 0, location: typeof location === 'string' ? location : undefined });
        // Only the status line matters: the body is not read.
        res.destroy();
      });
      req.on('error', (e: NodeJS.ErrnoException) => done({ error: errorKind(e), detail: e.code ?? e.message }));
      req.end();
    });
  }

  async function checkOne(url: string): Promise<LinkCheckResult> {
    const redirects: string[] = [];
    const seen = new Set([url]);
    let current = new URL(url);
    for (;;) {
      let h = await scheduler.run(current.host, () => hop(current, 'HEAD'));
      if ('status' in h && (h.status === 405 || h.status === 501)) h = await scheduler.run(current.host, () => hop(current, 'GET'));
      const base = { url, finalUrl: current.href, redirects: [...redirects], cached: false };
      if ('error' in h) return { ...base, ok: false, error: h.error, detail: h.detail };
      if (h.status >= 300 && h.status < 400 && h.location !== undefined) {
        let next: URL;
        try {
          next = new URL(h.location, current);
        } catch {
          return { ...base, ok: false, status: h.status, error: 'bad-redirect', detail: 'the Location header is not a URL' };
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') return { ...base, ok: false, status: h.status, error: 'bad-redirect', detail: `redirects to ${next.protocol}` };
        if (seen.has(next.href)) return { ...base, ok: false, status: h.status, redirects: [...redirects, next.href], error: 'redirect-loop', detail: `back to ${next.href}` };
        if (redirects.length >= MAX_REDIRECTS) return { ...base, ok: false, status: h.status, error: 'too-many-redirects', detail: `more than ${MAX_REDIRECTS} redirects` };
        seen.add(next.href);
        redirects.push(next.href);
        current = next;
        continue;
      }
      if (h.status >= 400) return { ...base, ok: false, status: h.status, error: 'http', detail: `HTTP ${h.status}` };
      return { ...base, ok: true, status: h.status };
    }
  }

  function resultFor(url: string, generation: number): Promise<LinkCheckResult> {
    const hit = cache.get(url);
    if (hit && now() - hit.at < cacheMs) return Promise.resolve({ ...hit.result, cached: true });
    const running = pending.get(url);
    if (running) return running;
    const job = checkOne(url)
      .then((result) => {
        if (scheduler.generation === generation) cache.set(url, { at: now(), result });
        return result;
      })
      .catch((e: unknown) => {
        if (!(e instanceof Cancelled)) throw e;
        return { url, ok: false, finalUrl: url, redirects: [], error: 'cancelled' as const, detail: 'the check was cancelled', cached: false };
      })
      .finally(() => pending.delete(url));
    pending.set(url, job);
    return job;
  }

  return {
    async check(urls) {
      if (!Array.isArray(urls) || urls.length === 0) throw new LinkCheckInputError('no URL to check');
      if (urls.length > MAX_LINK_CHECK_URLS) throw new LinkCheckInputError(`${urls.length} URLs: at most ${MAX_LINK_CHECK_URLS} per check`);
      urls.forEach((u, i) => {
        const why = typeof u === 'string' ? uncheckableUrl(u) : 'not a string';
        if (why) throw new LinkCheckInputError(`URL ${i + 1}: ${why}`, i);
      });
      const generation = scheduler.generation;
      return Promise.all(urls.map((u) => resultFor(u, generation)));
    },
    cancel() {
      const waiting = scheduler.cancel();
      for (const abort of [...inFlight]) abort();
      return waiting;
    },
  };
}
