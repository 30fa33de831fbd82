/**
 * The execute call on the wire, with node:http(s) rather than fetch, because the send path must
 * know one fact fetch hides: whether any byte of the request was handed to the socket.
 *
 * Order of one attempt: connect (TCP, and the TLS handshake for https) → `beforeWrite` (the
 * executor makes its `sending` record durable there) → write the whole request at once → read the
 * reply. An attempt that fails before the write began is provably never sent: this process gave
 * the socket nothing of the request, so the platform cannot have seen it (TLS handshake bytes carry
 * no request; Node sends no early data). It fails with NotWrittenError, which the retry policy
 * treats like a refused connection. Once the write began, any failure may have reached the
 * platform and stays "unknown" — even when few bytes left, because we cannot prove how many the
 * other side read.
 *
 * Connecting before the journal record also shrinks the window a crash (kill -9) leaves open
 * between a durable `sending` and the first byte: only the write itself is left in it.
 */
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

/** The request could not have reached the server: no byte of it was written. `code` is the cause's (ECONNRESET, TIMEOUT, …). */
export class NotWrittenError extends Error {
  readonly notWritten = true;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** `beforeWrite` failed (the journal could not be written): the request was not sent and sending must stop. */
export class BeforeWriteError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** Keep-alive connection pools for execute calls (one per protocol). */
export class Agents {
  // Node's own default agent uses keep-alive with a 5 s socket timeout; idle sockets are closed a
  // little sooner than common server keep-alive timeouts, so a reused socket is rarely a stale one.
  readonly http = new http.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 4000 });
  readonly https = new https.Agent({ keepAlive: true, scheduling: 'lifo', timeout: 4000 });
  close() {
    this.http.destroy();
    this.https.destroy();
  }
}

export interface WireRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Allowed for connecting, and again for the reply once the request is written. */
  timeoutMs: number;
  /** Awaited once the connection is up, before the first byte of the request is written. */
  beforeWrite?: () => Promise<void>;
  agents?: Agents;
}

export interface WireReply {
  status: number;
  retryAfter: string | null;
  text: string;
}

const codeOf = (e: unknown) => ((e as { code?: unknown })?.code && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : 'ERROR');

/** POSTs a JSON body; rejects with NotWrittenError when provably nothing was sent, BeforeWriteError when the hook failed, or the network error otherwise. */
export function postJson(r: WireRequest): Promise<WireReply> {
  const u = new URL(r.url);
  const secure = u.protocol === 'https:';
  const payload = Buffer.from(r.body);
  return new Promise<WireReply>((resolve, reject) => {
    let written = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const req = (secure ? https : http).request(u, {
      method: 'POST',
      agent: r.agents ? (secure ? r.agents.https : r.agents.http) : undefined,
      headers: { ...r.headers, 'content-length': String(payload.length) },
    });
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const fail = (e: unknown) =>
      finish(() => {
        req.destroy();
        if (written) reject(e);
        else {
          const err = e as Error;
          reject(new NotWrittenError(codeOf(e), `${err.message || String(e)} before the request was written`));
        }
      });
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const e = Object.assign(new Error(written ? `no reply within ${r.timeoutMs} ms` : `no connection within ${r.timeoutMs} ms`), { code: 'TIMEOUT', name: 'TimeoutError' });
        fail(e);
      }, r.timeoutMs);
    };
    arm();
    req.on('error', fail);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', fail);
      res.on('aborted', () => fail(Object.assign(new Error('the reply was cut off'), { code: 'ECONNRESET' })));
      res.on('end', () => {
        const h = res.headers['retry-after'];
        finish(() => resolve({ status: res.statusCode ?? 0, retryAfter: Array.isArray(h) ? (h[0] ?? null) : (h ?? null), text: Buffer.concat(chunks).toString('utf8') }));
      });
    });
    const write = async (socket: Socket) => {
      if (settled) return;
      try {
        await r.beforeWrite?.();
      } catch (e) {
        finish(() => {
          req.destroy();
          reject(new BeforeWriteError(e));
        });
        return;
      }
      if (settled) return;
      // The server may have closed the connection while the journal was synced: nothing was written yet.
      if (socket.destroyed || !socket.writable) return fail(Object.assign(new Error('the connection closed'), { code: 'ECONNRESET' }));
      written = true;
      arm();
      req.end(payload);
    };
    req.on('socket', (socket: Socket) => {
      if (req.reusedSocket || (!secure && !socket.connecting)) return void write(socket);
      socket.once(secure ? 'secureConnect' : 'connect', () => void write(socket));
    });
  });
}
