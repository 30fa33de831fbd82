/**
 * The browser host: the built renderer and the same main-process handlers over HTTP on 127.0.0.1.
 * Every IPC call must carry the per-run token (header `x-preflight-token`); the event stream takes
 * it as a query parameter because EventSource cannot set headers. Requests naming another Host are
 * refused, so a web page cannot reach the handlers through DNS rebinding.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload } from '../shared/ipc/contract';
import { dispatch, type Handlers } from './ipc/dispatch';
import { securityHeaders } from './csp';

export interface BrowserHostOptions {
  port?: number;
  rendererDir: string;
  handlers: Handlers;
  token?: string;
  maxBodyBytes?: number;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(res: ServerResponse, status: number, payload: unknown) {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage, limit: number): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) return { ok: false, message: `request body over ${limit} bytes` };
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `request body is not JSON: ${(e as Error).message}` };
  }
}

/** Starts the browser host on 127.0.0.1 and resolves once it accepts connections. */
export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const limit = o.maxBodyBytes ?? 256 * 1024 * 1024;
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'wrong Host header' } });

    if (url.pathname.startsWith('/ipc/')) {
      if (req.method !== 'POST') return json(res, 405, { ok: false, error: { code: 'forbidden', message: 'IPC calls are POST' } });
      if (!sameToken(req.headers['x-preflight-token'] as string | undefined, token)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } });
      const body = await readJson(req, limit);
      if (!body.ok) return json(res, 400, { ok: false, error: { code: 'invalid-arguments', message: body.message } });
      const reply = await dispatch(o.handlers, decodeURIComponent(url.pathname.slice(5)), body.value);
      return json(res, 200, reply);
    }

    if (url.pathname === '/events') {
      if (!sameToken(url.searchParams.get('token'), token)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } });
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { ok: false, error: { code: 'forbidden', message: 'method not allowed' } });
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const full = normalize(join(o.rendererDir, rel));
    if (!full.startsWith(normalize(o.rendererDir) + sep)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'outside the app' } });
    try {
      const data = await readFile(full);
      const headers: Record<string, string> = { 'content-type': TYPES[extname(full)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...securityHeaders(rel) };
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch {
      json(res, 404, { ok: false, error: { code: 'failed', message: `not found: ${url.pathname}` } });
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const s of streams) s.write(frame);
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of streams) s.end();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
