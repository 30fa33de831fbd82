/**
 * Differential test for what whole templates use: blocks (in place, in loops, called again with
 * block(), recursive over a tree), macros (defaults, varargs, recursion, macros calling macros,
 * `_self`, `import`, `from … as`) and PHP arrays mixing integer and string keys (hash literals,
 * merge, batch, sort, reverse, slice, +, filter, keys, json_encode, loops). fast-check generates
 * templates in the syntax PHP Twig 3.5.1 accepts; PHP renders them (php-twig.ts, one process per
 * autoescape mode) and our output must be identical, or both must fail.
 * DIFF_RUNS raises the number of cases (default 200); DIFF_SEED replays a run; under CI the seed is fixed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';
import { renderWithPhp, requirePhpTwig, type OracleCase } from './php-twig';

const RUNS = Number(process.env.DIFF_RUNS ?? 200);
// CI replays a fixed seed so whether a change lands never depends on a newly generated case.
const CI_SEED = 20260101;
const SEED = process.env.DIFF_SEED ? Number(process.env.DIFF_SEED) : process.env.CI ? CI_SEED : Date.now() % 2 ** 31;

// ------------------------------------------------------------------ data (JSON: maps have string keys only)

const str = fc.constantFrom('', '0', 'a', 'Ann', '<b>x</b> & "q"', 'é ü', '10', '2.5', 'x\ny');
const leaf = fc.oneof(str, fc.integer({ min: -5, max: 50 }), fc.boolean(), fc.constant(null));
interface TreeNode {
  name: string;
  qty: number;
  kids: TreeNode[];
}
const nodeOf = (kids: fc.Arbitrary<TreeNode[]>): fc.Arbitrary<TreeNode> => fc.record({ name: str, qty: fc.integer({ min: 0, max: 3 }), kids });
const treeArb = nodeOf(fc.array(nodeOf(fc.array(nodeOf(fc.constant([])), { maxLength: 2 })), { maxLength: 3 }));
const dataArb = fc.record({
  s: str,
  n: fc.integer({ min: -3, max: 5 }),
  b: fc.boolean(),
  list: fc.array(leaf, { maxLength: 4 }),
  map: fc.dictionary(fc.constantFrom('a', 'b', 'name', 'x_y'), leaf, { maxKeys: 3 }),
  items: fc.array(fc.record({ name: str, price: fc.integer({ min: 0, max: 99 }), qty: fc.integer({ min: 0, max: 3 }) }), { maxLength: 3 }),
  tree: treeArb,
});

// ------------------------------------------------------------------ expressions

const atom = fc.constantFrom("'x'", "'<i>'", '1', '2', '0', 'null', 'true', 's', 'n', 'b', 'missing', 'list', 'map', 'map.a', 'items', 'items[0].name', '[1, 2]', "{'k': 'v'}");
const key = fc.constantFrom("'a'", "'b'", "'z'", '0', '1', '3', "'7'", "'01'", 'true', 'n');
const value = fc.constantFrom("'v'", '1', '2', "'<x>'", 'null', 's', '[9]');
const hashLit = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 4 }).map((ps) => `{${ps.map(([k, v]) => `${/^[a-z]/.test(k) && k !== 'true' ? `(${k})` : k}: ${v}`).join(', ')}}`);
const listLit = fc.array(value, { maxLength: 3 }).map((vs) => `[${vs.join(', ')}]`);
const arrayArb = fc.letrec<{ arr: string }>((tie) => ({
  arr: fc.oneof(
    { depthSize: 'small' },
    { weight: 3, arbitrary: fc.oneof(hashLit, listLit, fc.constantFrom('list', 'map', 'items', '[]')) },
    fc.tuple(tie('arr'), tie('arr')).map(([a, b]) => `${a}|merge(${b})`),
    fc.tuple(tie('arr'), tie('arr')).map(([a, b]) => `(${a} + ${b})`),
    // sort on numbers only: PHP's sort algorithm orders incomparable mixed types its own way (docs/twig-support.md, Differs).
    tie('arr').map((a) => `${a}|map(v => v|json_encode|length)|sort`),
    fc.tuple(tie('arr'), fc.boolean()).map(([a, p]) => `${a}|reverse(${p})`),
    fc.tuple(tie('arr'), fc.integer({ min: -2, max: 2 }), fc.boolean()).map(([a, s, p]) => `${a}|slice(${s}, 2, ${p})`),
    // first of an empty batch is false, which Twig 3.5's map/filter take as an empty list and newer Twig rejects: default([]) keeps to arrays.
    fc.tuple(tie('arr'), fc.integer({ min: 1, max: 3 }), fc.constantFrom('', ", 'f'")).map(([a, n, f]) => `${a}|batch(${n}${f})|first|default([])`),
    tie('arr').map((a) => `${a}|filter(v => v)`),
    tie('arr').map((a) => `${a}|map((v, k) => k)`),
  ),
})).arr;
const arrayOut = fc.tuple(arrayArb, fc.constantFrom('|json_encode', "|keys|join(',')", "|join('-')", '|length', '|first|json_encode')).map(([a, f]) => `{{ (${a})${f} }}`);
const arrayLoop = arrayArb.map((a) => `{% for k, v in ${a} %}[{{ k }}={{ v|json_encode }}{{ loop.last ? '.' }}]{% else %}(none){% endfor %}`);

// ------------------------------------------------------------------ macros (defined at the end of every template)

const MACROS = [
  // defaults, a missing argument and varargs
  "{% macro card(title, body = 'none', tone = 'info') %}<div class=\"{{ tone }}\">{{ title|upper }}: {{ body }}{{ varargs|length ? ' +' ~ varargs|join('/') }}{{ s }}</div>{% endmacro %}",
  // recursion over a tree, with a depth argument
  '{% macro tree(node, depth = 0) %}{{ node.name }}#{{ depth }}{% for k in node.kids %}({{ _self.tree(k, depth + 1) }}){% endfor %}{% endmacro %}',
  // a macro calling another through an import made inside it
  "{% macro price(p, currency = '€') %}{% import _self as h %}{{ h.money(p) }} {{ currency }}{% endmacro %}",
  '{% macro money(v) %}{{ v|number_format(2) }}{% endmacro %}',
  // counts down through itself
  '{% macro count(i) %}{{ i }}{% if i > 0 %},{{ _self.count(i - 1) }}{% endif %}{% endmacro %}',
];
const macroArg = fc.oneof(atom, fc.constantFrom("'T'", 'items[0].price', 'tree'));
const macroCall = fc.oneof(
  fc.tuple(fc.constantFrom('m.card', '_self.card', 'card_'), fc.array(macroArg, { maxLength: 5 })).map(([f, as]) => `{{ ${f}(${as.join(', ')}) }}`),
  fc.constantFrom('{{ m.tree(tree) }}', '{{ _self.tree(tree, 1) }}', '{{ m.price(n) }}', "{{ price_(items[0].price ?? 3, '$') }}", '{{ _self.count(n) }}', '{{ m.count(3)|upper }}'),
  fc.constantFrom("{{ m.card is defined ? 'D' }}", "{{ m.nope is defined ? 'D' : 'U' }}", "{% set stored = m.card('S') %}{{ stored }}|{{ stored ~ '' }}"),
);

// ------------------------------------------------------------------ blocks and statements

const text = fc.constantFrom('', ' ', '\n', '<p>', 'a & b', ', ');
const print = fc.constantFrom('{{ s }}', '{{ n }}', '{{ list|join }}', '{{ map.a ?? "-" }}', '{{ x ?? "unset" }}', '{{ loop.index ?? "" }}');
// block() calls stay outside block bodies: PHP Twig has no depth limit, so a block calling itself would never end there.
const blockBody = fc.letrec<{ body: string; stmt: string }>((tie) => ({
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: text },
    { weight: 3, arbitrary: print },
    { weight: 2, arbitrary: arrayOut },
    arrayLoop,
    macroCall,
    fc.constantFrom('{% set x = n %}', "{% set x = 'in' %}", '{% set x = list|length %}'),
    fc.tuple(fc.constantFrom('b1', 'b2', 'b3'), tie('body')).map(([name, b]) => `{% block ${name} %}${b}{% endblock %}`),
    fc.tuple(tie('body')).map(([b]) => `{% if n > 0 %}${b}{% else %}-{% endif %}`),
    fc.tuple(tie('body')).map(([b]) => `{% with {s: 'inner'} %}${b}{% endwith %}`),
  ),
  body: fc.array(tie('stmt'), { maxLength: 3 }).map((xs) => xs.join('')),
})).body;
const topStmt = fc.oneof(
  { weight: 4, arbitrary: blockBody },
  fc.tuple(fc.constantFrom('b1', 'b2', 'b3'), blockBody).map(([name, b]) => `{% block ${name} %}${b}{% endblock %}`),
  fc.tuple(fc.constantFrom('b1', 'b2', 'b3'), blockBody).map(([name, b]) => `{% for i in list %}{% block ${name} %}<{{ i|json_encode }}>${b}{% endblock %}{% endfor %}`),
  fc.constantFrom("{{ block('b1') }}", "{{ block('b2')|upper }}", "{{ block('b3') is defined ? 'has' : 'no' }}", "{% set cap %}{{ block('b1') }}{% endset %}[{{ cap }}]", "{% set x = 'out' %}{{ block('b2') }}{{ x }}"),
  blockBody.map((b) => `{% if b %}${b}{% endif %}`),
);
const body = fc.array(topStmt, { maxLength: 4 }).map((xs) => xs.join(''));

// A recursive block over the tree: each level gets its own `node` through with.
const treeBlock = "{% set node = tree %}{% block t %}<{{ node.name }}:{{ node.qty }}{% for k in node.kids %}{% with {node: k} %}{{ block('t') }}{% endwith %}{% endfor %}>{% endblock %}";

/**
 * Makes block names unique (Twig rejects a second definition: later ones get a suffix) and defines
 * b1..b3 at the end when the body did not, so most block() calls find their block.
 */
