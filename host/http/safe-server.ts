/**
 * One way to run an HTTP server in the main process that no request can kill: every server the app
 * runs (browser host, sandbox, webhook receiver) is made here. A request's URL is parsed before the
 * handler sees it (a malformed one gets 400); whatever the handler throws or rejects becomes a 500
 * with the server's own typed error body; errors of aborted requests and responses are dropped
 * quietly; malformed request heads (bad header syntax, oversized headers) get 400/431; slow clients
 * are cut off by header and request timeouts. The process stays up.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { hasUnreadBody } from './body';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => unknown;

export interface SafeServerOptions {
  /** The error body in the shape this server's clients read (the IPC reply, the platform's envelope…). */
  errorBody(status: number, message: string): unknown;
  /** Told about handler failures (a bug, not a bad request); the default prints one line. */
  onError?(error: unknown, req: IncomingMessage): void;
  /** Longest wait for a request's headers, in ms (slow clients). */
  headersTimeoutMs?: number;
  /** Longest wait for a whole request (headers and body), in ms. */
  requestTimeoutMs?: number;
}

/** Sends a JSON answer. A request whose body nobody reads gets `Connection: close`, so its bytes are not read either. */
export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(payload);
  const close = res.req && hasUnreadBody(res.req) ? { connection: 'close' } : {};
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store', ...close, ...headers });
  res.end(text);
}

/** Decodes a URL path's escapes; undefined for a malformed one (`%zz`) or one naming a NUL byte. */
export function decodePath(path: string): string | undefined {
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** The request's URL, or undefined when it cannot be parsed. */
function parseUrl(req: IncomingMessage): URL | undefined {
  const raw = req.url ?? '/';
  // Only origin-form targets ("/path?query"): absolute-form and "*" are not for this server.
  if (!raw.startsWith('/')) return undefined;
  try {
    // Prefixed, not resolved against a base: "//etc/passwd" must stay a path, not become a host.
    const url = new URL(`http://127.0.0.1${raw}`);
    // A path no handler could decode (`/%zz`) is malformed for all of them.
    return decodePath(url.pathname) === undefined ? undefined : url;
  } catch {
    return undefined;
  }
}

function rawAnswer(socket: Socket, status: number, reason: string, body: unknown) {
  const text = JSON.stringify(body);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
}

/** Creates (does not start) a server running `handler` under the guarantees above. */
export function createSafeServer(handler: HttpHandler, o: SafeServerOptions): Server {
  const onError = o.onError ?? ((e, req) => console.error(`preflight: ${req.method} ${(req.url ?? '').split('?')[0]!.slice(0, 200)} failed: ${e instanceof Error ? e.message : String(e)}`));
  const server = createServer((req, res) => {
    // A client that goes away mid-request makes these emit errors; nothing is owed to it.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = parseUrl(req);
    if (!url) return sendJson(res, 400, o.errorBody(400, 'malformed request URL'));
    let pending: unknown;
    try {
      pending = handler(req, res, url);
    } catch (e) {
      return fail(e);
    }
    if (pending instanceof Promise) pending.catch(fail);

    function fail(e: unknown) {
      onError(e, req);
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, o.errorBody(500, 'internal error'), { connection: 'close' });
      else res.destroy();
    }
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
    if (err.code === 'HPE_HEADER_OVERFLOW') return rawAnswer(socket, 431, 'Request Header Fields Too Large', o.errorBody(431, 'request headers too large'));
    if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return rawAnswer(socket, 408, 'Request Timeout', o.errorBody(408, 'request not received in time'));
    rawAnswer(socket, 400, 'Bad Request', o.errorBody(400, 'malformed request'));
  });
  server.headersTimeout = o.headersTimeoutMs ?? 20_000;
  server.requestTimeout = o.requestTimeoutMs ?? 120_000;
  return server;
}
