#!/usr/bin/env node
// `npm test`: the whole suite. Unit tests (Vitest), end-to-end tests (Playwright driving the built
// renderer in real Chromium against the browser host and the real sandbox), and the Electron smoke
// suite where Electron's binary is installed. Ends with one line "N passed, N failed, N skipped".
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

const chromium = ensureChromium();
if (!chromium) process.exit(1);
if (!ensurePhpTwig()) process.exit(1);

if (run('build', process.execPath, [join(root, 'scripts/build.mjs')]) !== 0) process.exit(1);

if (run('security scan (electronegativity)', process.execPath, [join(root, 'scripts/security-scan.mjs')]) === 0) totals.passed += 1;
else totals.failed += 1;

const vitestJson = join(reports, 'vitest.json');
run('unit tests (Vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'));
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += (v.numFailedTests ?? 0) + (v.numFailedTestSuites && !v.numFailedTests ? v.numFailedTestSuites : 0);
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}

const e2eJson = join(reports, 'e2e.json');
run('end-to-end tests (Playwright + Chromium)', bin('playwright'), ['test', '-c', 'playwright.config.ts', '--reporter=list,json'], { PREFLIGHT_CHROMIUM: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson });
countPlaywright(e2eJson);

const electron = electronBinary();
if (electron.path) {
  const elJson = join(reports, 'electron.json');
  run('Electron smoke tests', bin('playwright'), ['test', '-c', 'playwright.electron.config.ts', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: elJson });
  countPlaywright(elJson);
} else {
  console.log(`\n━━ Electron smoke tests\nskipped: ${electron.reason}`);
  totals.skipped += 1;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
