/**
 * Fuzz test of the running host process: thousands of malformed HTTP requests over raw sockets
 * (bad paths, bad headers, truncated and oversized bodies, wrong methods, slow clients, resets),
 * with and without the sign-in credentials, at the browser host and at the sandbox it runs. The
 * host is checked after every round; a dead one is counted as a crash and restarted, so the count
 * says how many rounds killed it. Afterwards a normal call must answer. No timing assertions.
 * Replay a failing run with PREFLIGHT_FUZZ_SEED.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { bundleHost, rawRequest, startHostProcess, type HostProcess, type RawOptions } from '../support/host-process';
import { signIn, type Credentials } from '../support/sign-in';

const REQUESTS = Number(process.env.PREFLIGHT_FUZZ_REQUESTS ?? 3000);
const ROUND = 100;
const PARALLEL = 25;
const seed = Number(process.env.PREFLIGHT_FUZZ_SEED ?? Date.now() % 1_000_000);

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Target {
  port: number;
  /** Header lines (each ending in CRLF) that a signed-in client sends; empty without credentials. */
  auth: string;
  /** Paths worth aiming at on this server. */
  paths: string[];
}

interface FuzzCase {
  kind: string;
  first: string | Buffer;
  options: RawOptions;
}

const BAD_PATHS = [
  '/%zz',
  '/%',
  '/%E0%A4%A',
  '/ipc/%zz',
  '/ipc/%E0%A4%A',
  '/ipc/%00',
  '/..%2f..%2fetc%2fpasswd',
  '/../../etc/passwd',
  '//etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/assets/..%5c..%5cindex.html',
  '/ipc/__proto__',
  '/ipc/constructor',
  '/ipc/toString',
  '/ipc/',
  '/ipc',
  '/events?token=%zz',
  '/events',
  '/?code=%zz',
  '/?code=',
  '/index.html%00.js',
  '/\u00e9',
  '*',
  'http://evil.example/',
  'http://127.0.0.1/ipc/app.info',
  '/api/external/execute/campaign',
  '/api/external/%zz',
  '/webhooks/xtremepush',
  '/webhooks/xtremepush/%zz',
  '/' + 'a'.repeat(9000),
  '/?' + 'q=1&'.repeat(3000),
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'CONNECT', 'FOO', 'get', 'P0ST'];
const BODIES = [
  '{',
  '[]',
  '[1,2]',
  'null',
  'true',
  '"x"',
  '42',
  '{"a":',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '\u0000\u0001',
  '\uFFFF',
  '['.repeat(50_000),
  '{"a":' + '1'.repeat(100_000) + '}',
  'x'.repeat(70_000),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28]).toString('latin1'),
];
const REAL_CHANNELS = ['environments.list', 'workspace.readFile', 'workspace.writeFile', 'send.prepare', 'send.status', 'review.save', 'review.exportReport', 'sandbox.faults.set', 'platform.testConnection', 'data.saveMapping'];

function generate(random: () => number, t: Target): FuzzCase {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const host = `Host: 127.0.0.1:${t.port}\r\n`;
  const auth = t.auth;
  const path = random() < 0.5 ? pick(BAD_PATHS) : pick(t.paths);
  switch (Math.floor(random() * 12)) {
    case 0:
      return { kind: 'bad path', first: `${pick(METHODS)} ${path} HTTP/1.1\r\n${host}${auth}Connection: close\r\n\r\n`, options: {} };
    case 1: {
      const bad = pick([
        'Host: evil.example\r\n',
        'Host:\r\n',
        `Host: 127.0.0.1:${t.port}\r\nHost: evil.example\r\n`,
        'X-Bad Header: 1\r\n',
        'NoColonHere\r\n',
        `X-Long: ${'a'.repeat(20_000)}\r\n`,
        'Content-Length: -1\r\n',
        'Content-Length: abc\r\n',
        'Content-Length: 5\r\nContent-Length: 6\r\n',
        'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n',
        'Transfer-Encoding: gzip, chunked\r\n',
        'Cookie: =;;;===%zz\r\n',
        'Origin: null\r\n',
        'Origin: %zz\r\n',
        'X-Preflight-Token: \u00ff\u00fe\r\n',
        'Content-Type: application/json; charset=%zz\r\n',
        ' folded: line\r\n',
        'X\u0000Y: z\r\n',
      ]);
      const withHost = bad.startsWith('Host') ? '' : host;
      return { kind: 'bad header', first: `POST ${path} HTTP/1.1\r\n${withHost}${auth}${bad}Connection: close\r\n\r\n{}`, options: {} };
    }
    case 2:
      return { kind: 'bad request line', first: pick(['\r\n\r\n', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET / HTTP/1.1 extra\r\n\r\n', '\u0016\u0003\u0001\u0000\u00a5', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', `GET / HTTP/1.0\r\n\r\n`]), options: { then: 'end' } };
    case 3: {
      const body = pick(BODIES);
      return { kind: 'bad body', first: `POST ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\nConnection: close\r\n\r\n`, options: { more: [Buffer.from(body, 'latin1')] } };
    }
    case 4: {
      const declared = 1000 + Math.floor(random() * 100_000);
      return { kind: 'truncated body', first: `POST ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{"a":"`, options: { then: 'end', waitMs: 300 } };
    }
    case 5:
      return {
        kind: 'oversized (declared)',
        first: `POST ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: ${pick([300 * 1024 * 1024, 2 ** 40, Number.MAX_SAFE_INTEGER])}\r\n\r\n`,
        options: { more: ['{"x":"' + 'y'.repeat(10_000)], then: 'reset' },
      };
    case 6: {
      // Chunked, with no length up front: the limit must hold while streaming.
      const chunk = 'y'.repeat(256 * 1024);
      const chunks = Array.from({ length: 40 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      return { kind: 'oversized (streamed)', first: `POST ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, options: { more: ['5\r\n{"x":"\r\n', ...chunks], then: 'reset' } };
    }
    case 7:
      return {
        kind: 'bad chunking',
        first: `POST ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
        options: { more: [pick(['zz\r\nabc\r\n0\r\n\r\n', '5\r\nabc\r\n', 'fffffffffffffffff\r\n', '-1\r\n', '3\r\nabcdef\r\n0\r\n\r\n'])], then: 'end', waitMs: 300 },
      };
    case 8:
      return { kind: 'wrong method', first: `${pick(METHODS)} ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Content-Length: 2\r\nConnection: close\r\n\r\n{}`, options: {} };
    case 9: {
      // A slow client: the request a few bytes at a time.
      const text = `POST ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n[]`;
      const parts = text.match(/[\s\S]{1,7}/g)!;
      return { kind: 'slow client', first: parts[0]!, options: { more: parts.slice(1), delayMs: 2 } };
    }
    case 10: {
      const mid = random() < 0.5;
      return {
        kind: 'reset',
        first: mid ? `POST ${pick(t.paths)} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n` : `POST ${pick(t.paths)} HTTP/1.1\r\n${host}`,
        options: { more: mid ? ['{"path":"' + 'p'.repeat(60_000)] : [], then: 'reset' },
      };
    }
    default: {
      const channel = pick([...REAL_CHANNELS, 'no.such', '__proto__', 'a'.repeat(300)]);
      const body = pick(['[1]', '"str"', '7', '{"unknown":1}', '{"path":5}', '{"id":{"$gt":""}}']);
      return { kind: 'wrong arguments', first: `POST /ipc/${channel} HTTP/1.1\r\n${host}${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`, options: {} };
    }
  }
}

let dir: string;
let bundle: string;
let host: HostProcess;
let credentials: Credentials;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'preflight-fuzz-'));
  bundle = await bundleHost(dir);
}, 60_000);
afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function start() {
  host = await startHostProcess(bundle, dir);
  credentials = await signIn(host);
}

