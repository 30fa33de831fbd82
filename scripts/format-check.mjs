#!/usr/bin/env node
// `npm run format:check` (the "format" stage of `npm test`): prettier --check over the paths
// prettier.config.mjs lists in `formatChecked`. An empty list means the check is not on yet; it says so
// and passes, so the stage is wired and turning it on is a one-line change in that config.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { formatChecked } = await import(pathToFileURL(join(root, 'prettier.config.mjs')).href);
if (!formatChecked?.length) {
  console.log('format check off: prettier.config.mjs `formatChecked` is empty (see the comment there)');
  process.exit(0);
}
const r = spawnSync(process.execPath, [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--check', ...formatChecked], { stdio: 'inherit', cwd: root });
process.exit(r.status ?? 1);
