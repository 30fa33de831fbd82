/**
 * The browser host: the built renderer and the same main-process handlers over HTTP on 127.0.0.1.
 * Every IPC call must carry the per-run token (header `x-preflight-token`); the event stream takes
 * it as a query parameter because EventSource cannot set headers. Requests naming another Host are
 * refused, so a web page cannot reach the handlers through DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload } from '../shared/ipc/contract';
import { dispatch, type Handlers } from './ipc/dispatch';
import { bodyLimitFor } from './ipc/body-limits';
import { readJsonBody } from './http/body';
import { createSafeServer, decodePath, sendJson } from './http/safe-server';
import { readStaticFile } from './http/static-files';

export interface BrowserHostOptions {
  port?: number;
  rendererDir: string;
  handlers: Handlers;
  token?: string;
  /** Body limit per channel (default: host/ipc/body-limits.ts). */
  bodyLimit?: (channel: string) => number;
}

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): Promise<void>;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The typed IPC error every refusal of this transport answers with. */
const ipcError = (code: 'invalid-arguments' | 'forbidden' | 'failed', message: string) => ({ ok: false, error: { code, message } });

function errorBody(status: number, message: string) {
  return ipcError(status === 403 ? 'forbidden' : status >= 500 ? 'failed' : 'invalid-arguments', message);
}

/** Starts the browser host on 127.0.0.1 and resolves once it accepts connections. */
export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? randomBytes(24).toString('base64url');
  const limitOf = o.bodyLimit ?? bodyLimitFor;
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server = createSafeServer(async (req, res, url) => {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return sendJson(res, 403, ipcError('forbidden', 'wrong Host header'));

    if (url.pathname.startsWith('/ipc/')) {
      if (req.method !== 'POST') return sendJson(res, 405, ipcError('forbidden', 'IPC calls are POST'));
      if (!sameToken(req.headers['x-preflight-token'] as string | undefined, token)) return sendJson(res, 403, ipcError('forbidden', 'missing or wrong token'));
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
      if (!sameToken(url.searchParams.get('token'), token)) return sendJson(res, 403, ipcError('forbidden', 'missing or wrong token'));
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, ipcError('forbidden', 'method not allowed'));
    const file = await readStaticFile(o.rendererDir, url.pathname);
    if (file.status !== 200) return sendJson(res, file.status, ipcError(file.status === 403 ? 'forbidden' : file.status === 400 ? 'invalid-arguments' : 'failed', file.message));
    res.writeHead(200, file.headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }, { errorBody });

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
