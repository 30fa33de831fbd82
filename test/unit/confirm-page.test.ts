/**
 * The browser host's confirmation page over real HTTP: only an answer from the page itself, with
 * the question's one-time code, counts; everything else is refused and the question keeps waiting.
 * (The browser's part — the renderer cannot read the page — is in test/e2e/secrets.spec.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startConfirmationPage, type ConfirmationEvent, type ConfirmationPage } from '../../host/confirm-page';

let cp: ConfirmationPage;
let events: ConfirmationEvent[];
beforeEach(async () => {
  events = [];
  cp = await startConfirmationPage({ onChange: (e) => events.push(e) });
});
afterEach(() => cp.close());

/** A raw HTTP request, so every header (Host, Origin) is exactly what the test says. */
function raw(method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  const u = new URL(cp.url);
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: u.port, method, path, headers: { host: u.host, ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}
const origin = () => new URL(cp.url).origin;
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const post = (body: string, headers: Record<string, string> = {}) => raw('POST', '/answer', { 'content-type': 'application/x-www-form-urlencoded', origin: origin(), 'sec-fetch-site': 'same-origin', ...headers }, body);
const question = { title: 'Point environment "Production" at https://evil.example?', detail: ['<b>not markup</b>'], confirmLabel: 'Change the destination' };

async function waitingQuestion() {
  const answer = cp.confirm(question);
  const pageText = (await raw('GET', '/', {})).text;
  const id = /name="id" value="([^"]+)"/.exec(pageText)![1]!;
  const code = /name="code" value="([^"]+)"/.exec(pageText)![1]!;
  return { answer, id, code, pageText };
}

describe('the confirmation page', () => {
  it('shows the question escaped, and tells the renderer only that one waits and where the page is', async () => {
    const { pageText, id } = await waitingQuestion();
    expect(pageText).toContain('Point environment &#34;Production&#34; at https://evil.example?');
    expect(pageText).toContain('&#60;b&#62;not markup&#60;/b&#62;');
    expect(events).toEqual([{ id, state: 'pending', title: question.title, url: cp.url }]);
    expect(JSON.stringify(events)).not.toMatch(/code/);
  });

  it('accepts the answer from its own form, once', async () => {
    const { answer, id, code } = await waitingQuestion();
    expect((await post(form({ id, code, answer: 'yes' }))).status).toBe(200);
    expect(await answer).toBe(true);
    expect(events.at(-1)).toMatchObject({ id, state: 'answered' });
    expect((await post(form({ id, code, answer: 'yes' }))).status).toBe(410);
  });

  it('a decline is a no', async () => {
    const { answer, id, code } = await waitingQuestion();
    await post(form({ id, code, answer: 'no' }));
    expect(await answer).toBe(false);
  });

  it('refuses answers without the code, from another origin or site, without an Origin, or at another Host — and the question keeps waiting', async () => {
    const { answer, id, code } = await waitingQuestion();
    const attempts = await Promise.all([
      post(form({ id, code: 'guessed', answer: 'yes' })),
      post(form({ id, answer: 'yes' })),
      post(form({ id, code, answer: 'yes' }), { origin: 'http://127.0.0.1:1' }),
      post(form({ id, code, answer: 'yes' }), { origin: 'null' }),
      post(form({ id, code, answer: 'yes' }), { 'sec-fetch-site': 'same-site' }),
      raw('POST', '/answer', { 'content-type': 'application/x-www-form-urlencoded' }, form({ id, code, answer: 'yes' })),
      post(form({ id, code, answer: 'yes' }), { host: 'evil.example' }),
      post(form({ id, code, answer: 'yes' }), { 'content-type': 'text/plain' }),
      raw('GET', `/answer?${form({ id, code, answer: 'yes' })}`, {}),
    ]);
    expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403, 421, 415, 405]);
    expect(cp.pending()).toBe(1);
    await post(form({ id, code, answer: 'no' }));
    expect(await answer).toBe(false);
  });

  it('cannot be framed, embedded or read by another origin', async () => {
    const r = await raw('GET', '/', { origin: 'http://127.0.0.1:9' });
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a question nobody answers expires as a no', async () => {
    const short = await startConfirmationPage({ timeoutMs: 50 });
    try {
      expect(await short.confirm(question)).toBe(false);
      expect(short.pending()).toBe(0);
    } finally {
      await short.close();
    }
  });
});
