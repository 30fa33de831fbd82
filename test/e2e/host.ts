/**
 * Starts a real browser host (dist/host/web.mjs) for one test: a copy of the sample workspace, a
 * fresh data folder, a free port. Resolves once the host prints its ready line.
 *
 * Signing in works as for a person: the host's sign-in links are single-use, so the harness spends
 * the printed one itself (for `ipc`, which then carries the session cookie and the app's Origin),
 * and `url` is a small local address that asks the host for a new link on each visit (a line on its
 * stdin, as pressing Enter in the terminal does) and redirects the page there. `page.goto(host.url)`
 * thus signs each page in through the host's real exchange and lands on the app's clean URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestHost {
  /** Visiting this signs the page in (a fresh single-use link each time) and lands on the app. */
  url: string;
  /** The host's own origin (where the app's pages are). */
  origin: string;
  workspace: string;
  dataDir: string;
  /** The host's confirmation page (another origin), where a person confirms changes of destination and new secrets. */
  confirmUrl: string;
  /** A new single-use sign-in link of the host. */
  signInUrl(): Promise<string>;
  /** The session cookie the harness signed in with (`name=value`). */
  cookie: string;
  /** Calls a channel over the real transport, as the renderer does. */
  ipc<T = unknown>(channel: string, args?: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }>;
  stop(): Promise<void>;
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export async function startHost(opts: { env?: Record<string, string> } = {}): Promise<TestHost> {
  const base = mkdtempSync(join(tmpdir(), 'preflight-e2e-'));
  const workspace = join(base, 'workspace');
  const dataDir = join(base, 'data');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [join(root, 'dist/host/web.mjs'), '--port', '0', '--workspace', workspace, '--data-dir', dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let output = '';
  // Sign-in links asked for on stdin arrive in order: each waiting request takes the next one.
  const waiting: ((link: string) => void)[] = [];
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`browser host did not start:\n${output}`)), 20_000);
    let seen = 0;
    child.stdout!.on('data', (b: Buffer) => {
      output += b.toString();
      const m = /Preflight ready at (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
      const links = [...output.matchAll(/Preflight sign-in link: (\S+)/g)].map((x) => x[1]!);
      for (; seen < links.length; seen++) waiting.shift()?.(links[seen]!);
    });
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    child.on('exit', (code) => fail(new Error(`browser host exited with ${code}:\n${output}`)));
  });
  const confirmUrl = /Confirmation page: (\S+)/.exec(output)?.[1] ?? '';
  const origin = new URL(url).origin;
  const signInUrl = () =>
    new Promise<string>((ok) => {
      waiting.push(ok);
      child.stdin!.write('\n');
    });

  const first = await fetch(url, { redirect: 'manual' });
  const cookie = first.headers.get('set-cookie')?.split(';')[0];
  if (first.status !== 303 || !cookie) throw new Error(`signing in to the browser host failed (${first.status}):\n${output}`);

  const redirector = createServer((_req, res) => {
    void signInUrl().then((link) => {
      res.writeHead(302, { location: link, 'cache-control': 'no-store' });
      res.end();
    });
  });
  await new Promise<void>((ok) => redirector.listen(0, '127.0.0.1', ok));

  return {
    url: `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/`,
    origin,
    workspace,
    dataDir,
    confirmUrl,
    signInUrl,
    cookie,
    async ipc(channel, args = {}) {
      const res = await fetch(`${origin}/ipc/${channel}`, { method: 'POST', headers: { cookie, origin, 'content-type': 'application/json' }, body: JSON.stringify(args) });
      return res.json();
    },
    async stop() {
      redirector.closeAllConnections();
      await new Promise<void>((ok) => redirector.close(() => ok()));
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
