#!/usr/bin/env node
// Send benchmark: 100,000 targets to the sandbox in batches of 500 with concurrency 4, through the
// real send path (plan, journal with fsync, pacing, retry policy) versus a bare Node fetch loop making
// the same calls to the same sandbox. Prints the wall-time ratio (target ≤ 1.2×) and peak memory.
// The sandbox and each run are separate processes; each mode runs 3 times, alternating, best kept.
//   node scripts/bench-send.mjs [--targets N] [--batch N] [--concurrency N] [--runs N]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { numberArg as arg, root } from './bench-kit.mjs';

const targets = arg('targets', 100_000);
const batch = arg('batch', 500);
const concurrency = arg('concurrency', 4);
const runs = arg('runs', 3);
const work = mkdtempSync(join(tmpdir(), 'preflight-bench-send-'));
const token = 'bench-token-not-secret';

async function bundle(name) {
  const out = join(work, `${name}.cjs`);
  await build({ entryPoints: [join(root, `test/reliability/${name}.ts`)], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
  return out;
}

function run(file, args) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.on('exit', (code) => (code === 0 ? ok(JSON.parse(out.trim().split('\n').at(-1))) : fail(new Error(`${file} exited with ${code}`))));
  });
}

const [sandboxFile, clientFile] = await Promise.all([bundle('bench-sandbox'), bundle('bench-client')]);
const sandbox = spawn(process.execPath, [sandboxFile, token], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok, fail) => {
  sandbox.stdout.on('data', (b) => {
    const m = /ready (\S+)/.exec(String(b));
    if (m) ok(m[1]);
  });
  sandbox.on('exit', (c) => fail(new Error(`sandbox exited with ${c}`)));
});

try {
  const best = { bare: Infinity, preflight: Infinity };
  let rss = 0;
  let batches = 0;
  for (let r = 0; r < runs; r++)
    for (const mode of r % 2 === 0 ? ['bare', 'preflight'] : ['preflight', 'bare']) {
      const dataDir = join(work, `data-${mode}-${r}`);
      const res = await run(clientFile, [mode, url, token, String(targets), String(batch), String(concurrency), dataDir]);
      best[mode] = Math.min(best[mode], res.ms);
      if (mode === 'preflight') rss = Math.max(rss, res.maxRssMb);
      batches = res.batches;
    }
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`send: ${targets.toLocaleString('en')} targets, ${batches} batches, preflight ${s(best.preflight)} vs bare fetch ${s(best.bare)} = ${(best.preflight / best.bare).toFixed(2)}x, peak RSS ${rss} MB`);
} finally {
  sandbox.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
