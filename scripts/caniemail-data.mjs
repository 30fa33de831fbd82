#!/usr/bin/env node
// Regenerates shared/guardrails/compat/caniemail-data.json from the caniemail package (a pinned
// devDependency that ships caniemail.com's support data). Run it after bumping the package:
//   node scripts/caniemail-data.mjs
// The app bundles only this compact table (no network at run time): for each feature, the clients
// whose latest tested version does not support it ("n") or supports it partly ("a"), with the notes
// caniemail gives for that client. A unit test fails when the table and the installed package differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('caniemail/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const raw = JSON.parse(readFileSync(join(pkgDir, 'dist/data/caniemail.json'), 'utf8'));

/** Natural order of version keys ("9.0" < "10.1", "2019-10" < "2020-01"): the last one is the latest test. */
const natural = (a, b) => {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
};

const clients = new Map();
const features = [];
for (const f of raw.data) {
  const unsupported = [];
  const partial = [];
  // Notes once per feature; each client entry is [client id, ...indexes into the feature's notes].
  const notes = [];
  const noteIndex = (text) => (notes.includes(text) ? notes.indexOf(text) : notes.push(text) - 1);
  for (const [family, platforms] of Object.entries(f.stats ?? {})) {
    for (const [platform, versions] of Object.entries(platforms)) {
      const id = `${family}.${platform}`;
      if (!clients.has(id)) clients.set(id, { id, family, platform, name: `${raw.nicenames.family[family] ?? family} (${raw.nicenames.platform[platform] ?? platform})` });
      const latest = Object.keys(versions).sort(natural).at(-1);
      const value = String(versions[latest]);
      const texts = [...value.matchAll(/#(\d+)/g)].map((m) => f.notes_by_num?.[m[1]]).filter((n) => typeof n === 'string');
      const entry = [id, ...texts.map(noteIndex)];
      if (value.startsWith('n')) unsupported.push(entry);
      else if (!value.startsWith('y')) partial.push(entry);
    }
  }
  features.push({ slug: f.slug, title: f.title.trim(), category: f.category, url: f.url, tested: f.last_test_date, unsupported, partial, notes });
}

const out = {
  source: {
    name: 'caniemail.com support data',
    package: `${pkg.name}@${pkg.version}`,
    apiVersion: raw.api_version,
    updated: String(raw.last_update_date).slice(0, 10),
    url: 'https://www.caniemail.com/',
    license: 'CC BY 4.0 (data), MIT (package)',
  },
  clients: [...clients.values()].sort((a, b) => a.id.localeCompare(b.id)),
  features,
};
const file = join(root, 'shared/guardrails/compat/caniemail-data.json');
writeFileSync(file, JSON.stringify(out) + '\n');
console.log(`caniemail ${pkg.version} (data of ${out.source.updated}): ${features.length} features, ${clients.size} clients → ${file.slice(root.length + 1)} (${(JSON.stringify(out).length / 1024).toFixed(0)} KB)`);
