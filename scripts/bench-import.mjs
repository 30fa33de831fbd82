#!/usr/bin/env node
// Import benchmark: a 100,000-row, 10-column CSV through Preflight's import (decode, parse, map, build
// targets, check ids) as a ratio to bare papaparse parsing the same text, in alternating rounds
// compared by medians. One process.
//   node scripts/bench-import.mjs [--rows N] [--rounds N]
import Papa from 'papaparse';
import { compareInRounds, importShared, numberArg, peakRss } from './bench-kit.mjs';

const ROWS = numberArg('rows', 100_000);
const ROUNDS = numberArg('rounds', 5);
const { importFile } = await importShared('bench-import', "export { importFile } from './shared/targets/import-file';");

const header = ['user_id', 'first_name', 'last_name', 'email', 'promo_code', 'tier', 'balance', 'city', 'favourite_team', 'note'];
const lines = [header.join(',')];
for (let i = 0; i < ROWS; i++) {
  lines.push([`u${String(i).padStart(7, '0')}`, `Name${i}`, `Surname${i}`, `user${i}@example.org`, `CODE${i}`, i % 3 ? 'gold' : 'silver', (i * 1.5).toFixed(2), 'Dublin', i % 2 ? 'Man Utd' : 'Liverpool', i % 10 ? 'plain' : '"quoted, with comma"'].join(','));
}
const text = lines.join('\n') + '\n';
const bytes = new TextEncoder().encode(text);

const rss = peakRss();
const r = compareInRounds(
  ROUNDS,
  () => {
    const bare = Papa.parse(text, { delimiter: ',' });
    if (bare.data.length < ROWS) throw new Error('papaparse parsed too few rows');
  },
  () => {
    // Each result is dropped before the next timing, so no run works around another's heap.
    const ours = importFile(bytes, { file: 'bench.csv', targetBy: 'user_id' });
    rss.sample();
    if (ours.built?.target.length !== ROWS) throw new Error(`imported ${ours.built?.target.length} of ${ROWS} targets`);
  },
);
const peak = rss.stop();
console.log(
  `import: ${ROWS} rows × 10 columns (${(bytes.length / 1048576).toFixed(1)} MB), median of ${ROUNDS} rounds: preflight ${Math.round(r.ours)} ms vs bare papaparse ${Math.round(r.bare)} ms = ${(r.ours / r.bare).toFixed(2)}x bare time (rounds ${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)}x), peak RSS ${peak} MB`,
);
