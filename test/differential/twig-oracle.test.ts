/**
 * Differential test: our engine vs real PHP Twig (the platform's renderer) on generated templates.
 *
 * fast-check generates templates from the supported subset (grammar-driven: text, prints with filter
 * chains, if/elseif/else, for with loop variables and else, set and block set, concatenation,
 * ternaries, ?:, ??, comparisons, in, starts/ends with, whitespace control) plus data (unicode and
 * HTML-special strings, ints, floats, booleans, null, lists, maps). The cases are rendered by PHP
 * (php-twig.ts: one process per autoescape mode) and outputs must be identical (or both engines must
 * fail). DIFF_RUNS raises the number of cases (default 300); DIFF_SEED replays a run. Blocks, macros
 * and map/list mixes have their own generator: twig-oracle-templates.test.ts.
 *
 * Needs php-cli and php-twig (Debian: `apt-get install -y php-cli php-twig`); CI installs them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';
import { renderWithPhp, requirePhpTwig, type OracleCase } from './php-twig';

const RUNS = Number(process.env.DIFF_RUNS ?? 300);
// Local runs explore a fresh seed each time; CI replays a fixed one (the seed that found the Markup
// comparison bug), so whether a change lands never depends on a newly generated case.
const CI_SEED = 638355913;
const SEED = process.env.DIFF_SEED ? Number(process.env.DIFF_SEED) : process.env.CI ? CI_SEED : Date.now() % 2 ** 31;

// ------------------------------------------------------------------ data

const str = fc.oneof(fc.constantFrom('', '0', 'a', 'Alice', 'bob smith', 'hELLO wORLD', '  padded  ', '<b>bold</b> & "q" \'s', '{{ 7*7 }}', '{% if x %}', 'é ü ß 日本', 'a,b,c', '10', '2.5', '-3', 'x\ny', "O'Neil-Smith"), fc.string({ maxLength: 8 }));
const int = fc.integer({ min: -1000, max: 100000 });
const float = fc.constantFrom(0.1, 2.5, -1.75, 3.14159, 1234.5678, 0.005, 99.99, 1e-7, 1.005);
const scalar = fc.oneof(str, int, float, fc.boolean(), fc.constant(null));
const dataArb = fc.record({
  s1: str,
  s2: str,
  n1: int,
  n2: fc.integer({ min: -20, max: 20 }),
  f1: float,
  b1: fc.boolean(),
  z: fc.constant(null),
  list: fc.array(fc.oneof(str, int), { maxLength: 4 }),
  nums: fc.array(int, { maxLength: 5 }),
  map: fc.record({ name: str, age: int, tags: fc.array(str, { maxLength: 3 }), vip: fc.boolean() }),
  items: fc.array(fc.record({ name: str, price: fc.oneof(int, float), qty: fc.integer({ min: 0, max: 5 }) }), { maxLength: 3 }),
  any: scalar,
  d1: fc.oneof(fc.integer({ min: -2e9, max: 4e9 }), fc.constantFrom('2024-01-05', '2024-07-14 08:30', '2023-12-31T23:59:59Z', '1999-03-01 00:00:00', '2020-06-15T10:00:00-05:00')),
});

// ------------------------------------------------------------------ templates

const lit = fc.oneof(
  fc.constantFrom("'x'", "''", "'0'", "'<i>'", '"Hi #{s1}!"', "'a,b'", '"dq \\" q"', "'é'"),
  fc.integer({ min: -50, max: 500 }).map(String),
  fc.constantFrom('1.5', '0.25', '10.75', 'true', 'false', 'null', '[1, 2, 3]', "['b', 'a']", "{'k': 'v', 'n': 2}", '0..3', "'a'..'c'"),
);
const varRef = fc.constantFrom('s1', 's2', 'n1', 'n2', 'f1', 'b1', 'z', 'missing', 'list', 'nums', 'map', 'map.name', 'map.age', 'map.tags', 'map.missing', 'items', 'items[0].name', 'items[0].price', 'list[1]', "map['vip']", 'any', 'missing.deep');
const filter = fc.constantFrom(
  'upper',
  'lower',
  'capitalize',
  'title',
  'trim',
  "trim('x', 'left')",
  'length',
  "default('there')",
  'default',
  'first',
  'last',
  "join(', ')",
  "join(', ', ' and ')",
  'reverse',
  'abs',
  'round',
  "round(1, 'floor')",
  "round(2, 'ceil')",
  'number_format',
  'number_format(2)',
  "number_format(2, ',', '.')",
  'e',
  'escape',
  'raw',
  'json_encode',
  'url_encode',
  'nl2br',
  'striptags',
  // Kept as first written so the CI seed replays the same cases; the keys sort keeps are checked by twig-oracle-templates.test.ts.
  'keys',
  "sort|join(',')",
  'slice(1, 2)',
  'slice(-2)',
  "split(',')",
  "split('', 2)",
  "replace({'a': 'A', 'b': 'BB'})",
  'format(n1)',
  'spaceless',
  'batch(2)',
  "column('name')",
);
// PHP's DateTime parser accepts nearly any text (single letters are military time zones); the engine
// supports the documented subset, so dates are generated from realistic inputs only.
const dateExpr = fc
  .tuple(
    fc.constantFrom('d1', "'2024-02-29 13:05:09'", "'2010-01-28T15:00:00+04:00'", '1286199900'),
    fc.constantFrom('', "('Y-m-d H:i')", "('D, d M Y')", "('l jS \\of F Y h:i:s A')", "('N w z t L o y a g G h u v e O P T U')", "('c')", "('r')", "('d/m/Y', 'America/Chicago')", "(timezone='Europe/Paris')"),
  )
  .map(([d, f]) => `${d}|date${f}`);

const { expr } = fc.letrec<{ expr: string; atom: string }>((tie) => ({
  atom: fc.oneof({ weight: 3, arbitrary: varRef }, { weight: 2, arbitrary: lit }, { weight: 1, arbitrary: tie('expr').map((e) => `(${e})`) }),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: tie('atom') },
    { weight: 3, arbitrary: fc.tuple(tie('atom'), fc.array(filter, { minLength: 1, maxLength: 3 })).map(([a, fs]) => `${a}|${fs.join('|')}`) },
    fc.tuple(tie('atom'), tie('atom')).map(([a, b]) => `${a} ~ ${b}`),
    fc.tuple(tie('atom'), fc.constantFrom('+', '-', '*', '==', '!=', '<', '>=', 'in', 'not in', 'starts with', 'ends with', 'and', 'or', '?:'), tie('atom')).map(([a, op, b]) => `${a} ${op} ${b}`),
    // Twig 3.5 only accepts `??` after a variable or attribute (newer Twig accepts any expression).
    fc.tuple(varRef, tie('atom')).map(([a, b]) => `${a} ?? ${b}`),
    dateExpr,
    // merge on lists here (unchanged, for the CI seed); maps merged with lists are in twig-oracle-templates.test.ts.
    fc.tuple(fc.constantFrom('list', 'nums', '[1, 2]', 'map.tags'), fc.constantFrom("['m']", 'nums', '[]')).map(([a, b]) => `${a}|merge(${b})|join(',')`),
    fc.tuple(tie('atom'), tie('atom'), tie('atom')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
    fc.tuple(tie('atom'), tie('atom')).map(([a, b]) => `${a} ? ${b}`),
    fc.tuple(varRef, fc.constantFrom('defined', 'not defined')).map(([a, t]) => `${a} is ${t}`),
    fc.tuple(tie('atom'), fc.constantFrom('empty', 'null', 'even', 'odd', 'iterable', 'not empty', 'same as(1)', 'divisible by(3)')).map(([a, t]) => `${a} is ${t}`),
    tie('atom').map((a) => `not ${a}`),
  ),
}));

const text = fc.constantFrom('', 'Hi ', ' ', '\n', '  \n  ', '<p>', '</p>\n', 'a & b', ', ', '\t');
const ws = fc.constantFrom('', '', '', '-', '~');
const open = (w: string) => `{%${w} `;
const close = (w: string) => ` ${w}%}`;

const { body } = fc.letrec<{ body: string; stmt: string }>((tie) => ({
  stmt: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 3, arbitrary: text },
    { weight: 5, arbitrary: fc.tuple(expr, ws, ws).map(([e, a, b]) => `{{${a} ${e} ${b}}}`) },
    fc.tuple(expr, tie('body'), fc.option(tie('body')), ws, ws).map(([c, t, e, a, b]) => `${open(a)}if ${c}${close(b)}${t}${e === null ? '' : `{% else %}${e}`}{% endif %}`),
    fc.tuple(expr, expr, tie('body'), tie('body'), tie('body')).map(([c1, c2, a, b, d]) => `{% if ${c1} %}${a}{% elseif ${c2} %}${b}{% else %}${d}{% endif %}`),
    fc
      .tuple(fc.constantFrom('list', 'nums', 'items', 'map', 'map.tags', '1..3', 'missing', 's1', "{'a': 1, 'b': 2}"), tie('body'), fc.option(tie('body')), ws)
      .map(([seq, b, e, w]) => `{% for k, v in ${seq} ${w}%}{{ loop.index }}{{ loop.first ? '^' }}{{ loop.last ? '$' }}[{{ k }}={{ v|json_encode }}]${b}${e === null ? '' : `{% else %}${e}`}{%${w} endfor %}`),
    fc.tuple(fc.constantFrom('x', 'y', 's1', 'n1'), expr).map(([n, e]) => `{% set ${n} = ${e} %}{{ ${n} }}`),
    fc.tuple(fc.constantFrom('cap', 's2'), tie('body')).map(([n, b]) => `{% set ${n} %}${b}{% endset %}[{{ ${n} }}]`),
  ),
  body: fc.array(tie('stmt'), { maxLength: 4 }).map((xs) => xs.join('')),
}));

/**
 * Differences fresh seeds found, minimised, kept as fixed cases so they are checked on every run
 * (PHP renders them too: the expectation is always real Twig's).
 */
