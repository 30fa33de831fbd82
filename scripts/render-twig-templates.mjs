#!/usr/bin/env node
// Renders the realistic template set (test/fixtures/twig-templates/) with real PHP Twig 3.5.1 and
// writes each template's expected output next to it, for test/conformance/twig-templates.test.ts.
//   node scripts/render-twig-templates.mjs          # (re)write the .expected files
//   node scripts/render-twig-templates.mjs --check  # exit 1 when one is not what PHP Twig renders
// Needs php-cli and php-twig (apt-get install -y php-cli php-twig). Each autoescape mode renders in a
// PHP process of its own (test/differential/twig-render.php), since Twig's compiled classes do not
// depend on autoescape.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test/fixtures/twig-templates');
const check = process.argv.includes('--check');
const set = JSON.parse(readFileSync(join(dir, 'templates.json'), 'utf8'));
const cases = set.map((t) => ({
  name: t.name,
  template: readFileSync(join(dir, `${t.name}.twig`), 'utf8'),
  data: JSON.parse(readFileSync(join(dir, `${t.name}.json`), 'utf8')),
  autoescape: t.autoescape,
}));

const tmp = mkdtempSync(join(tmpdir(), 'twig-templates-'));
const results = new Map();
for (const mode of [true, false]) {
  const group = cases.filter((c) => c.autoescape === mode);
  if (!group.length) continue;
  const file = join(tmp, `${mode}.json`);
  writeFileSync(file, JSON.stringify(group.map(({ template, data, autoescape }) => ({ template, data, autoescape }))));
  const out = JSON.parse(execFileSync('php', ['-d', 'error_reporting=0', join(root, 'test/differential/twig-render.php'), file], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  group.forEach((c, i) => results.set(c.name, out[i]));
}

let stale = 0;
for (const c of cases) {
  const r = results.get(c.name);
  if (r.error !== undefined) throw new Error(`${c.name}.twig: PHP Twig fails: ${r.error}`);
  const target = join(dir, `${c.name}.expected`);
  if (check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== r.output) {
      console.error(`${c.name}.expected is not what PHP Twig renders`);
      stale++;
    }
  } else writeFileSync(target, r.output);
}
if (check && stale) process.exit(1);
console.log(`${cases.length} templates ${check ? 'match' : 'rendered by'} PHP Twig`);
