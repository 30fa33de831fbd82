/**
 * The webhook receiver the app runs on 127.0.0.1: delivery and click postbacks (the platform's
 * `{event, time, properties}` shape, one event or an array) are appended to
 * `<data>/webhooks/events.jsonl` and indexed by `properties.external_message_id`, which maps each
 * event back to a send and batch. The sandbox posts here; a staging setup can too (through a
 * tunnel: the receiver only listens on loopback).
 */
import { createServer, type Server } from 'node:http';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

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

export const WEBHOOK_PATH = '/webhooks/xtremepush';

/** Checks one posted event; returns a message for a bad one. */
export function checkEvent(e: unknown): string | undefined {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return 'an event must be an object';
  const o = e as Record<string, unknown>;
  if (typeof o.event !== 'string' || o.event === '') return 'event must be a non-empty string';
  if (typeof o.time !== 'number') return 'time must be unix seconds';
  if (!o.properties || typeof o.properties !== 'object' || Array.isArray(o.properties)) return 'properties must be an object';
  return undefined;
}

export async function startWebhookReceiver(o: { dataDir: string; port?: number; onEvents?: (events: WebhookEvent[]) => void }): Promise<WebhookReceiver> {
  const dir = join(o.dataDir, 'webhooks');
  mkdirSync(dir, { recursive: true });
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

  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== WEBHOOK_PATH) return reply(404, { ok: false, message: `POST ${WEBHOOK_PATH}` });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024 * 1024) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        return reply(400, { ok: false, message: `body is not JSON: ${(e as Error).message}` });
      }
      const list = Array.isArray(parsed) ? parsed : [parsed];
      for (let i = 0; i < list.length; i++) {
        const problem = checkEvent(list[i]);
        if (problem) return reply(400, { ok: false, message: `event ${i + 1}: ${problem}` });
      }
      const receivedAt = new Date().toISOString();
      const events = (list as Omit<WebhookEvent, 'receivedAt'>[]).map((e) => ({ event: e.event, time: e.time, properties: e.properties, receivedAt }));
      appendFileSync(file, events.map((e) => JSON.stringify(e) + '\n').join(''));
      events.forEach(index);
      o.onEvents?.(events);
      reply(200, { ok: true, received: events.length });
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${WEBHOOK_PATH}`,
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
