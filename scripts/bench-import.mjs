#!/usr/bin/env node
// Import benchmark: a 100,000-row, 10-column CSV through Preflight's import (decode, parse, map, build
// targets, check ids) as a ratio to bare papaparse parsing the same text. One run, one process.
//   node scripts/bench-import.mjs [--rows N] [--rounds N]
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Papa from 'papaparse';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;

mkdirSync(join(root, '.cache'), { recursive: true });
const out = join(root, '.cache', 'bench-import.mjs');
await build({
  stdin: { contents: "export { importTargetsFile } from './shared/targets/import-file';", resolveDir: root, loader: 'ts' },
  bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { importTargetsFile } = await import(pathToFileURL(out).href);

const header = ['user_id', 'first_name', 'last_name', 'email', 'promo_code', 'tier', 'balance', 'city', 'favourite_team', 'note'];
const lines = [header.join(',')];
for (let i = 0; i < ROWS; i++) {
  lines.push([`u${String(i).padStart(7, '0')}`, `Name${i}`, `Surname${i}`, `user${i}@example.org`, `CODE${i}`, i % 3 ? 'gold' : 'silver', (i * 1.5).toFixed(2), 'Dublin', i % 2 ? 'Man Utd' : 'Liverpool', i % 10 ? 'plain' : '"quoted, with comma"'].join(','));
}
const text = lines.join('\n') + '\n';
const bytes = new TextEncoder().encode(text);

// Rounds alternate which side goes first, so neither always meets a colder JIT or a fuller heap;
// each side's time is its median over the rounds, and the ratio is of the medians.
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 5;
let peak = 0;
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss); };
const sampler = setInterval(sample, 25);

function timeBare() {
  globalThis.gc?.();
  const t0 = performance.now();
  const bare = Papa.parse(text, { delimiter: ',' });
  const ms = performance.now() - t0;
  if (bare.data.length < ROWS) throw new Error('papaparse parsed too few rows');
  return ms;
}
function timeOurs() {
  globalThis.gc?.();
  const t0 = performance.now();
  const r = importTargetsFile(bytes, { file: 'bench.csv', targetBy: 'user_id' });
  const ms = performance.now() - t0;
  sample();
  if (r.target.length !== ROWS) throw new Error(`imported ${r.target.length} of ${ROWS} targets`);
  return ms;
}
const bareMs = [];
const oursMs = [];
for (let i = 0; i < ROUNDS; i++) {
  // Each result is dropped before the next timing, so no run works around another's heap.
  if (i % 2 === 0) { bareMs.push(timeBare()); oursMs.push(timeOurs()); }
  else { oursMs.push(timeOurs()); bareMs.push(timeBare()); }
}
clearInterval(sampler);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratios = oursMs.map((t, i) => t / bareMs[i]);
const ours = median(oursMs);
const bare = median(bareMs);
console.log(`import: ${ROWS} rows × 10 columns (${(bytes.length / 1048576).toFixed(1)} MB), median of ${ROUNDS} rounds: preflight ${Math.round(ours)} ms vs bare papaparse ${Math.round(bare)} ms = ${(ours / bare).toFixed(2)}x bare time (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}x), peak RSS ${Math.round(peak / 1048576)} MB`);