const REGRESSIONS: (OracleCase & { why: string })[] = [
  // DIFF_SEED=896137727, case 243: PHP's `(array)` cast of a Twig\Markup (a captured `set`) is its two properties, content and charset.
  { why: 'join with "and" on a captured set', template: "{% set s %}x{% endset %}{{ s|join(', ', ' and ') }}", data: {}, autoescape: false },
  { why: 'join with a glue on a captured set', template: "{% set s %}x{% endset %}{{ s|join(', ') }}|{{ s|join }}", data: {}, autoescape: false },
  { why: 'join of a captured set is a plain string, escaped under autoescape', template: "{% set s %}<b>{% endset %}{{ s|join(', ', ' and ') }}", data: {}, autoescape: true },
  { why: 'an empty captured set is the empty string', template: "{% set s %}{% endset %}[{{ s|join(', ', ' and ') }}]", data: {}, autoescape: false },
];

describe('differential: engine vs PHP Twig', () => {
  it('renders the differences fresh seeds found exactly like PHP Twig', () => {
    const version = requirePhpTwig();
    const php = renderWithPhp(REGRESSIONS);
    const failures = REGRESSIONS.flatMap((c, i) => {
      const t = compileTemplate(c.template, { autoescape: c.autoescape });
      const compileErr = t.diagnostics.find((d) => d.severity === 'error');
      const r = compileErr ? { output: '', error: compileErr } : t.render(c.data);
      const ours = r.error ? { error: `${r.error.code}: ${r.error.message}` } : { output: r.output };
      const expected = php[i]!;
      const same = expected.error !== undefined ? ours.error !== undefined : ours.output === expected.output;
      return same ? [] : [`${c.why}\n  template: ${JSON.stringify(c.template)}\n  twig ${version}: ${JSON.stringify(expected)}\n  ours: ${JSON.stringify(ours)}`];
    });
    expect(failures).toEqual([]);
  });

  it(`renders ${RUNS} generated templates exactly like PHP Twig (seed ${SEED})`, () => {
    const version = requirePhpTwig();
    const cases: OracleCase[] = fc.sample(fc.record({ template: body, data: dataArb, autoescape: fc.boolean() }), { seed: SEED, numRuns: RUNS });
    const php = renderWithPhp(cases);
    const failures: string[] = [];
    cases.forEach((c, i) => {
      const t = compileTemplate(c.template, { autoescape: c.autoescape });
      const expected = php[i]!;
      const compileErr = t.diagnostics.find((d) => d.severity === 'error');
      const r = compileErr ? { output: '', error: compileErr } : t.render(c.data);
      const ours = r.error ? { error: `${r.error.code}: ${r.error.message}` } : { output: r.output };
      const same = expected.error !== undefined ? ours.error !== undefined : ours.output === expected.output;
      if (!same) {
        failures.push(`#${i} autoescape=${c.autoescape}\n  template: ${JSON.stringify(c.template)}\n  data: ${JSON.stringify(c.data)}\n  twig: ${JSON.stringify(expected)}\n  ours: ${JSON.stringify(ours)}`);
      }
    });
    if (failures.length) {
      throw new Error(`${failures.length}/${cases.length} cases differ from PHP Twig ${version} (replay with DIFF_SEED=${SEED}):\n${failures.slice(0, 8).join('\n')}`);
    }
    expect(failures).toEqual([]);
  });
});
