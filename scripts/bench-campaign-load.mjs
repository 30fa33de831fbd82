#!/usr/bin/env node
// Campaign-load benchmark: a campaign file with many keys (the shape that used to parse in O(n²))
// through Preflight's loader (size and nesting limits, parse, linear duplicate-key check, alias
// limit, schema) at N and 2N keys. Prints each median and the 2N/N time ratio (≈2 when linear,
// ≈4 when quadratic), and the YAML library's own duplicate-key check at N for comparison.
//   node scripts/bench-campaign-load.mjs [--keys N] [--rounds N]
import { parseDocument } from 'yaml';
import { compareInRounds, importShared, numberArg, peakRss } from './bench-kit.mjs';

const KEYS = numberArg('keys', 20_000);
const ROUNDS = numberArg('rounds', 3);
const { loadCampaign } = await importShared('bench-campaign-load', "export { loadCampaign } from './shared/campaign/load';");

function campaign(keys) {
  let s = 'name: Many\nid: "M1"\ntype: single-stage\nnodes:\n  - key: sms\n    channel: sms\n    content:\n      from: "Promo"\n      text: "Hi {{first_name}}"\n';
  for (let i = 0; i < keys; i++) s += `k${i}: "value {{x}} ${i}"\n`;
  return s;
}
const small = campaign(KEYS);
const large = campaign(KEYS * 2);
const load = (text) => () => {
  const r = loadCampaign('campaigns/many.yaml', text);
  if (r.diagnostics[0]?.code !== 'campaign-schema') throw new Error(`unexpected result: ${JSON.stringify(r.diagnostics[0])}`);
};

const rss = peakRss();
const r = compareInRounds(ROUNDS, load(small), load(large));
const peak = rss.stop();
console.log(
  `campaign load: ${KEYS.toLocaleString('en-US')} keys ${Math.round(r.bare)} ms, ${(KEYS * 2).toLocaleString('en-US')} keys ${Math.round(r.ours)} ms, median of ${ROUNDS} rounds = ${(r.ours / r.bare).toFixed(2)}x for twice the keys (2x is linear; rounds ${r.spread[0].toFixed(2)}–${r.spread[1].toFixed(2)}x), peak RSS ${peak} MB`,
);

if (!process.argv.includes('--no-library-check')) {
  // The YAML library's own duplicate-key check (what the loader used before), once, at N keys.
  const t0 = performance.now();
  parseDocument(small, { uniqueKeys: true });
  console.log(`  for comparison, the YAML library's own duplicate-key check (uniqueKeys: true) on ${KEYS.toLocaleString('en-US')} keys: ${Math.round(performance.now() - t0)} ms (quadratic)`);
}
