#!/usr/bin/env node
// Converts Twig's own integration fixtures (verbatim copies under test/conformance/twig/upstream/,
// listed with their commits in upstream/SOURCES.json) into test/conformance/twig/cases.json, which
// test/conformance/twig-conformance.test.ts runs in `npm test`.
//
//   node scripts/convert-twig-fixtures.mjs          # rewrite cases.json
//   node scripts/convert-twig-fixtures.mjs --check  # exit 1 when cases.json is not what the fixtures give
//
// A fixture file is read the way Twig's harness (src/Test/IntegrationTestCase.php) reads it: one
// --TEMPLATE--, then either --EXCEPTION-- or one or more --DATA-- [--CONFIG--] --EXPECT-- groups.
// Its DATA and CONFIG are PHP code, evaluated by real PHP (scripts/twig-fixture-eval.php). Every case
// is also rendered by PHP Twig 3.5.1 (Debian's php-twig, the version the differential suite uses) and
// what it gives is recorded as `twig351`, for information: the fixtures come from newer Twig.
//
// Mechanical rules (no judgement): a fixture needing other templates (TEMPLATE(name), extends,
// include, import of a file) is excluded, since the platform renders one template per field; so is
// one whose data is not representable as JSON. The only hand-made decisions are in SOURCES.json:
// `exclude` (with its reason) and `prune` (variables holding PHP objects: the template lines using
// them and their expected lines are dropped, only where each template line gives one output line).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'test/conformance/twig');
const sources = JSON.parse(readFileSync(join(dir, 'upstream/SOURCES.json'), 'utf8'));
const check = process.argv.includes('--check');

