#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed; otherwise says so in one
// sentence and starts the browser host instead (opening the system browser when there is one).
import { spawn, spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = electronBinary();
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), electron.path ? '--only=renderer,electron' : '--only=renderer,host'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

let child;
if (electron.path) {
  child = spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
} else {
  console.log(`${electron.reason}, so Preflight starts in your browser instead.`);
  child = spawn(process.execPath, [join(root, 'dist/host/web.mjs'), '--open', ...process.argv.slice(2)], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
