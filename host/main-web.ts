/**
 * Entry point of the browser host (`npm run web`): starts the services and serves the built
 * renderer, then prints one line `Preflight ready at <sign-in link>` once it accepts connections.
 * The link's code works once; each line read on stdin (Enter in the terminal) prints a new one as
 * `Preflight sign-in link: <link>`.
 *   --port N          fixed port (default: a free one)
 *   --workspace DIR   workspace folder (default: the sample workspace in examples/)
 *   --data-dir DIR    app data folder (default: the platform's app-data location)
 *   --open            open the system browser at the URL
 * It also prints `Confirmation page: <url>`: where the person confirms changes of destination and
 * new secrets (host/confirm-page.ts), since the browser host has no native dialog.
 */
import { spawn } from 'node:child_process';
import { resolve, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from './services';
import { startBrowserHost, type BrowserHost } from './browser-host';
import { startConfirmationPage } from './confirm-page';
import { browserEnvironment } from './browser-session';
import { EnvSecretStore } from './secrets';
import { defaultDataDir } from './paths';

function parseArgs(argv: string[]) {
  const out: { port?: number; workspace?: string; dataDir?: string; open: boolean } = { open: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--port') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--port must be a port number, got ${argv[i]}`);
      out.port = n;
    } else if (a === '--workspace') out.workspace = value();
    else if (a === '--data-dir') out.dataDir = value();
    else if (a === '--open') out.open = true;
    else throw new Error(`unknown option ${a} (accepted: --port N, --workspace DIR, --data-dir DIR, --open)`);
  }
  return out;
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`preflight web: ${(e as Error).message}`);
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  let host: BrowserHost | undefined;
  const confirmations = await startConfirmationPage({ onChange: (e) => host?.emit('app.confirmation', e) });
  const services = await createServices({
    host: 'browser',
    version: process.env.npm_package_version ?? '0.1.0',
    workspaceDir: resolve(args.workspace ?? join(root, 'examples')),
    dataDir: resolve(args.dataDir ?? defaultDataDir()),
    secrets: new EnvSecretStore(),
    emit: (event, payload) => host?.emit(event, payload),
    // Bundled beside this file by scripts/build.mjs: big send checks run there, off the host's event loop.
    verdictWorker: fileURLToPath(new URL('./verdict-worker.mjs', import.meta.url)),
    confirm: confirmations.confirm,
  });
  host = await startBrowserHost({ port: args.port, rendererDir: join(root, 'dist', 'renderer'), handlers: services.handlers });
  console.log(`Confirmation page: ${confirmations.url}`);
  console.log(`Preflight ready at ${host.url}`);
  if (args.open) openBrowser(host.url);
  process.stdin.on('data', (chunk: Buffer) => {
    for (const ch of chunk.toString()) if (ch === '\n') console.log(`Preflight sign-in link: ${host!.newSignInUrl()}`);
  });
  process.stdin.on('error', () => undefined);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    await host?.close();
    await confirmations.close();
    await services.close();
    console.log(`Preflight stopped (${signal})`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function openBrowser(url: string) {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    // The browser gets none of the app's secret variables (XP_APP_TOKEN_* and the like).
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, env: browserEnvironment(process.env) });
    child.on('error', () => console.log('(no system browser found: open the URL above yourself)'));
    child.unref();
  } catch {
    console.log('(no system browser found: open the URL above yourself)');
  }
}

main().catch((e) => {
  console.error(`preflight web: ${(e as Error).message}`);
  process.exit(1);
});
