#!/usr/bin/env node
// Send-check benchmark: the host's own verdict for a big send (100,000 users × 3 nodes through the
// evaluation pipeline) computed three ways by host/send/verdict-runner.ts — all at once on the
// host's thread (what a naive host would do), in the Node worker thread (what the host does), and in
// time slices on the host's thread (the fallback without the worker bundle) — measuring how long the
// host's event loop is stalled meanwhile (the longest gap between 5 ms timer ticks) and the wall
// time of each. All three must give the same verdict. One process, one run.
//   node scripts/bench-verdict.mjs [--users N]
import { build } from 'esbuild';
import { join } from 'node:path';
import { importShared, numberArg, root } from './bench-kit.mjs';

const USERS = numberArg('users', 100_000);
const workerFile = join(root, '.cache', 'bench-verdict-worker.mjs');
const { VerdictRunner, evaluate } = await importShared('bench-verdict', "export { VerdictRunner } from './host/send/verdict-runner'; export { evaluate } from './shared/pipeline';");
await build({ entryPoints: [join(root, 'host/send/verdict-worker.ts')], bundle: true, platform: 'node', format: 'esm', outfile: workerFile, logLevel: 'warning', banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });

const campaign = {
  name: 'Bench',
  id: 'B',
  type: 'multistage',
  target_by: 'user_id',
  nodes: [
    { key: 'sms', channel: 'sms', content: { from: 'Promo', text: 'Hi {{ first_name }}, your {{ promo_name }} offer for {{ match_name }} is now live. Code {{ promo_code }}.' } },
    {
      key: 'email',
      channel: 'email',
      content: { from_name: 'Promo', subject: '{{ first_name }}, your {{ promo_name }} code', html: '<p>Hi {{ first_name }},</p><p>Your code <b>{{ promo_code }}</b> for {{ promo_name }}.</p>'.repeat(20), text: 'Hi {{ first_name }}, code {{ promo_code }}' },
    },
    { key: 'webpush', channel: 'webpush', content: { title: '{{ match_name }}', body: 'Use code {{ promo_code }} to claim your {{ promo_name }} offer.', url: 'https://example.org/promo?c={{ promo_code }}' } },
  ],
};
const target = [];
const twp = {};
const profiles = {};
for (let i = 0; i < USERS; i++) {
  const id = `user_${i}`;
  target.push(id);
  twp[id] = { promo_code: `CODE${i}` };
  if (i % 10 !== 0) profiles[id] = { first_name: `Name${i}` };
}
const job = { campaign, data: { target_by: 'user_id', target, params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool' }, target_with_params: twp }, profiles, settings: {} };

/** Runs `fn` while a 5 ms timer measures the longest stall of this thread's event loop. */
async function measured(fn) {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  await new Promise((r) => setTimeout(r, 20));
  last = performance.now();
  const t0 = performance.now();
  const verdict = await fn();
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  return { verdict, ms, stall: worst };
}

globalThis.gc?.();
const atOnce = await measured(async () => {
  // Yield once first, so the timer has ticked and the stall measured is the check's own.
  await new Promise((r) => setTimeout(r, 10));
  return evaluate(job).verdict;
});
globalThis.gc?.();
const worker = new VerdictRunner({ workerFile });
const inWorker = await measured(() => worker.run(job));
if (worker.lastMode !== 'worker') throw new Error(`expected the worker thread, got ${worker.lastMode}`);
globalThis.gc?.();
const slicer = new VerdictRunner({});
const sliced = await measured(() => slicer.run(job));
if (slicer.lastMode !== 'sliced') throw new Error(`expected slices, got ${slicer.lastMode}`);

const same = JSON.stringify(atOnce.verdict) === JSON.stringify(inWorker.verdict) && JSON.stringify(atOnce.verdict) === JSON.stringify(sliced.verdict);
if (!same) throw new Error('the three ways gave different verdicts');
const f = (x) => (x / 1000).toFixed(2);
console.log(
  `send check: ${USERS} users × 3 nodes, same verdict three ways (${atOnce.verdict.blocked ? 'blocked' : 'not blocked'}, ${atOnce.verdict.withWarnings} with warnings). ` +
    `At once on the host thread ${f(atOnce.ms)} s, event loop stalled ${Math.round(atOnce.stall)} ms; ` +
    `worker thread ${f(inWorker.ms)} s (${(inWorker.ms / atOnce.ms).toFixed(2)}x the time), longest stall ${Math.round(inWorker.stall)} ms (${(atOnce.stall / inWorker.stall).toFixed(0)}x shorter); ` +
    `slices ${f(sliced.ms)} s (${(sliced.ms / atOnce.ms).toFixed(2)}x), longest stall ${Math.round(sliced.stall)} ms`,
);
