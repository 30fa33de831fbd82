// Renderer adapter for a Twig conformance runner (one built from Twig's own test fixtures, kept outside
// this repository; docs/twig-support.md, "Measured conformance"): renders a case with shared/render
// directly (bundled once with esbuild into a temp .mjs). A compile diagnostic or a render error throws.
//   node <runner>/run.mjs --renderer scripts/conformance-adapter.mjs --tier core --failures 20
import { buildSync } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(mkdtempSync(join(tmpdir(), 'preflight-render-')), 'engine.mjs');
buildSync({ entryPoints: [join(root, 'shared/render/engine.ts')], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
const { compileTemplate } = await import(pathToFileURL(out).href);

export function render(template, data, options = {}) {
  const t = compileTemplate(template, { autoescape: options.autoescape === 'html', timezone: options.timezone || 'UTC' });
  const errs = t.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(errs.map((d) => `${d.code} ${d.line}:${d.column} ${d.message}`).join('; '));
  const r = t.render(data ?? {});
  if (r.error) throw new Error(`render ${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.output;
}
