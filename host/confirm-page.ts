/**
 * The browser host's confirmation page: where the person confirms a change of destination or a
 * new secret (host/confirm.ts decides which) when there is no native dialog to ask in.
 *
 * Why the renderer cannot answer for the person:
 * - The page is served by its own listener on another port, so it is another origin than the
 *   renderer's. The renderer may open it (it shows the link), but the same-origin policy keeps
 *   its content from the renderer's scripts: no CORS headers, `Cross-Origin-Resource-Policy:
 *   same-origin` (no embedding as an image, script or style), `Cross-Origin-Opener-Policy:
 *   same-origin` (a window the renderer opened gives it no handle), `frame-ancestors 'none'` and
 *   `X-Frame-Options: DENY` (no framing, so no clickjacking).
 * - Each waiting question has a one-time code, written only into that page's form. An answer
 *   must carry it, and come from the page itself: `Origin` must be the page's origin and
 *   `Sec-Fetch-Site`, when sent, `same-origin`. A forged POST from the renderer (or any other
 *   tab) has neither the code nor the origin; a DNS-rebinding page fails the Host check.
 * - The question's text is computed on the main side from the settings (host/confirm.ts), and
 *   escaped: the renderer chooses what to ask for, never what the person reads.
 * Unanswered questions expire (a "no") after `timeoutMs`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Confirm, ConfirmRequest } from './confirm';

export interface ConfirmationEvent {
  id: string;
  state: 'pending' | 'answered';
  title: string;
  url: string;
}

export interface ConfirmationPageOptions {
  port?: number;
  /** Tells the renderer a question is waiting (and where the page is), and when it was answered. */
  onChange?: (e: ConfirmationEvent) => void;
  /** How long a question waits for an answer before it counts as a "no" (default 5 minutes). */
  timeoutMs?: number;
}

export interface ConfirmationPage {
  /** The page, e.g. `http://127.0.0.1:40123/` (nothing secret in it). */
  url: string;
  /** Asks the person on the page; resolves with their answer. */
  confirm: Confirm;
  /** Questions waiting now. */
  pending(): number;
  close(): Promise<void>;
}

interface Waiting {
  id: string;
  code: string;
  request: ConfirmRequest;
  answer(yes: boolean): void;
}

const HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // Not no-referrer: with it a browser sends `Origin: null` on the page's own form posts, and the origin check below needs the real one.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function sameCode(given: string, code: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(code);
  return a.length === b.length && timingSafeEqual(a, b);
}

function page(res: ServerResponse, status: number, title: string, body: string, refresh = false) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${refresh ? '<meta http-equiv="refresh" content="2">' : ''}
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}section{border:1px solid #c90;border-radius:8px;padding:1rem;margin:1rem 0}h2{font-size:1.1rem;margin:0 0 .5rem}form{display:inline}button{font:inherit;padding:.4rem 1rem;margin:.5rem .5rem 0 0}.yes{font-weight:600}</style></head>
<body><h1>Preflight — confirm a change</h1>${body}</body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...HEADERS });
  res.end(html);
}

const refuse = (res: ServerResponse, status: number, why: string) => page(res, status, 'Not accepted', `<p>${escapeHtml(why)}</p><p><a href="/">Back to the questions</a></p>`);

async function readForm(req: IncomingMessage, limit: number): Promise<URLSearchParams | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Starts the confirmation page on 127.0.0.1 (a free port unless given). */
export async function startConfirmationPage(o: ConfirmationPageOptions = {}): Promise<ConfirmationPage> {
  const waiting = new Map<string, Waiting>();
  const timeoutMs = o.timeoutMs ?? 5 * 60_000;
  let port = 0;
  const origins = () => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  const list = () =>
    waiting.size === 0
      ? '<p>Nothing is waiting for your confirmation. This page looks again every 2 seconds.</p>'
      : [...waiting.values()]
          .map(
            (w) => `<section data-question="${escapeHtml(w.id)}"><h2>${escapeHtml(w.request.title)}</h2>${w.request.detail.map((d) => `<p>${escapeHtml(d)}</p>`).join('')}
<form method="post" action="/answer"><input type="hidden" name="id" value="${escapeHtml(w.id)}"><input type="hidden" name="code" value="${escapeHtml(w.code)}"><input type="hidden" name="answer" value="yes"><button class="yes" type="submit">${escapeHtml(w.request.confirmLabel)}</button></form>
<form method="post" action="/answer"><input type="hidden" name="id" value="${escapeHtml(w.id)}"><input type="hidden" name="code" value="${escapeHtml(w.code)}"><input type="hidden" name="answer" value="no"><button type="submit">Decline</button></form></section>`,
          )
          .join('');

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? '';
    if (!origins().some((x) => x === `http://${host}`)) return refuse(res, 421, 'This page answers only at its own address.');
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) return page(res, 200, 'Preflight — confirm a change', list(), waiting.size === 0);
    if (path !== '/answer') return refuse(res, 404, 'Not found.');
    if (req.method !== 'POST') return refuse(res, 405, 'Answers are sent with the buttons on this page.');
    // The answer must come from this page: its own origin (browsers always send Origin on a POST), not another site or tab.
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if (!origin || origin !== `http://${host}` || (site !== undefined && site !== 'same-origin')) return refuse(res, 403, 'Answers are accepted only from the confirmation page itself.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return refuse(res, 415, 'Answers are sent with the buttons on this page.');
    const form = await readForm(req, 4096);
    if (!form) return refuse(res, 413, 'That answer is too large.');
    const w = waiting.get(form.get('id') ?? '');
    if (!w) return refuse(res, 410, 'That question is no longer waiting (answered, expired, or never asked).');
    if (!sameCode(form.get('code') ?? '', w.code)) return refuse(res, 403, 'That answer does not carry the code of this question.');
    const yes = form.get('answer') === 'yes';
    w.answer(yes);
    return page(res, 200, yes ? 'Confirmed' : 'Declined', `<p><strong>${yes ? 'Confirmed' : 'Declined'}:</strong> ${escapeHtml(w.request.title)}</p><p>You can close this tab and return to Preflight.</p><p><a href="/">Other questions</a></p>`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 400, 'That request could not be read.');
      else res.destroy();
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;

  const confirm: Confirm = (request) =>
    new Promise<boolean>((resolve) => {
      const id = randomBytes(9).toString('base64url');
      const timer = setTimeout(() => done(false), timeoutMs);
      timer.unref();
      const done = (yes: boolean) => {
        if (!waiting.delete(id)) return;
        clearTimeout(timer);
        o.onChange?.({ id, state: 'answered', title: request.title, url });
        resolve(yes);
      };
      waiting.set(id, { id, code: randomBytes(32).toString('base64url'), request, answer: done });
      o.onChange?.({ id, state: 'pending', title: request.title, url });
    });

  return {
    url,
    confirm,
    pending: () => waiting.size,
    close: () =>
      new Promise<void>((ok) => {
        for (const w of [...waiting.values()]) w.answer(false);
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
