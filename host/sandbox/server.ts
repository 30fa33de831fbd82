/**
 * The built-in sandbox: a local Xtremepush-compatible API on 127.0.0.1. It validates execute bodies
 * like the platform, injects faults per environment, records every call it acted on (durably, to a
 * JSON Lines file when asked; tokens masked), posts simulated delivery webhooks, and answers with
 * the platform's envelope. Paths it does not handle go to `platformRoutes`.
 */
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxCall } from '../../shared/ipc/contract';
import { faultConfigSchema, type FaultConfig, type FaultPatch } from '../../shared/ipc/channels/sandbox';
import { EXECUTE_PATH } from '../../shared/send/request';
import { appendPrivate } from '../data-dir';
import { readJsonBody } from '../http/body';
import { createSafeServer, sendJson } from '../http/safe-server';
import { envelope } from './envelope';
import { handleExecute } from './execute-route';
import { platformRoutes, platformAfterExecute } from './platform-routes';
import { createSandboxState, faultsOf, type SandboxState } from './state';
import { scheduleWebhooks } from './webhook-sim';

export interface SandboxOptions {
  port?: number;
  /** App tokens the sandbox accepts (for the built-in `sandbox` environment); any other token gets 401. */
  tokens: string[];
  /** Append every acted-on call as a JSON line here (durable record for crash tests). */
  recordFile?: string;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /** Keep calls in memory for `calls()` (default true; off for benchmarks of big sends). */
  keepCalls?: boolean;
  /** How long a "timeout" fault holds the connection before closing it, in ms. */
  timeoutHoldMs?: number;
  onCall?: (call: SandboxCall) => void;
}

export interface Sandbox {
  url: string;
  state: SandboxState;
  calls(): SandboxCall[];
  reset(): number;
  /** Accepts `token` as the app token of `environmentId` (environments whose base URL is this sandbox). */
  allowToken(token: string, environmentId: string): void;
  faults(environmentId: string): FaultConfig;
  /** Changes the fields the patch names; the others keep their values. */
  setFaults(environmentId: string, faults: FaultPatch): FaultConfig;
  /** Where simulated delivery and click events are posted (none: no postbacks). */
  setWebhookUrl(url: string | undefined): void;
  close(): Promise<void>;
}

function mask(body: unknown): unknown {
  if (body && typeof body === 'object' && !Array.isArray(body) && 'apptoken' in body) return { ...(body as object), apptoken: '***' };
  return body;
}

/** Starts the sandbox on 127.0.0.1 (a free port unless one is given). */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const calls: SandboxCall[] = [];
  let seq = 0;
  let webhookUrl: string | undefined;
  const state = createSandboxState(options.tokens);
  const limit = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const keep = options.keepCalls ?? true;

  const send = (res: ServerResponse, code: number, payload: unknown, headers: Record<string, string> = {}) => sendJson(res, code, payload, headers);

  const record = (path: string, status: number, body: unknown, response: unknown, environmentId?: string, fault?: string) => {
    const call: SandboxCall = { seq: ++seq, at: new Date().toISOString(), path, status, body: mask(body), response, ...(environmentId ? { environmentId } : {}), ...(fault && fault !== 'ok' ? { fault } : {}) };
    // Written before the reply leaves: a call the client saw acknowledged is always in the record.
    if (options.recordFile) appendPrivate(options.recordFile, JSON.stringify(call) + '\n');
    if (keep) calls.push(call);
    options.onCall?.(call);
  };

  const server: Server = createSafeServer(
    async (req, res, url) => {
      const path = url.pathname;
      const refuse = (code: number, message: string) => send(res, code, envelope(code, { message }));
      if (req.method !== 'POST') return refuse(405, 'Method not allowed: the external API accepts POST only');
      const route = path === EXECUTE_PATH ? undefined : Object.prototype.hasOwnProperty.call(platformRoutes, path) ? platformRoutes[path] : undefined;
      if (path !== EXECUTE_PATH && !route) return refuse(404, `No such API method: ${path.slice(0, 200)}`);
      const parsed = await readJsonBody(req, limit, { form: true, emptyIsInvalid: true });
      if (parsed.kind === 'aborted') return;
      if (parsed.kind === 'too-large') return send(res, 413, envelope(413, { message: `Request body over ${limit} bytes` }));
      if (parsed.kind === 'invalid') return send(res, 400, envelope(400, { message: 'Request body is not valid JSON', errors: [{ field: '(body)', message: parsed.message }] }));
      const b = parsed.value as Record<string, unknown>;
      if (!b || typeof b !== 'object' || Array.isArray(b)) return send(res, 400, envelope(400, { message: 'Request body must be a JSON object', errors: [{ field: '(body)', message: 'expected an object' }] }));

      if (route) {
        try {
          const r = await route({ path, body: b, headers: req.headers, state });
          return send(res, r.status, r.body);
        } catch (e) {
          return send(res, 500, envelope(500, { message: `sandbox route failed: ${(e as Error).message}` }));
        }
      }

      const reply = handleExecute(b, req.headers, state);
      const latency = reply.environmentId ? faultsOf(state, reply.environmentId).latencyMs : 0;
      if (latency > 0) await new Promise((r) => setTimeout(r, latency));
      if (reply.acted) {
        record(path, reply.status, b, reply.body, reply.environmentId, reply.fault);
        platformAfterExecute(state, b);
        if (webhookUrl && faultsOf(state, reply.environmentId ?? 'sandbox').webhooks) scheduleWebhooks(webhookUrl, b);
      }
      switch (reply.kind) {
        case 'answer':
          return send(res, reply.status, reply.body, reply.headers);
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          return res.end('{"code": 200, "success": tru');
        case 'reset':
          return req.socket.destroy();
        case 'timeout': {
          const hold = setTimeout(() => req.socket.destroy(), options.timeoutHoldMs ?? 120_000);
          hold.unref();
          req.socket.once('close', () => clearTimeout(hold));
          return;
        }
      }
    },
    { errorBody: (status, message) => envelope(status, { message }) },
  );

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    calls: () => calls.slice(),
    reset: () => calls.splice(0).length,
    allowToken(token, environmentId) {
      state.auth.appTokens.add(token);
      state.tokenEnvironments.set(token, environmentId);
    },
    faults: (environmentId) => faultsOf(state, environmentId),
    setFaults(environmentId, faults) {
      const next = faultConfigSchema.parse({ ...faultsOf(state, environmentId), ...faults });
      state.faults.set(environmentId, next);
      return next;
    },
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
