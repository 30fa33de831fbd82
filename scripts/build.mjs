#!/usr/bin/env node
// Builds what is stale: the renderer (Vite), the browser host, the Electron main and preload, and the CLI
// (esbuild bundles). `--force` rebuilds everything; `--only renderer,host,electron,cli` limits the work.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--force');
const onlyArg = args.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;

function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory())
      for (const n of readdirSync(p)) {
        if (n !== 'node_modules') walk(join(p, n));
      }
    else t = Math.max(t, s.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return t;
}
const stale = (output, inputs) => force || !existsSync(join(root, output)) || statSync(join(root, output)).mtimeMs < newest([...inputs, 'package.json', 'scripts/build.mjs']);

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', logLevel: 'warning', legalComments: 'none' };
// CommonJS dependencies bundled into ESM output still expect require, __filename and __dirname.
const esmBanner = {
  js: [
    "import { createRequire as __cr } from 'node:module';",
    "import { fileURLToPath as __fu } from 'node:url';",
    "import { dirname as __dn } from 'node:path';",
    'const require = __cr(import.meta.url);',
    'const __filename = __fu(import.meta.url);',
    'const __dirname = __dn(__filename);',
  ].join(' '),
};

const targets = {
  renderer: {
    output: 'dist/renderer/index.html',
    inputs: ['renderer', 'shared', 'vite.config.ts'],
    run: async () => {
      const { build: viteBuild } = await import('vite');
      await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
    },
  },
  host: {
    output: 'dist/host/web.mjs',
    inputs: ['host', 'shared'],
    run: async () => {
      await build({ ...node, format: 'esm', banner: esmBanner, entryPoints: [join(root, 'host/main-web.ts')], outfile: join(root, 'dist/host/web.mjs') });
      await build({ ...node, format: 'esm', banner: esmBanner, entryPoints: [join(root, 'host/send/verdict-worker.ts')], outfile: join(root, 'dist/host/verdict-worker.mjs') });
    },
  },
  electron: {
    output: 'dist/electron/main.cjs',
    inputs: ['electron', 'host', 'shared'],
    run: async () => {
      await build({ ...node, format: 'cjs', external: ['electron'], entryPoints: [join(root, 'electron/main.ts')], outfile: join(root, 'dist/electron/main.cjs') });
      // The send check's worker thread (host/send/verdict-runner.ts) loads from beside main.cjs.
      await build({ ...node, format: 'esm', banner: esmBanner, entryPoints: [join(root, 'host/send/verdict-worker.ts')], outfile: join(root, 'dist/electron/verdict-worker.mjs') });
      // The preload runs sandboxed: one self-contained file, only `electron` left to require.
      await build({ ...node, format: 'cjs', external: ['electron'], entryPoints: [join(root, 'electron/preload.ts')], outfile: join(root, 'dist/electron/preload.cjs') });
    },
  },
  cli: {
    output: 'dist/cli/preflight.mjs',
    inputs: ['cli/src', 'host', 'shared'],
    run: () => build({ ...node, format: 'esm', banner: esmBanner, entryPoints: [join(root, 'cli/src/main.ts')], outfile: join(root, 'dist/cli/preflight.mjs') }),
  },
};

for (const [name, t] of Object.entries(targets)) {
  if (only && !only.has(name)) continue;
  if (!stale(t.output, t.inputs)) continue;
  const started = Date.now();
  await t.run();
  console.log(`built ${name} in ${Date.now() - started} ms`);
}
