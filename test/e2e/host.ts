/**
 * Starts a real browser host (dist/host/web.mjs) for one test: a copy of the sample workspace, a
 * fresh data folder, a free port. Resolves once the host prints its ready line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TestHost {
  url: string;
  origin: string;
  token: string;
  workspace: string;
  dataDir: string;
  /** The host's confirmation page (another origin), where a person confirms changes of destination and new secrets. */
  confirmUrl: string;
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
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`browser host did not start:\n${output}`)), 20_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /Preflight ready at (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    child.on('exit', (code) => fail(new Error(`browser host exited with ${code}:\n${output}`)));
  });
  const confirmUrl = /Confirmation page: (\S+)/.exec(output)?.[1] ?? '';
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  return {
    url,
    origin: u.origin,
    token,
    workspace,
    dataDir,
    confirmUrl,
    async ipc(channel, args = {}) {
      const res = await fetch(`${u.origin}/ipc/${channel}`, { method: 'POST', headers: { 'x-preflight-token': token, 'content-type': 'application/json' }, body: JSON.stringify(args) });
      return res.json();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}
