#!/usr/bin/env node
// `npm run bench`: every benchmark, each printing ratios measured in one run on this machine.
// Pass --quick for smaller sizes (a smoke run).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const benches = [
  ['bench-render.mjs', quick ? ['--users', '10000'] : []],
  ['bench-import.mjs', quick ? ['--rows', '10000'] : []],
  ['bench-send.mjs', quick ? ['--targets', '10000'] : []],
  ['bench-verdict.mjs', quick ? ['--users', '10000'] : []],
  ['bench-campaign-load.mjs', quick ? ['--keys', '2000'] : []],
  ['bench-email-qa.mjs', quick ? ['--users', '5000'] : []],
  ['bench-email-score.mjs', quick ? ['--users', '5000'] : []],
  ['bench-million.mjs', quick ? ['--targets', '20000'] : []],
  ['bench-frames.mjs', quick ? ['--rows', '20000'] : []],
  ['bench-boundary.mjs', quick ? ['--users', '10000'] : []],
];
let failed = false;
for (const [file, args] of benches) {
  const path = join(root, 'scripts', file);
  if (!existsSync(path)) continue;
  const r = spawnSync(process.execPath, ['--expose-gc', path, ...args], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
