/** Compile-time diagnostics (syntax, unsupported Twig, unknown filters) with line and column, and `references`. */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

const diag = (src: string) => compileTemplate(src, { autoescape: false }).diagnostics;
const refs = (src: string) => compileTemplate(src, { autoescape: false }).references;

describe('syntax diagnostics', () => {
  it('reports an unclosed tag with its line and column', () => expect(diag('Hi\n  {{ name ')).toEqual([expect.objectContaining({ code: 'syntax', severity: 'error', line: 2, column: 3 })]));
  it('reports an unexpected token where it is', () => expect(diag('{{ a b }}')).toEqual([expect.objectContaining({ code: 'syntax', line: 1, column: 6 })]));
  it('reports a missing endif at the end of the template', () => expect(diag('{% if a %}\nx')[0]).toMatchObject({ code: 'syntax', line: 2, column: 2 }));
  it('reports an unknown tag', () => expect(diag('\n{% frobnicate %}')[0]).toMatchObject({ code: 'syntax', line: 2, column: 4, message: expect.stringContaining('frobnicate') }));
  it('reports an unclosed string', () => expect(diag('{{ "abc }}')[0]).toMatchObject({ code: 'syntax', line: 1 }));
  it('reports an unclosed comment', () => expect(diag('a {# b')[0]).toMatchObject({ code: 'syntax', line: 1, column: 3 }));
  it('reports an unknown filter at the filter name', () => expect(diag('{{ name|shout }}')).toEqual([expect.objectContaining({ code: 'syntax', line: 1, column: 9, message: expect.stringContaining('shout') })]));
  it('reports unknown tests and functions', () => {
    expect(diag('{{ a is purple }}')[0]).toMatchObject({ code: 'syntax', line: 1, column: 9 });
    expect(diag('{{ frob(1) }}')[0]).toMatchObject({ code: 'syntax', line: 1, column: 4 });
  });
  it('reports the removed for...if syntax', () => expect(diag('{% for a in b if a %}{% endfor %}')[0]).toMatchObject({ code: 'syntax', column: 15 }));
  it('reports `defined` on a non-variable expression, like Twig', () => expect(diag('{{ (a ~ b) is defined }}')[0]).toMatchObject({ code: 'syntax' }));
  it('reports several unknown filters at once', () =>
    expect(diag('{{ a|x }}\n{{ b|y }}').map((d) => [d.line, d.column])).toEqual([
      [1, 6],
      [2, 6],
    ]));
  it('renders nothing when there are compile errors', () => expect(compileTemplate('{{ a|x }}', { autoescape: false }).render({ a: 1 })).toEqual({ output: '' }));
});

describe('unsupported-twig diagnostics', () => {
  it('flags include/extends/embed/use and imports from other templates at their line and column, saying the platform renders one template per field', () => {
    for (const tag of ['include "x"', "extends 'x'", "embed 'x'", "use 'x'", "import 'x' as y", "from 'x' import y"]) {
      expect(diag(`ok\n  {% ${tag} %}`)[0]).toMatchObject({ code: 'unsupported-twig', severity: 'error', line: 2, column: 6, message: expect.stringContaining('one template per field') });
    }
    expect(diag('ok\n  {% sandbox %}')[0]).toMatchObject({ code: 'unsupported-twig', severity: 'error', line: 2, column: 6 });
  });
  it('flags Twig filters the engine lacks (e.g. format_currency)', () => {
    expect(diag('{{ a|format_currency("EUR") }}')[0]).toMatchObject({ code: 'unsupported-twig', line: 1, column: 6 });
  });
  it('flags the functions that read other templates, constant() and block() of another template', () => {
    for (const call of ["include('x')", "source('x')", "template_from_string('{{ a }}')", "block('b', 'other.twig')"]) {
      expect(diag(`{{ ${call} }}`)[0]).toMatchObject({ code: 'unsupported-twig', line: 1, column: 4, message: expect.stringContaining('one template per field') });
    }
    expect(diag("{{ constant('PHP_EOL') }}")[0]).toMatchObject({ code: 'unsupported-twig', line: 1, column: 4, message: expect.stringContaining('PHP constants') });
    expect(diag("{% if x is constant('PHP_EOL') %}{% endif %}")[0]).toMatchObject({ code: 'unsupported-twig' });
  });
  it('flags method calls and a bare _self', () => {
    expect(diag('{{ user.getName() }}')[0]).toMatchObject({ code: 'unsupported-twig', column: 9 });
    expect(diag('{{ _self }}')[0]).toMatchObject({ code: 'unsupported-twig', column: 4 });
  });
});

describe('random picks', () => {
  it('random() and shuffle render, with an info note at each use saying the platform picks when it sends', () => {
    const t = compileTemplate("{{ random(['a', 'b']) }}\n{{ [1, 2]|shuffle|join }}", { autoescape: false });
    expect(t.diagnostics).toEqual([expect.objectContaining({ code: 'random-at-send', severity: 'info', line: 1, column: 4, message: expect.stringContaining('when the platform sends') }), expect.objectContaining({ code: 'random-at-send', severity: 'info', line: 2, column: 11 })]);
    expect(t.render({}).output).toMatch(/^[ab]\n(12|21)$/);
  });
});

describe('render errors', () => {
  it('report the line and column of the failing statement', () => {
    const r = compileTemplate('line one\n{{ 1 / zero }}', { autoescape: false }).render({ zero: 0 });
    expect(r).toEqual({ output: '', error: expect.objectContaining({ code: 'render', line: 2, column: 1, message: 'Division by zero' }) });
  });
});

describe('references (free variables read from the context)', () => {
  it('lists top-level names in order of first appearance, once', () => expect(refs('{{ b }}{{ a.x }}{{ b|upper }}{% if c %}{% endif %}')).toEqual(['b', 'a', 'c']));
  it('excludes loop variables: only the sequence is a reference', () => expect(refs('{% for p in products %}{{ p.name }}{{ loop.index }}{% endfor %}')).toEqual(['products']));
  it('excludes variables set before use', () => expect(refs('{% set x = 1 %}{{ x }}')).toEqual([]));
  it('includes a variable read before it is set', () => expect(refs('{{ x }}{% set x = 1 %}{{ x }}')).toEqual(['x']));
  it('includes variables set only inside a loop or a branch (they may come from the context)', () => {
    expect(refs('{% for i in l %}{% set t = i %}{% endfor %}{{ t }}')).toEqual(['l', 't']);
    expect(refs('{% if a %}{% set t = 1 %}{% endif %}{{ t }}')).toEqual(['a', 't']);
  });
  it('includes names used in filter arguments, tests and ??', () => expect(refs('{{ a|default(b) }}{{ c is defined }}{{ d ?? e }}{{ f ? g : h }}')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']));
  it('excludes keys given by with and arrow function parameters', () => expect(refs('{% with {a: 1} %}{{ a }}{{ b }}{% endwith %}{{ l|map(v => v ~ c)|join }}')).toEqual(['b', 'l', 'c']));
  it('excludes names inside with only that the hash does not define', () => expect(refs('{% with {a: x} only %}{{ a }}{{ b }}{% endwith %}')).toEqual(['x']));
  it('is empty for templates without variables', () => expect(refs('Hello {{ "world"|upper }}')).toEqual([]));
});
