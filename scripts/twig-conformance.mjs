#!/usr/bin/env node
// Prints the Twig conformance figures (docs/twig-support.md quotes them): Twig's own fixtures in
// test/conformance/twig/ rendered by the engine, with the rule of test/conformance/twig-runner.ts.
//   node scripts/twig-conformance.mjs [--failures]
//   node scripts/twig-conformance.mjs --cli     # the same cases through `preflight render` (slower)
// Through the CLI a case becomes a campaign (an email `html` field when the fixture autoescapes, a
// push `body` otherwise) and an execute body with the data as params; the CLI has no time-zone or
// globals option, so fixtures that need one cannot pass that way.
import { buildSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
const viaCli = process.argv.includes('--cli');
const cliDir = viaCli ? mkdtempSync(join(tmpdir(), 'preflight-conformance-cli-')) : '';
// Build the CLI once, then run its bundle per case (the `preflight` launcher would check the build each time).
if (viaCli) execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--only=cli'], { stdio: 'inherit' });
const CLI_RUN = `import(${JSON.stringify(pathToFileURL(join(root, 'dist/cli/preflight.mjs')).href)}).then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })`;

/** One case through `preflight render CAMPAIGN --request BODY --format json`. */
function runCli(c) {
  const html = c.autoescape === 'html';
  const node = html ? { key: 'n', channel: 'email', content: { from_name: 'x', subject: 'x', html: c.template, text: 'x' } } : { key: 'n', channel: 'push', content: { title: 'x', body: c.template } };
  writeFileSync(join(cliDir, 'c.json'), JSON.stringify({ name: 'case', id: 'C', type: 'single-stage', target_by: 'user_id', nodes: [node] }));
  writeFileSync(join(cliDir, 'r.json'), JSON.stringify({ id: 'C', target_by: 'user_id', target: ['u'], params: c.data }));
  let out;
  try {
    out = execFileSync(process.execPath, ['--input-type=module', '-e', CLI_RUN, 'render', join(cliDir, 'c.json'), '--request', join(cliDir, 'r.json'), '--format', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    out = e.stdout;
  }
  const j = JSON.parse(out);
  const r = j.renders?.[0];
  // Compile-time problems are the campaign's diagnostics, render errors the render's.
  const errors = [...(j.diagnostics ?? []), ...(r?.diagnostics ?? [])].filter((d) => d.severity === 'error' && (d.code === 'syntax' || d.code === 'unsupported-twig' || d.code === 'render'));
  if (c.exception) return { pass: errors.length > 0 };
  if (!r || errors.length) return { pass: false, error: errors.map((d) => d.message).join('; ') || 'no render' };
  const output = html ? r.fields.html : r.fields.body;
  return { pass: output.replace(/^[\n ]+|[\n ]+$/g, '') === c.expected, output };
}

const results = cases.map((c) => ({ c, r: viaCli ? runCli(c) : runCase(c) }));

const line = (label, rs) => `  ${label.padEnd(18)} ${String(rs.length).padStart(4)} cases   ${String(rs.filter((x) => x.r.pass).length).padStart(4)} exact`;
console.log(`Twig conformance${viaCli ? ' through the CLI' : ''}: ${cases.length} cases (${upstream.excluded.length} fixtures or cases excluded, reasons in cases.json)`);
for (const tier of ['core', 'extended', 'single-template'])
  console.log(
    line(
      tier,
      results.filter((x) => x.c.tier === tier),
    ),
  );
console.log(line('all', results));
const agree = upstream.cases.filter((c) => c.twig351 === 'same').length;
console.log(`  single-template cases PHP Twig 3.5.1 renders the same way: ${agree} of ${upstream.cases.length} (the others use syntax newer than 3.5)`);
const failing = results.filter((x) => !x.r.pass);
if (process.argv.includes('--failures') || failing.length) for (const { c, r } of failing) console.log(`  FAIL ${c.tier} ${c.id}: ${r.error ?? JSON.stringify(r.output)}`);
