/**
 * The webhook receiver the app runs on 127.0.0.1: delivery and click postbacks (the platform's
 * `{event, time, properties}` shape, one event or an array) are appended to
 * `<data>/webhooks/events.jsonl` and indexed by `properties.external_message_id`, which maps each
 * event back to a send and batch. The sandbox posts here; a staging setup can too (through a
 * tunnel that rewrites the Host header: the receiver only listens on loopback).
 *
 * Only whoever was given this run's URL can post: its last path segment is a per-run secret. A
 * request naming another Host (DNS rebinding) or carrying an Origin (a browser page; the platform's
 * servers send none) is refused, and bodies are limited before they are buffered, so a forged
 * delivery never shows up in a send's history.
 */
import type { Server } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { appendPrivate, ensurePrivateDir } from '../data-dir';
import { readJsonBody } from '../http/body';
import { createSafeServer, sendJson } from '../http/safe-server';

export interface WebhookEvent {
  event: string;
  /** Unix seconds, as the platform sends it. */
  time: number;
  properties: Record<string, unknown>;
  receivedAt: string;
}

export interface WebhookReceiver {
  url: string;
  /** Events whose external_message_id is one of `xids`. */
  eventsFor(xids: Iterable<string>): WebhookEvent[];
  close(): Promise<void>;
}

/** The receiver's path; the per-run secret follows it as one more segment. */
export const WEBHOOK_PATH = '/webhooks/xtremepush';

/**
 * Largest body accepted. The sandbox posts a call's events in one request: 10,000 targets (the
 * largest batch) are about 2 MB of deliveries.
 */
export const WEBHOOK_BODY_LIMIT = 8 * 1024 * 1024;

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks one posted event; returns a message for a bad one. */
export function checkEvent(e: unknown): string | undefined {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return 'an event must be an object';
  const o = e as Record<string, unknown>;
  if (typeof o.event !== 'string' || o.event === '') return 'event must be a non-empty string';
  if (typeof o.time !== 'number') return 'time must be unix seconds';
  if (!o.properties || typeof o.properties !== 'object' || Array.isArray(o.properties)) return 'properties must be an object';
  return undefined;
}

/** Starts the receiver on 127.0.0.1 with a fresh secret (unless one is given); its `url` is the only address it takes deliveries at. */
export async function startWebhookReceiver(o: { dataDir: string; port?: number; secret?: string; maxBodyBytes?: number; onEvents?: (events: WebhookEvent[]) => void }): Promise<WebhookReceiver> {
  const secret = o.secret ?? randomBytes(24).toString('base64url');
  const limit = o.maxBodyBytes ?? WEBHOOK_BODY_LIMIT;
  let port = 0;
  const dir = join(o.dataDir, 'webhooks');
  ensurePrivateDir(dir);
  const file = join(dir, 'events.jsonl');
  const byXid = new Map<string, WebhookEvent[]>();
  const index = (e: WebhookEvent) => {
    const xid = e.properties.external_message_id;
    if (typeof xid !== 'string') return;
    let list = byXid.get(xid);
    if (!list) byXid.set(xid, (list = []));
    list.push(e);
  };
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        index(JSON.parse(line) as WebhookEvent);
      } catch {
        // A torn line from a crash: the events before and after it still count.
      }
    }
  } catch {
    // No events yet.
  }

  const server: Server = createSafeServer(
    async (req, res, url) => {
      const reply = (status: number, body: unknown) => sendJson(res, status, body);
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return reply(403, { ok: false, message: 'wrong Host header' });
      if (req.headers.origin !== undefined) return reply(403, { ok: false, message: 'postbacks come from servers, not from web pages' });
      const given = url.pathname.startsWith(`${WEBHOOK_PATH}/`) ? url.pathname.slice(WEBHOOK_PATH.length + 1) : undefined;
      // One answer for a wrong path and a wrong secret, so the answer does not tell them apart.
      if (req.method !== 'POST' || given === undefined || !sameSecret(given, secret)) return reply(404, { ok: false, message: 'not a webhook address of this run' });
      const body = await readJsonBody(req, limit, { emptyIsInvalid: true });
      if (body.kind === 'aborted') return;
      if (body.kind === 'too-large') return reply(413, { ok: false, message: `body over ${limit} bytes` });
      if (body.kind === 'invalid') return reply(400, { ok: false, message: body.message });
      const list = Array.isArray(body.value) ? body.value : [body.value];
      for (let i = 0; i < list.length; i++) {
        const problem = checkEvent(list[i]);
        if (problem) return reply(400, { ok: false, message: `event ${i + 1}: ${problem}` });
      }
      const receivedAt = new Date().toISOString();
      const events = (list as Omit<WebhookEvent, 'receivedAt'>[]).map((e) => ({ event: e.event, time: e.time, properties: e.properties, receivedAt }));
      appendPrivate(file, events.map((e) => JSON.stringify(e) + '\n').join(''));
      events.forEach(index);
      o.onEvents?.(events);
      reply(200, { ok: true, received: events.length });
    },
    { errorBody: (_status, message) => ({ ok: false, message }) },
  );
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}/${secret}`,
    eventsFor(xids) {
      const out: WebhookEvent[] = [];
      for (const x of xids) out.push(...(byXid.get(x) ?? []));
      return out;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
