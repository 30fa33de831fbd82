#!/usr/bin/env node
// `npm test`: the whole suite. The conventions first (ESLint with the dependency rules, the per-side
// TypeScript projects, the format check, paths named in comments), then the Electron security scan,
// unit tests (Vitest), the differential tests against real PHP Twig, end-to-end tests (Playwright
// driving the built renderer in real Chromium against the browser host and the real sandbox), and the
// Electron smoke suite where Electron's binary is installed. Ends with one line "N passed, N failed,
// N skipped".
//
// `--only=lint,types,format,paths,scan,unit,e2e,electron` runs some stages only. The machine-dependent
// decisions (Electron suite skipped, required, or failed; differential suite skipped with a reason) are
// in scripts/test-plan.mjs. PREFLIGHT_REQUIRE_ELECTRON=1 (the release workflow) makes a missing
// Electron binary, or an Electron suite that skipped anything, fail the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { ensurePhpTwig, findPhpTwig } from './php-twig.mjs';
import { electronBinary } from './electron-binary.mjs';
import { differentialPlan, electronRequired, electronResultProblem, electronSuitePlan, TOOL_ENTRIES } from './test-plan.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const tool = (name) => join(root, 'node_modules', ...TOOL_ENTRIES[name]);
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
const STAGES = ['lint', 'types', 'format', 'paths', 'scan', 'unit', 'e2e', 'electron'];
const onlyArg = process.argv.slice(2).find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',').filter(Boolean)) : null;
const unknown = only ? [...only].filter((s) => !STAGES.includes(s)) : [];
if (unknown.length) {
  console.error(`unknown stage ${unknown.join(', ')}: the stages are ${STAGES.join(', ')}`);
  process.exit(2);
}
const wants = (stage) => !only || only.has(stage);

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.error) console.error(`${label}: ${r.error.message}`);
  if (r.status !== 0) ok = false;
  return r.status;
}

function readPlaywrightStats(file) {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
}
function countPlaywright(s) {
  if (!s) return;
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

// Each convention counts as one check: it passes with 0 errors or fails.
const check = (stage, label, script, args = []) => {
  if (!wants(stage)) return;
  if (run(label, process.execPath, [join(root, script), ...args]) === 0) totals.passed += 1;
  else totals.failed += 1;
};
check('lint', 'lint (ESLint + dependency rules, eslint.config.mjs)', 'node_modules/eslint/bin/eslint.js', ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']);
check('types', 'type check per side (scripts/typecheck.mjs)', 'scripts/typecheck.mjs');
check('format', 'format check (prettier.config.mjs formatChecked)', 'scripts/format-check.mjs');
check('paths', 'paths named in comments and docs exist (scripts/check-paths.mjs)', 'scripts/check-paths.mjs');

const needsBrowser = wants('e2e');
const chromium = needsBrowser ? ensureChromium() : null;
if (needsBrowser && !chromium) process.exit(1);

// The differential suite (test/differential, run by Vitest with the unit tests) needs real PHP Twig.
// Where it is missing and no reason to skip it is given, it is installed (Debian, as root) or explained.
let phpTwig = wants('unit') && findPhpTwig();
if (wants('unit') && !phpTwig && !(process.env.PREFLIGHT_SKIP_DIFFERENTIAL ?? '').trim()) phpTwig = ensurePhpTwig();
const differential = wants('unit') ? differentialPlan({ phpTwig, env: process.env }) : { run: false };
if (differential.outcome === 'missing') process.exit(1);

const electronRequiredHere = electronRequired(process.env);
const electronPlan = wants('electron') ? electronSuitePlan({ required: electronRequiredHere, binary: electronBinary() }) : { run: false };

if (wants('unit') || wants('e2e') || wants('scan') || electronPlan.run) {
  if (run('build', process.execPath, [join(root, 'scripts/build.mjs')]) !== 0) process.exit(1);
}

if (wants('scan')) {
  if (run('security scan (electronegativity)', process.execPath, [join(root, 'scripts/security-scan.mjs')]) === 0) totals.passed += 1;
  else totals.failed += 1;
}

if (wants('unit')) {
  const vitestJson = join(reports, 'vitest.json');
  rmSync(vitestJson, { force: true });
  // Without PHP Twig (and a stated reason) only the unit tests run; the differential suite counts as one skip.
  const files = differential.run ? [] : ['test/unit'];
  run('unit tests (Vitest)', process.execPath, [tool('vitest'), 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
  if (existsSync(vitestJson)) {
    const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
    totals.passed += v.numPassedTests ?? 0;
    totals.failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
    totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
  } else totals.failed += 1;
  if (!differential.run) {
    console.log(`\n━━ differential tests (PHP Twig)\n${differential.message}`);
    totals.skipped += 1;
  }
}

if (wants('e2e')) {
  const e2eJson = join(reports, 'e2e.json');
  rmSync(e2eJson, { force: true });
  run('end-to-end tests (Playwright + Chromium)', process.execPath, [tool('playwright'), 'test', '-c', 'playwright.config.ts', '--reporter=list,json'], { PREFLIGHT_CHROMIUM: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
  const stats = readPlaywrightStats(e2eJson);
  if (stats) countPlaywright(stats);
  else totals.failed += 1;
}

if (wants('electron')) {
  const required = electronRequiredHere;
  const plan = electronPlan;
  if (plan.run) {
    const elJson = join(reports, 'electron.json');
    rmSync(elJson, { force: true });
    run('Electron smoke tests', process.execPath, [tool('playwright'), 'test', '-c', 'playwright.electron.config.ts', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: elJson });
    const stats = readPlaywrightStats(elJson);
    countPlaywright(stats);
    const problem = electronResultProblem({ required, stats });
    if (problem) {
      console.log(`failed: ${problem}`);
      totals.failed += 1;
    } else if (!stats) totals.failed += 1;
  } else {
    console.log(`\n━━ Electron smoke tests\n${plan.message}`);
    if (plan.outcome === 'failed') totals.failed += 1;
    else totals.skipped += 1;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
