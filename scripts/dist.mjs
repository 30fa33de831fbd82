#!/usr/bin/env node
// `npm run dist [-- electron-builder options]`: builds the app, then packages it with
// electron-builder (electron-builder.yml): a macOS dmg, a Windows NSIS installer, a Linux AppImage
// and deb, for the platform you run it on unless you pass e.g. `--linux` / `--mac` / `--win`.
//
// electron-builder downloads Electron's binaries (and its packaging tools) from GitHub. Where that
// is impossible it fails after a long wait with a network stack trace; this script checks first,
// and turns a network failure during packaging into one clear paragraph (exit 1). Its full output
// is kept in dist/installers/electron-builder.log.
//
// Signing and notarisation follow the variables electron-builder reads (scripts/signing.mjs: empty
// ones dropped, one line per platform saying what is signed). Nothing is published unless you pass
// `--publish …` (the release workflow does, for tags).
import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { publishArgs, signingPlan } from './signing.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOWNLOAD_HOST = 'github.com';

/** True for electron-builder output that means "could not download" rather than a packaging problem. */
export function isNetworkFailure(output) {
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|socket hang up|self[- ]signed certificate|unable to get local issuer|net::ERR_/i.test(output);
}

/** The paragraph printed when packaging cannot get Electron's binaries. */
export function offlineMessage(version, detail) {
  return [
    `npm run dist cannot build installers on this machine: electron-builder needs Electron ${version}'s`,
    `binaries for the target platform (and its packaging tools), which it downloads from ${DOWNLOAD_HOST}, and`,
    `${detail}. Build the installers on a machine or CI runner with internet access (the same`,
    `command, nothing else to set up), or point electron-builder at an Electron you already have with`,
    `\`npm run dist -- -c.electronDist=<folder or zip>\`. The app itself still runs here: \`npm start\`.`,
  ].join(' ');
}

/** The electron-builder log line worth showing for a non-network failure (its ⨯ line without the stack). */
export function failureSummary(output) {
  const line = output.split('\n').find((l) => l.includes('⨯')) ?? output.trim().split('\n').pop() ?? '';
  return line.replace(/\s*stackTrace=.*$/, '').trim();
}

/** Is an Electron zip for this version already in one of the download caches? */
function cachedElectron(version) {
  const caches = [process.env.ELECTRON_BUILDER_CACHE, process.env.ELECTRON_CACHE, process.platform === 'darwin' ? join(homedir(), 'Library', 'Caches') : process.platform === 'win32' ? process.env.LOCALAPPDATA : (process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'))].filter(
    Boolean,
  );
  const wanted = `electron-v${version}-`;
  const search = (dir, depth) => {
    if (depth < 0 || !existsSync(dir)) return false;
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return false;
    }
    for (const n of names) {
      if (n.startsWith(wanted) && n.endsWith('.zip')) return true;
      const p = join(dir, n);
      try {
        if (statSync(p).isDirectory() && search(p, depth - 1)) return true;
      } catch {
        // unreadable entries are not caches
      }
    }
    return false;
  };
  return caches.some((c) => search(c, 4));
}

async function canReach(host) {
  try {
    await Promise.race([lookup(host), new Promise((_, fail) => setTimeout(() => fail(new Error('timeout')), 5000))]);
    return true;
  } catch {
    return false;
  }
}

async function main() {
  const args = process.argv.slice(2);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = String(pkg.devDependencies?.electron ?? '').replace(/^[^\d]*/, '');
  const customDist = args.some((a) => /electronDist/.test(a));

  if (!customDist && !(await canReach(DOWNLOAD_HOST)) && !cachedElectron(version)) {
    console.error(offlineMessage(version, `${DOWNLOAD_HOST} cannot be reached from here and no downloaded copy is cached`));
    process.exit(1);
  }

  const targetPlatform = args.includes('--mac') || args.includes('-m') ? 'darwin' : args.includes('--win') || args.includes('-w') ? 'win32' : args.includes('--linux') || args.includes('-l') ? 'linux' : process.platform;
  const signing = signingPlan(process.env, targetPlatform);
  for (const line of signing.lines) console.log(line);
  if (signing.problems.length > 0) {
    console.error(`npm run dist: ${signing.problems.join('; ')}.`);
    process.exit(1);
  }

  const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--only=renderer,electron'], { stdio: 'inherit', cwd: root });
  if (built.status !== 0) process.exit(built.status ?? 1);

  const outDir = join(root, 'dist', 'installers');
  mkdirSync(outDir, { recursive: true });
  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
  const child = spawn(bin, ['--config', 'electron-builder.yml', ...publishArgs(args)], { cwd: root, env: signing.env, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
  let output = '';
  const relay = (chunk) => {
    const text = chunk.toString();
    output += text;
    // Show progress lines; hold back stack traces (they are in the log file).
    for (const line of text.split('\n')) if (/^\s*•/.test(line)) console.log(line);
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  const code = await new Promise((done) => child.on('close', (c) => done(c ?? 1)));
  const log = join(outDir, 'electron-builder.log');
  writeFileSync(log, output);
  if (code === 0) {
    console.log(`Installers are in ${outDir} (electron-builder's output: ${log}).`);
    return;
  }
  if (isNetworkFailure(output)) console.error(offlineMessage(version, `the download failed (${failureSummary(output).replace(/^⨯\s*/, '')})`));
  else console.error(`electron-builder failed: ${failureSummary(output)}\nIts full output is in ${log}.`);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
