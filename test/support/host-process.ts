/**
 * A real browser host in its own process for unit tests that must see it survive (or die): the
 * entry `host/main-web.ts` bundled with esbuild into a temporary `dist/host/web.mjs`, beside a tiny
 * built renderer (`dist/renderer/index.html` and one asset), with a fresh workspace and data folder.
 * Also raw-socket requests, for what `fetch` refuses to send (bad paths, bad headers, resets).
 */
import { build } from 'esbuild';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

// The same banner scripts/build.mjs gives the host: CommonJS dependencies bundled into ESM still expect these.
const esmBanner = [
  "import { createRequire as __cr } from 'node:module';",
  "import { fileURLToPath as __fu } from 'node:url';",
  "import { dirname as __dn } from 'node:path';",
  'const require = __cr(import.meta.url);',
  'const __filename = __fu(import.meta.url);',
  'const __dirname = __dn(__filename);',
].join(' ');

/** Bundles the browser host into `<dir>/dist/host/web.mjs` (so it finds `<dir>/dist/renderer`, as in the repository). */
export async function bundleHost(dir: string): Promise<string> {
  const out = join(dir, 'dist', 'host', 'web.mjs');
  await build({ entryPoints: [join(root, 'host/main-web.ts')], outfile: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', banner: { js: esmBanner }, logLevel: 'warning' });
  mkdirSync(join(dir, 'dist', 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Preflight</title><div id="root"></div>');
  writeFileSync(join(dir, 'dist', 'renderer', 'assets', 'app.js'), 'console.log("app")\n');
  return out;
}

export interface HostProcess {
  child: ChildProcess;
  port: number;
  origin: string;
  /** The sign-in URL the host printed. */
  readyUrl: string;
  dataDir: string;
  workspace: string;
  /** Everything the host wrote to stderr so far. */
  stderr(): string;
  /** Everything the host wrote to stdout so far. */
  stdout(): string;
  alive(): boolean;
  /** Resident memory of the host process in bytes (Linux: /proc), or undefined elsewhere. */
  rss(): number | undefined;
  stop(): Promise<void>;
}

/** Starts the bundled host on a free port and resolves once it printed its ready line. */
export async function startHostProcess(bundle: string, dir: string, env: Record<string, string> = {}): Promise<HostProcess> {
  const base = mkdtempSync(join(dir, 'run-'));
  const workspace = join(base, 'workspace');
  const dataDir = join(base, 'data');
  mkdirSync(join(workspace, 'campaigns'), { recursive: true });
  const child = spawn(process.execPath, [bundle, '--port', '0', '--workspace', workspace, '--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const readyUrl = await new Promise<string>((ok, fail) => {
    const onData = () => {
      const m = /Preflight ready at (\S+)/.exec(out);
      if (m) {
        child.stdout!.off('data', onData);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`browser host exited with ${code}:\n${out}\n${err}`)));
  });
  const u = new URL(readyUrl);
  return {
    child,
    port: Number(u.port),
    origin: u.origin,
    readyUrl,
    dataDir,
    workspace,
    stderr: () => err,
    stdout: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    rss() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) * 1024 : undefined;
      } catch {
        return undefined;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}

export interface RawReply {
  /** How the exchange ended: an answer (status parsed), the server closed, reset, or we gave up waiting. */
  outcome: 'answered' | 'closed' | 'reset' | 'timeout';
  status?: number;
  /** The raw response text (head and body) as far as it came. */
  text: string;
}

export interface RawOptions {
  /** Bytes written after the first chunk, one chunk per entry, `delayMs` apart (a slow client). */
  more?: (string | Buffer)[];
  delayMs?: number;
  /** After writing everything: 'reset' sends a TCP RST, 'end' half-closes, 'keep' leaves the socket open. */
  then?: 'reset' | 'end' | 'keep';
  /** Give up waiting for an answer after this long (the exchange counts as 'timeout', not a failure). */
  waitMs?: number;
}

/** Writes raw bytes to 127.0.0.1:port and collects whatever comes back. Never rejects. */
export function rawRequest(port: number, first: string | Buffer, o: RawOptions = {}): Promise<RawReply> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let finished = false;
    const socket = connect(port, '127.0.0.1');
    const finish = (outcome: RawReply['outcome']) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      socket.destroy();
      done({ outcome: m ? 'answered' : outcome, ...(m ? { status: Number(m[1]) } : {}), text });
    };
    const timer = setTimeout(() => finish('timeout'), o.waitMs ?? 5000);
    socket.on('data', (b: Buffer) => {
      chunks.push(b);
      // One answer is enough: keep-alive connections would otherwise stay open until the timeout.
      const text = Buffer.concat(chunks).toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      if (head >= 0) {
        const len = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, head));
        if (len && text.length - head - 4 >= Number(len[1])) finish('answered');
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => finish(e.code === 'ECONNRESET' ? 'reset' : 'closed'));
    socket.on('close', () => finish('closed'));
    socket.on('connect', async () => {
      try {
        socket.write(first);
        for (const c of o.more ?? []) {
          if (o.delayMs) await new Promise((r) => setTimeout(r, o.delayMs));
          if (socket.destroyed) return;
          socket.write(c);
        }
        if (o.then === 'reset') {
          // Let the bytes leave before the RST, so the server sees a started upload cut short.
          await new Promise((r) => setTimeout(r, 20));
          socket.resetAndDestroy();
          finish('reset');
        } else if (o.then === 'end') socket.end();
      } catch {
        finish('closed');
      }
    });
  });
}
