#!/usr/bin/env node
// Frame gaps in Chromium at a million targets (test/bench/frames-million.bench.ts): builds the app,
// then drives the real renderer against the browser host through import, apply and full scan.
//   node scripts/bench-frames.mjs [--rows N]
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberArg } from './bench-kit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows = numberArg('rows', 1_000_000);
const run = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } }).status ?? 1;
if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
process.exit(run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', 'playwright.bench.config.ts'], { PREFLIGHT_FRAMES_ROWS: String(rows) }));