function withBlocks(t: string): string {
  const seen = new Map<string, number>();
  const out = t.replace(/{% block (\w+) %}/g, (_m, name: string) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return `{% block ${n === 1 ? name : `${name}_${n}`} %}`;
  });
  return (
    out +
    ['b1', 'b2', 'b3']
      .filter((b) => !seen.has(b))
      .map((b) => `{% block ${b} %}[${b}:{{ s }}]{% endblock %}`)
      .join('')
  );
}

const templateArb = fc.tuple(body, body, fc.boolean()).map(([a, b, tree]) => withBlocks(`{% import _self as m %}{% from _self import card as card_, price as price_ %}${a}${tree ? treeBlock : ''}${b}`) + MACROS.join(''));

describe('differential: blocks, macros and map/list mixes vs PHP Twig', () => {
  it(
    `renders ${RUNS} generated templates exactly like PHP Twig (seed ${SEED})`,
    () => {
      const version = requirePhpTwig();
      const cases: OracleCase[] = fc.sample(fc.record({ template: templateArb, data: dataArb, autoescape: fc.boolean() }), { seed: SEED, numRuns: RUNS });
      const php = renderWithPhp(cases);
      const failures: string[] = [];
      cases.forEach((c, i) => {
        const t = compileTemplate(c.template, { autoescape: c.autoescape });
        const compileErr = t.diagnostics.find((d) => d.severity === 'error');
        const r = compileErr ? { output: '', error: compileErr } : t.render(c.data);
        const ours = r.error ? { error: `${r.error.code}: ${r.error.message}` } : { output: r.output };
        const expected = php[i]!;
        const same = expected.error !== undefined ? ours.error !== undefined : ours.output === expected.output;
        if (!same) failures.push(`#${i} autoescape=${c.autoescape}\n  template: ${JSON.stringify(c.template)}\n  data: ${JSON.stringify(c.data)}\n  twig: ${JSON.stringify(expected)}\n  ours: ${JSON.stringify(ours)}`);
      });
      if (failures.length) throw new Error(`${failures.length}/${cases.length} cases differ from PHP Twig ${version} (replay with DIFF_SEED=${SEED}):\n${failures.slice(0, 6).join('\n')}`);
      expect(failures).toEqual([]);
    },
    Math.max(60_000, RUNS * 150),
  );
});
