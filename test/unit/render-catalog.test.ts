/**
 * The completion catalogue (shared/render/filters-catalog.ts) advertises what the engine accepts:
 * a call built from every advertised signature, each parameter passed by name with its advertised
 * default (or a sample value when it has none), renders without a diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';
import { TWIG_FILTERS, TWIG_FUNCTIONS, TWIG_TESTS, type TwigCallableDoc } from '../../shared/render/filters-catalog';

/** Values for parameters that have no default, by parameter name. */
const SAMPLE: Record<string, string> = {
  size: '2',
  name: "'n'",
  modifier: "'+1 day'",
  arr2: '{b: 2}',
  from: "{'a': 'b'}",
  start: '1',
  delimiter: "','",
  arrow: '(v, w) => v',
  value: '1',
  num: '2',
  variable: '{a: 1}',
  attribute: "'a'",
  position: '1',
  low: '1',
  high: '3',
  values: '1',
  'cycle.values': "['odd', 'even']",
};

/** What turns a date result into text. */
const PRINT: Record<string, string> = { date_modify: "|date('Y')", date: "|date('Y')" };

/** Input values for filters that do not take a string. */
const INPUT: Record<string, string> = {
  abs: '-1',
  batch: '[1, 2, 3]',
  column: "[{n: 1, a: 'x'}]",
  date: "'2024-01-05'",
  date_modify: "'2024-01-05'",
  filter: '[1, 2]',
  find: '[1, 2]',
  join: '[1, 2]',
  json_encode: '{a: 1}',
  keys: '{a: 1}',
  map: '[1, 2]',
  merge: '{a: 1}',
  number_format: '1234.5',
  reduce: '[1, 2]',
  round: '1.5',
  shuffle: '[1, 2]',
  sort: '[3, 1]',
  url_encode: '{a: 1}',
};

interface Param {
  name: string;
  default?: string;
  variadic: boolean;
}

/** The parameters an advertised signature names: `f(a, b = 'x', ...c)`. */
function paramsOf(signature: string): Param[] {
  const m = /^[^(]*\((.*)\)$/.exec(signature);
  if (!m) return [];
  return m[1]!.split(/,\s*(?=(?:\.\.\.)?[a-z_]+(?:\s*=|$|,))/).map((p) => {
    const variadic = p.startsWith('...');
    const [name, def] = p.replace(/^\.\.\./, '').split(/\s*=\s*/, 2) as [string, string | undefined];
    return { name, default: def, variadic };
  });
}

/** Builds `{{ input|name(p1=…, p2=…) }}` (or a function call, or a test) from an advertised signature. */
function callFor(kind: 'filter' | 'function' | 'test', doc: TwigCallableDoc): string {
  const params = paramsOf(doc.signature);
  const args = params
    .map((p) => {
      if (p.variadic) return SAMPLE[p.name] ?? '1';
      const value = p.default ?? SAMPLE[`${doc.name}.${p.name}`] ?? SAMPLE[p.name];
      if (value === undefined) throw new Error(`${doc.signature}: no sample value for the required parameter "${p.name}"`);
      // Tests take positional arguments (PHP Twig rejects named ones); filters and functions by name.
      return kind === 'test' ? value : `${p.name}=${value}`;
    })
    .join(', ');
  const call = params.length ? `${doc.name}(${args})` : doc.name;
  const print = PRINT[doc.name] ?? '';
  if (kind === 'filter') return `{{ ${INPUT[doc.name] ?? "'abc'"}|${call}${print} }}`;
  if (kind === 'test') return `{{ 4 is ${call} ? 'yes' : 'no' }}`;
  return doc.name === 'block' ? `{% block n %}B{% endblock %}{{ ${call} }}` : `{{ ${call}${print} }}`;
}

function renders(template: string): { errors: string[]; output: string } {
  for (const autoescape of [true, false]) {
    const t = compileTemplate(template, { autoescape });
    const errors = t.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
    if (errors.length) return { errors, output: '' };
    const r = t.render({});
    if (r.error) return { errors: [`${r.error.code}: ${r.error.message}`], output: '' };
    if (autoescape === false) return { errors: [], output: r.output };
  }
  return { errors: [], output: '' };
}

describe('completion catalogue', () => {
  const kinds = [
    ['filter', TWIG_FILTERS],
    ['function', TWIG_FUNCTIONS],
    ['test', TWIG_TESTS],
  ] as const;
  for (const [kind, docs] of kinds) {
    it(`every advertised ${kind} signature renders when called with each parameter by name`, () => {
      const failures = docs
        .filter((d) => d.name !== 'defined')
        .flatMap((d) => {
          const template = callFor(kind, d);
          const r = renders(template);
          return r.errors.length ? [`${d.signature} as ${template}: ${r.errors.join('; ')}`] : [];
        });
      expect(failures).toEqual([]);
    });
    it(`every ${kind} example renders and passes each advertised parameter by name`, () => {
      for (const d of docs) {
        expect(renders(d.example).errors, d.example).toEqual([]);
        if (kind === 'test') continue;
        for (const p of paramsOf(d.signature)) if (!p.variadic) expect(d.example, `${d.signature}: example ${d.example}`).toMatch(new RegExp(`[(,]\\s*${p.name}\\s*=`));
      }
    });
  }

  it('advertises the parameter names Twig uses: number_format(decimal…), striptags(allowable_tags), merge(arr2), json_encode(flags…)', () => {
    const sig = (name: string) => TWIG_FILTERS.find((f) => f.name === name)?.signature;
    expect(sig('number_format')).toBe("number_format(decimal = 0, decimal_point = '.', thousand_sep = ',')");
    expect(sig('striptags')).toBe('striptags(allowable_tags = null)');
    expect(sig('merge')).toBe('merge(arr2)');
    expect(sig('json_encode')).toBe('json_encode(flags = 0, depth = 512)');
    expect(renders("{{ 1234.567|number_format(decimal=2, decimal_point=',', thousand_sep='.') }}").output).toBe('1.234,57');
  });

  it('lists the random filter and function as picked at send time, and nothing else', () => {
    const random = [...TWIG_FILTERS, ...TWIG_FUNCTIONS, ...TWIG_TESTS].filter((d) => d.random).map((d) => d.name);
    expect(random.sort()).toEqual(['random', 'shuffle']);
  });

  it('is sorted by name, so completion lists read alphabetically', () => {
    for (const [, docs] of kinds) expect(docs.map((d) => d.name)).toEqual([...docs.map((d) => d.name)].sort((a, b) => a.localeCompare(b)));
  });
});
