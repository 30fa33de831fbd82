// What the in-process benchmarks share: a numeric --flag, a bundle of shared/ code for Node, a peak
// RSS sampler, and timing the two sides in alternating rounds compared by their medians.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The number after `--name` on the command line, or `dflt`. */
export function numberArg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

/**
 * The email QA benches' workload: the example order-confirmation campaign's email node and `users`
 * users with varied names, tiers (so the conditional block is in some emails only) and 1–4 items.
 */
export function exampleEmailWorkload(users) {
  const campaign = parse(readFileSync(join(root, 'examples/campaigns/order-confirmation.yaml'), 'utf8'));
  campaign.nodes = campaign.nodes.filter((n) => n.channel === 'email');
  const target = [];
  const twp = {};
  for (let i = 0; i < users; i++) {
    const id = `user_${i}`;
    target.push(id);
    twp[id] = { order_id: `BS-${10000 + i}`, first_name: `Name${i}`, loyalty_tier: i % 4 === 0 ? 'gold' : 'none', items: Array.from({ length: 1 + (i % 4) }, (_, k) => ({ name: `Item ${k}`, qty: k + 1, price: 10 + k })) };
  }
  return { campaign, data: { target_by: 'user_id', target, params: { delivery_date: 'Friday 14 March' }, target_with_params: twp } };
}

/** Bundles `source` (TypeScript importing from the repository root) for Node and imports it. */
export async function importShared(name, source) {
  mkdirSync(join(root, '.cache'), { recursive: true });
  const out = join(root, '.cache', `${name}.mjs`);
  await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: out,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(out).href);
}

/** Samples the process's resident memory every `ms` until `stop()`; `sample()` takes one now. */
export function peakRss(ms = 25) {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, ms);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return Math.round(peak / 1048576);
    },
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times both sides `rounds` times, alternating which goes first so neither always meets a colder JIT
 * or a fuller heap, with a full GC before each timing (run node with --expose-gc). Each side's figure
 * is its median; `spread` is the lowest and highest per-round ours/bare time ratio.
 */
export function compareInRounds(rounds, bare, ours) {
  const time = (fn) => {
    globalThis.gc?.();
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  };
  const bareMs = [];
  const oursMs = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      bareMs.push(time(bare));
      oursMs.push(time(ours));
    } else {
      oursMs.push(time(ours));
      bareMs.push(time(bare));
    }
  }
  const ratios = oursMs.map((t, i) => t / bareMs[i]);
  return { bare: median(bareMs), ours: median(oursMs), spread: [Math.min(...ratios), Math.max(...ratios)] };
}