async function normalCall() {
  const res = await fetch(`${host.origin}/ipc/environments.list`, { method: 'POST', headers: { ...credentials.headers, 'content-type': 'application/json' }, body: '{}' });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: { id: string; baseUrl: string }[] } };
}

describe(`host fuzz (${REQUESTS} requests, seed ${seed})`, () => {
  it('no malformed request kills the host, with or without credentials, and a normal call answers afterwards', async () => {
    const random = mulberry32(seed);
    await start();
    let crashes = 0;
    const killers: string[] = [];
    const outcomes = new Map<string, number>();
    // Slow clients that send part of a request and then wait (held open for the whole run).
    const idle = Array.from({ length: 10 }, () => {
      const s = connect(host.port, '127.0.0.1', () => s.write(`POST /ipc/environments.list HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Le`));
      s.on('error', () => undefined);
      return s;
    });

    for (let done = 0; done < REQUESTS; done += ROUND) {
      const sandboxUrl = (await normalCall()).body.value!.find((e) => e.id === 'sandbox')!.baseUrl;
      const sandboxPort = Number(new URL(sandboxUrl).port);
      const targets: Target[] = [
        { port: host.port, auth: '', paths: ['/', '/index.html', '/assets/app.js', '/events', '/ipc/environments.list', '/ipc/workspace.writeFile', '/ipc/send.prepare', '/ipc/no.such'] },
        { port: host.port, auth: credentials.headerLines, paths: ['/', '/index.html', '/assets/app.js', '/events', '/ipc/environments.list', '/ipc/workspace.writeFile', '/ipc/send.prepare', '/ipc/review.exportReport', '/ipc/no.such'] },
        { port: sandboxPort, auth: '', paths: ['/api/external/execute/campaign', '/api/external/list/campaign', '/api/external/info/campaign', '/oauth/token', '/nope'] },
      ];
      const generated = Array.from({ length: ROUND }, () => {
        const t = targets[Math.floor(random() * targets.length)]!;
        return { ...generate(random, t), port: t.port };
      });
      for (let i = 0; i < generated.length; i += PARALLEL) {
        const replies = await Promise.all(generated.slice(i, i + PARALLEL).map((c) => rawRequest(c.port, c.first, c.options)));
        replies.forEach((r, j) => {
          const key = `${generated[i + j]!.kind}: ${r.status ?? r.outcome}`;
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        });
      }
      // The host died somewhere in this round: count it, remember what the round held, start a new one.
      await new Promise((r) => setImmediate(r));
      if (
        !host.alive() ||
        !(await normalCall().then(
          (r) => r.body.ok,
          () => false,
        ))
      ) {
        crashes++;
        killers.push(`round at ${done}: ${[...new Set(generated.map((g) => g.kind))].join(', ')}\n${host.stderr().slice(-600)}`);
        await host.stop();
        await start();
      }
    }
    for (const s of idle) s.destroy();
    console.log(
      `fuzz seed ${seed}: ${REQUESTS} requests, ${crashes} crash(es)\n${[...outcomes]
        .sort()
        .map(([k, n]) => `  ${k} × ${n}`)
        .join('\n')}`,
    );
    expect(killers, `seed ${seed}`).toEqual([]);
    expect(crashes).toBe(0);
    expect(host.alive()).toBe(true);
    expect(await normalCall()).toMatchObject({ status: 200, body: { ok: true } });
    expect(host.stderr()).not.toMatch(/Uncaught|URIError|Error: aborted|ERR_/);
  }, 300_000);
});
