#!/usr/bin/env node
// `npm run typecheck` (and the "types" stage of `npm test`): one TypeScript project per side, so each
// side is checked with only the platform it runs on. shared/ sees the language alone (no DOM, no Node),
// the renderer the browser, the main side and tools Node, the tests both. The root tsconfig.json is the
// editor's catch-all and proves nothing about the boundaries.
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECTS = ['tsconfig.shared.json', 'tsconfig.renderer.json', 'tsconfig.node.json', 'tsconfig.test.json'];

let failed = 0;
for (const project of PROJECTS) {
  console.log(`tsc -p ${project}`);
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, project), '--noEmit'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed++;
}
if (failed) console.error(`${failed} of ${PROJECTS.length} TypeScript projects have errors`);
process.exit(failed ? 1 : 0);
