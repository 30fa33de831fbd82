#!/usr/bin/env node
// `npm test`: the whole suite. The conventions first (ESLint with the dependency rules, the per-side
// TypeScript projects, the format check), then unit tests (Vitest), end-to-end tests (Playwright
// driving the built renderer in real Chromium against the browser host and the real sandbox), and the
// Electron smoke suite where Electron's binary is installed. Ends with one line "N passed, N failed,
// N skipped". `--only=lint,types,format,paths,security,unit,e2e,electron` runs just those stages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './chromium.mjs';
import { ensurePhpTwig } from './php-twig.mjs';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const bin = (name) => join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
const STAGES = ['lint', 'types', 'format', 'paths', 'security', 'unit', 'e2e', 'electron'];
const onlyArg = process.argv.slice(2).find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',').filter(Boolean)) : null;
const unknown = only ? [...only].filter((s) => !STAGES.includes(s)) : [];
if (unknown.length) {
  console.error(`unknown stage ${unknown.join(', ')}: the stages are ${STAGES.join(', ')}`);
  process.exit(2);
}
const wanted = (stage) => !only || only.has(stage);

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) ok = false;
  return r.status;
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

// Each convention counts as one check: it passes with 0 errors or fails.
const check = (stage, label, script, args = []) => {
  if (!wanted(stage)) return;
  if (run(label, process.execPath, [join(root, script), ...args]) === 0) totals.passed += 1;
  else totals.failed += 1;
};
check('lint', 'lint (ESLint + dependency rules, eslint.config.mjs)', 'node_modules/eslint/bin/eslint.js', ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.']);
check('types', 'type check per side (scripts/typecheck.mjs)', 'scripts/typecheck.mjs');
check('format', 'format check (prettier.config.mjs formatChecked)', 'scripts/format-check.mjs');
check('paths', 'paths named in comments and docs exist (scripts/check-paths.mjs)', 'scripts/check-paths.mjs');

const needsBrowser = wanted('unit') || wanted('e2e') || wanted('electron');
const chromium = needsBrowser ? ensureChromium() : undefined;
if (needsBrowser && !chromium) process.exit(1);
if (needsBrowser && !ensurePhpTwig()) process.exit(1);

if ((needsBrowser || wanted('security')) && run('build', process.execPath, [join(root, 'scripts/build.mjs')]) !== 0) process.exit(1);

check('security', 'security scan (electronegativity)', 'scripts/security-scan.mjs');

const vitestJson = join(reports, 'vitest.json');
if (wanted('unit')) run('unit tests (Vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (wanted('unit') && existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}

const e2eJson = join(reports, 'e2e.json');
if (wanted('e2e')) run('end-to-end tests (Playwright + Chromium)', bin('playwright'), ['test', '-c', 'playwright.config.ts', '--reporter=list,json'], { PREFLIGHT_CHROMIUM: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
if (wanted('e2e')) countPlaywright(e2eJson);

const electron = wanted('electron') ? electronBinary() : { path: undefined, reason: 'not asked for (--only)' };
if (!wanted('electron')) {
  // left out by --only
} else if (electron.path) {
  const elJson = join(reports, 'electron.json');
  run('Electron smoke tests', bin('playwright'), ['test', '-c', 'playwright.electron.config.ts', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: elJson });
  countPlaywright(elJson);
} else {
  console.log(`\n━━ Electron smoke tests\nskipped: ${electron.reason}`);
  totals.skipped += 1;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
