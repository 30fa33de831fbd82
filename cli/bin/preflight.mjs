#!/usr/bin/env node
// Launcher for the `preflight` CLI: rebuilds the bundle when its sources changed, then runs it.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--only=cli'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) {
  console.error('preflight: could not build the CLI (see above)');
  process.exit(2);
}
const { main } = await import(pathToFileURL(join(root, 'dist/cli/preflight.mjs')).href);
process.exitCode = await main(process.argv.slice(2));