function php(job) {
  const file = join(mkdtempSync(join(tmpdir(), 'twig-fixtures-')), 'job.json');
  writeFileSync(file, JSON.stringify(job));
  const r = spawnSync('php', ['-d', 'error_reporting=E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED', '-d', 'display_errors=stderr', join(root, 'scripts/twig-fixture-eval.php'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`php failed (apt-get install -y php-cli php-twig): ${r.stderr || r.error}`);
  return JSON.parse(r.stdout);
}

/** Splits a fixture file into its sections, as IntegrationTestCase::getTests reads them. */
function parseFixture(text) {
  const headers = [...text.matchAll(/--(TEST|CONDITION|DEPRECATION|TEMPLATE(?:\((.*?)\))?|DATA|CONFIG|EXPECT|EXCEPTION)--/g)];
  const sections = headers.map((h, i) => ({ kind: h[1].replace(/\(.*$/, ''), name: h[2], text: text.slice(h.index + h[0].length, headers[i + 1]?.index ?? text.length) }));
  const one = (kind) => sections.find((s) => s.kind === kind)?.text.trim();
  const templates = sections.filter((s) => s.kind === 'TEMPLATE').map((s) => ({ name: s.name || 'index.twig', text: s.text }));
  if (!templates.length) throw new Error('no --TEMPLATE-- section');
  const base = { title: one('TEST'), condition: one('CONDITION'), templates };
  const exception = one('EXCEPTION');
  if (exception !== undefined) return { ...base, outputs: [{ data: one('DATA') ?? '', config: one('CONFIG') ?? null, exception }] };
  const outputs = [];
  for (let i = 0; i < sections.length; i++) {
    if (sections[i].kind !== 'DATA') continue;
    const config = sections[i + 1]?.kind === 'CONFIG' ? sections[i + 1].text : null;
    const expect = sections[i + (config === null ? 1 : 2)];
    if (expect?.kind !== 'EXPECT') throw new Error('--DATA-- without --EXPECT--');
    outputs.push({ data: sections[i].text, config, expect: expect.text });
  }
  if (!outputs.length) throw new Error('no --DATA-- / --EXPECT-- groups');
  return { ...base, outputs };
}

const trimTwig = (s) => s.replace(/^[\n ]+|[\n ]+$/g, '');
const uses = (line, name) => new RegExp(`(^|[^\\w.$])${name}(?![\\w])`).test(line);

/** Drops the template lines that use `names` and the expected lines they give (one line each). */
function prune(template, expected, names) {
  const t = template.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  const e = expected.split('\n');
  if (t.length !== e.length || t.some((l) => /[-~]}}|{{[-~]|%}\s*$/.test(l))) throw new Error('cannot prune: template lines do not map one to one to output lines');
  const keep = t.map((l) => !names.some((n) => uses(l, n)));
  const pruned = t.flatMap((l, i) => (keep[i] ? [] : [{ line: i + 1, template: l, expected: e[i] }]));
  return { template: '\n' + t.filter((_l, i) => keep[i]).join('\n') + '\n', expected: e.filter((_l, i) => keep[i]).join('\n'), pruned };
}

const cases = [];
const excluded = [];
const pending = [];
for (const [fixture, meta] of Object.entries(sources.fixtures)) {
  const text = readFileSync(join(dir, 'upstream', fixture), 'utf8');
  const f = parseFixture(text);
  const base = { fixture, commit: meta.commit };
  if (meta.exclude) {
    excluded.push({ ...base, reason: meta.exclude });
    continue;
  }
  if (f.templates.length > 1 || /{%-?\s*(extends|include|embed|use)\b|{%-?\s*(import|from)\s+(?!_self\b)/.test(f.templates[0].text)) {
    excluded.push({ ...base, reason: 'needs other templates: the platform renders one template per field, and the engine reports include/extends/import of a file as unsupported' });
    continue;
  }
  if (f.condition) {
    excluded.push({ ...base, reason: `has a --CONDITION-- (${f.condition})` });
    continue;
  }
  f.outputs.forEach((o, i) => pending.push({ base, f, o, id: fixture + (f.outputs.length > 1 ? `#${i + 1}` : ''), meta }));
}

const evaluated = php({ mode: 'data', items: pending.map((p) => ({ data: p.o.data, config: p.o.config, prune: p.meta.prune ?? [] })) });
pending.forEach((p, i) => {
  const ev = evaluated[i];
  if (ev.error) {
    excluded.push({ ...p.base, id: p.id, reason: `data not representable: ${ev.error}` });
    return;
  }
  let template = p.f.templates[0].text;
  let expected = p.o.exception === undefined ? trimTwig(p.o.expect) : undefined;
  const data = ev.data;
  const derived = {};
  if (ev.substituted.length) derived.substituted = ev.substituted;
  if (p.meta.prune) {
    const r = prune(template, expected ?? '', p.meta.prune);
    template = r.template;
    expected = expected === undefined ? undefined : r.expected;
    derived.pruned = r.pruned;
  }
  const autoescape = ev.config.autoescape ?? 'html';
  const c = {
    id: p.id,
    fixture: p.base.fixture,
    commit: p.base.commit,
    category: dirname(p.base.fixture),
    tier: 'single-template',
    title: p.f.title,
    template,
    data,
    autoescape,
    strictVariables: ev.config.strict_variables ?? true,
  };
  if (expected !== undefined) c.expected = expected;
  else {
    const m = /^(?:Twig\\Error\\)?(\w+Error)?:?\s*(.*)$/s.exec(p.o.exception);
    c.exception = { type: m?.[1] ?? 'Error', message: m?.[2] ?? p.o.exception };
  }
  if (Object.keys(derived).length) c.derived = derived;
  cases.push(c);
});

// What Twig 3.5.1 does with each case, rendered per autoescape mode in its own process.
for (const mode of [...new Set(cases.map((c) => JSON.stringify(c.autoescape)))]) {
  const group = cases.filter((c) => JSON.stringify(c.autoescape) === mode);
  const out = php({ mode: 'render', cases: group.map((c) => ({ template: c.template, data: c.data, autoescape: c.autoescape, strictVariables: c.strictVariables })) });
  group.forEach((c, i) => {
    const r = out[i];
    const same = c.exception ? r.error !== undefined : r.output !== undefined && trimTwig(r.output) === c.expected;
    c.twig351 = same ? 'same' : r.error !== undefined ? { error: r.error } : { output: trimTwig(r.output) };
  });
}

cases.sort((a, b) => a.id.localeCompare(b.id));
excluded.sort((a, b) => (a.id ?? a.fixture).localeCompare(b.id ?? b.fixture));
const json =
  JSON.stringify(
    {
      source: `${sources.repository}, tests/Fixtures (per-fixture commits in upstream/SOURCES.json)`,
      generatedBy: 'scripts/convert-twig-fixtures.mjs',
      cases,
      excluded,
    },
    null,
    1,
  ) + '\n';
const target = join(dir, 'cases.json');
if (check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing */
  }
  if (current !== json) {
    console.error('test/conformance/twig/cases.json is stale: run node scripts/convert-twig-fixtures.mjs');
    process.exit(1);
  }
  console.log('cases.json is up to date');
} else {
  writeFileSync(target, json);
  const agree = cases.filter((c) => c.twig351 === 'same').length;
  console.log(`${cases.length} cases from ${Object.keys(sources.fixtures).length - excluded.filter((e) => !e.id).length} fixtures (${excluded.length} excluded); Twig 3.5.1 agrees with ${agree}`);
}
