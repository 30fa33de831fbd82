#!/usr/bin/env node
// Prints the Twig conformance figures (docs/twig-support.md quotes them): Twig's own fixtures in
// test/conformance/twig/ rendered by the engine, with the rule of test/conformance/twig-runner.ts.
//   node scripts/twig-conformance.mjs [--failures]
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(mkdtempSync(join(tmpdir(), 'preflight-conformance-')), 'runner.mjs');
buildSync({ entryPoints: [join(root, 'test/conformance/twig-runner.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
const { runCase } = await import(pathToFileURL(out).href);

const dir = join(root, 'test/conformance/twig');
const upstream = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const cases = [...JSON.parse(readFileSync(join(dir, 'base-cases.json'), 'utf8')), ...upstream.cases];
const results = cases.map((c) => ({ c, r: runCase(c) }));

const line = (label, rs) => `  ${label.padEnd(18)} ${String(rs.length).padStart(4)} cases   ${String(rs.filter((x) => x.r.pass).length).padStart(4)} exact`;
console.log(`Twig conformance: ${cases.length} cases (${upstream.excluded.length} fixtures or cases excluded, reasons in cases.json)`);
for (const tier of ['core', 'extended', 'single-template']) console.log(line(tier, results.filter((x) => x.c.tier === tier)));
console.log(line('all', results));
const agree = upstream.cases.filter((c) => c.twig351 === 'same').length;
console.log(`  single-template cases PHP Twig 3.5.1 renders the same way: ${agree} of ${upstream.cases.length} (the others use syntax newer than 3.5)`);
const failing = results.filter((x) => !x.r.pass);
if (process.argv.includes('--failures') || failing.length) for (const { c, r } of failing) console.log(`  FAIL ${c.tier} ${c.id}: ${r.error ?? JSON.stringify(r.output)}`);
