/**
 * The built-in sandbox: a local Xtremepush-compatible API on 127.0.0.1. It validates execute bodies
 * like the platform, records every call (tokens masked), and answers with the platform's envelope
 * `{code, success, message, errors, data, model}`. It is the default environment, so everything
 * works with no account, and the tests use it too.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { SandboxCall } from '../../shared/ipc/contract';
import { validateExecuteBody } from './validate';
import { authenticate, type SandboxAuthState } from './auth';

export interface SandboxOptions {
  port?: number;
  /** App tokens the sandbox accepts; any other token gets 401 like the platform. */
  tokens: string[];
  /** Append every accepted call as a JSON line here (durable record for crash tests). */
  recordFile?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  onCall?: (call: SandboxCall) => void;
}

export interface Sandbox {
  url: string;
  calls(): SandboxCall[];
  reset(): number;
  close(): Promise<void>;
}

function envelope(code: number, fields: { message?: string; errors?: unknown[]; data?: unknown; model?: unknown }) {
  return { code, success: code >= 200 && code < 300, message: fields.message ?? '', ...(fields.errors ? { errors: fields.errors } : {}), ...(fields.data !== undefined ? { data: fields.data } : {}), ...(fields.model !== undefined ? { model: fields.model } : {}) };
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolveBody(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function mask(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'apptoken' in body) return { ...(body as object), apptoken: '***' };
  return body;
}

/** Starts the sandbox on 127.0.0.1 (a free port unless one is given). */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const calls: SandboxCall[] = [];
  let seq = 0;
  const auth: SandboxAuthState = { appTokens: new Set(options.tokens) };
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;

  const send = (res: ServerResponse, code: number, payload: unknown) => {
    const text = JSON.stringify(payload);
    res.writeHead(code, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (req.method !== 'POST') return send(res, 405, envelope(405, { message: 'Method not allowed: the external API accepts POST only' }));
    if (path !== '/api/external/execute/campaign') return send(res, 404, envelope(404, { message: `No such API method: ${path}` }));
    const text = await readBody(req, limit);
    if (text === null) return send(res, 413, envelope(413, { message: `Request body over ${limit} bytes` }));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return send(res, 400, envelope(400, { message: 'Request body is not valid JSON', errors: [{ field: '(body)', message: (e as Error).message }] }));
    }
    const b = body as Record<string, unknown>;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return send(res, 400, envelope(400, { message: 'Request body must be a JSON object', errors: [{ field: '(body)', message: 'expected an object' }] }));
    const authed = authenticate(req.headers, b, auth);
    if (!authed.ok) return send(res, authed.status, envelope(authed.status, { message: authed.message, ...(authed.status === 400 ? { errors: [{ field: 'apptoken', message: 'apptoken is required' }] } : {}) }));
    const problems = validateExecuteBody(body);
    if (problems.length) return send(res, 400, envelope(400, { message: `Invalid request: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, errors: problems }));
    const targets = Array.isArray(b.target) ? b.target.length : 0;
    const response = envelope(200, { message: 'Campaign execution accepted', model: { id: String(b.id), targets } });
    const call: SandboxCall = { seq: ++seq, at: new Date().toISOString(), path, status: 200, body: mask(body), response };
    if (options.recordFile) appendFileSync(options.recordFile, JSON.stringify(call) + '\n');
    calls.push(call);
    options.onCall?.(call);
    send(res, 200, response);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => calls.slice(),
    reset: () => calls.splice(0).length,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
