/**
 * The browser host: the built renderer and the same main-process handlers over HTTP on 127.0.0.1.
 * A browser signs in once with the single-use code of a printed link and then carries a session
 * cookie (host/browser-session.ts); every request but the sign-in needs it, IPC calls must also
 * come from the app's own Origin, and requests naming another Host are refused, so a web page
 * cannot reach the handlers through DNS rebinding or a cross-site request. Requests are served by
 * the safe server (host/http/safe-server.ts) with per-channel body limits (host/ipc/body-limits.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload } from '../shared/ipc/contract';
import { dispatch, type Handlers } from './ipc/dispatch';
import { bodyLimitFor } from './ipc/body-limits';
import { BrowserSessions } from './browser-session';
import { DOCUMENT_HEADERS } from './csp';
import { hasUnreadBody, readJsonBody } from './http/body';
import { createSafeServer, decodePath, sendJson } from './http/safe-server';
import { readStaticFile } from './http/static-files';

export interface BrowserHostOptions {
  port?: number;
  rendererDir: string;
  handlers: Handlers;
  /** Body limit per channel (default: host/ipc/body-limits.ts). */
  bodyLimit?: (channel: string) => number;
}

export interface BrowserHost {
  /** The first sign-in link (its code works once). */
  url: string;
  port: number;
  /** A new single-use sign-in link. */
  newSignInUrl(): string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

/** The typed IPC error every refusal of this transport answers with. */
const ipcError = (code: 'invalid-arguments' | 'forbidden' | 'failed', message: string) => ({ ok: false, error: { code, message } });

function errorBody(status: number, message: string) {
  return ipcError(status === 403 || status === 401 ? 'forbidden' : status >= 500 ? 'failed' : 'invalid-arguments', message);
}

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A small static page (sign-in problems): no scripts, nothing framed, no referrer. */
function page(res: ServerResponse, status: number, title: string, text: string) {
  const html = `<!doctype html><meta charset="utf-8"><title>Preflight: ${title}</title><style>body{font:15px system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style><h1>${title}</h1>${text}`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PAGE_CSP, ...DOCUMENT_HEADERS });
  res.end(html);
}

const HOW_TO_SIGN_IN = '<p>Open the sign-in link printed in the terminal running Preflight. Each link works once; press Enter in that terminal for a new one.</p>';

/** The URL's query without the sign-in code (where the redirect after signing in goes). */
function withoutCode(url: URL): string {
  const q = new URLSearchParams(url.search);
  q.delete('code');
  const rest = q.toString();
  return `${url.pathname}${rest ? `?${rest}` : ''}`;
}

/** Starts the browser host on 127.0.0.1 and resolves once it accepts connections. */
export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const limitOf = o.bodyLimit ?? bodyLimitFor;
  const streams = new Set<ServerResponse>();
  let sessions: BrowserSessions | undefined;

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, s: BrowserSessions) => {
    if (!s.isOwnHost(req.headers.host)) return sendJson(res, 403, ipcError('forbidden', 'wrong Host header'));

    const code = url.searchParams.get('code');
    if (code !== null && (req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/ipc/')) {
      // HEAD (link previews, prefetchers) never spends a code.
      const cookie = req.method === 'GET' ? s.redeem(code) : undefined;
      if (!cookie) return page(res, 403, 'This sign-in link does not work', `<p>It was already used, or it belongs to another run of Preflight.</p>${HOW_TO_SIGN_IN}`);
      res.writeHead(303, { location: withoutCode(url), 'set-cookie': cookie, 'cache-control': 'no-store', ...DOCUMENT_HEADERS });
      return res.end();
    }

    if (url.pathname.startsWith('/ipc/')) {
      if (req.method !== 'POST') return sendJson(res, 405, ipcError('forbidden', 'IPC calls are POST'));
      if (!s.isOwnOrigin(req.headers)) return sendJson(res, 403, ipcError('forbidden', "not a call from the app's own page (Origin)"));
      if (!s.isSignedIn(req.headers.cookie)) return sendJson(res, 403, ipcError('forbidden', 'not signed in: open the sign-in link the host printed'));
      const channel = decodePath(url.pathname.slice(5));
      if (channel === undefined) return sendJson(res, 400, ipcError('invalid-arguments', 'malformed channel name'));
      const limit = limitOf(channel);
      const body = await readJsonBody(req, limit);
      if (body.kind === 'aborted') return;
      if (body.kind === 'too-large') return sendJson(res, 413, ipcError('invalid-arguments', `request body over ${limit} bytes for ${channel.slice(0, 100)}`));
      if (body.kind === 'invalid') return sendJson(res, 400, ipcError('invalid-arguments', body.message));
      return sendJson(res, 200, await dispatch(o.handlers, channel, body.value));
    }

    if (url.pathname === '/events') {
      const site = req.headers['sec-fetch-site'];
      if (!s.isSignedIn(req.headers.cookie) || (site !== undefined && site !== 'same-origin')) return sendJson(res, 403, ipcError('forbidden', 'not signed in: open the sign-in link the host printed'));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, ipcError('forbidden', 'method not allowed'));
    // A browser that signed in in one step of a cross-site redirect chain may arrive here without
    // its Strict cookie; the link below is a same-site navigation that carries it.
    if (!s.isSignedIn(req.headers.cookie)) return page(res, 401, 'Not signed in', `<p>If you have just opened a sign-in link, <a href="/">continue to Preflight</a>.</p>${HOW_TO_SIGN_IN}`);
    const file = await readStaticFile(o.rendererDir, url.pathname);
    if (file.status !== 200) return sendJson(res, file.status, errorBody(file.status, file.message));
    // A GET that came with a body (nobody sends one) does not get its bytes read.
    res.writeHead(200, hasUnreadBody(req) ? { ...file.headers, connection: 'close' } : file.headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  const server = createSafeServer((req, res, url) => (sessions ? handle(req, res, url, sessions) : sendJson(res, 503, ipcError('failed', 'starting'))), { errorBody });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  const s = (sessions = new BrowserSessions(port));

  return {
    url: s.signInUrl(s.issueCode()),
    port,
    newSignInUrl: () => s.signInUrl(s.issueCode()),
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const st of streams) st.write(frame);
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const st of streams) st.end();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
