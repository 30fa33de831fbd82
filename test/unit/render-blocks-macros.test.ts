/** Blocks, block(), macros and imports inside one template; every expected output is PHP Twig 3.5.1's. */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

function render(src: string, vars: Record<string, unknown> = {}, autoescape = true): string {
  const t = compileTemplate(src, { autoescape });
  const errors = t.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`diagnostics: ${JSON.stringify(errors)}`);
  const r = t.render(vars);
  if (r.error) throw new Error(`render error: ${JSON.stringify(r.error)}`);
  return r.output;
}
const compileErrors = (src: string) => compileTemplate(src, { autoescape: true }).diagnostics.filter((d) => d.severity === 'error');
const renderError = (src: string, vars: Record<string, unknown> = {}) => compileTemplate(src, { autoescape: true }).render(vars).error;

describe('blocks', () => {
  it('a block renders where it is defined, and what it sets stays inside it', () => {
    expect(render('{% block a %}{% set x = 1 %}A{{ x }}{% endblock %}[{{ x }}]')).toBe('A1[]');
  });
  it('a block inside a for renders once per pass with the loop variables; block() outside the loop sees none', () => {
    expect(render("{% for i in 1..3 %}{% block item %}<{{ i }}{{ loop.index }}>{% endblock %}{% endfor %}{{ block('item') }}")).toBe('<11><22><33><>');
  });
  it('block() prints the block again without escaping it twice; filtered, it is escaped like any string', () => {
    expect(render("{% block a %}{{ '<b>' }}{{ v }}{% endblock %}|{{ block('a') }}|{{ block('a')|upper }}", { v: '<i>' })).toBe('<b>&lt;i&gt;|<b>&lt;i&gt;|&lt;B&gt;&amp;LT;I&amp;GT;');
  });
  it('a block calling itself through block() gets its own copy of the variables each time', () => {
    expect(render("{% set n = 3 %}{% block r %}{% if n > 0 %}{{ n }}{% set n = n - 1 %}{{ block('r') }}{{ n }}{% endif %}{% endblock %}")).toBe('321012');
  });
  it('a recursive block renders a tree, each level with its own node', () => {
    const tree = {
      name: 'a',
      kids: [
        { name: 'b', kids: [{ name: 'c', kids: [] }] },
        { name: 'd', kids: [] },
      ],
    };
    expect(render("{% set node = tree %}{% block t %}<{{ node.name }}{% for k in node.kids %}{% with {node: k} %}{{ block('t') }}{% endwith %}{% endfor %}>{% endblock %}", { tree }, false)).toBe('<a<b<c>><d>>');
  });
  it('block() is defined only for blocks the template has', () => {
    expect(render("{{ block('nope') is defined ? 'y' : 'n' }}{% block yes %}{% endblock %}{{ block('yes') is defined ? 'y' : 'n' }}")).toBe('ny');
  });
  it('an unknown block is a render error at the block() call', () => {
    expect(renderError("line\n  {{ block('nope') }}")).toMatchObject({ code: 'render', line: 2, column: 6, message: expect.stringContaining('"nope"') });
  });
  it('a block defined twice is a syntax error at the second definition', () => {
    expect(compileErrors('{% block a %}x{% endblock %}\n{% block a %}y{% endblock %}')[0]).toMatchObject({ code: 'syntax', line: 2, column: 10 });
  });
  it('the short form {% block name expr %} prints its expression, escaped', () => {
    expect(render("{% block a 'short <b>'|upper %}|{% block b v %}|{{ block('b') }}", { v: '<i>' })).toBe('SHORT &lt;B&gt;|&lt;i&gt;|&lt;i&gt;');
  });
  it('a block keeps the escaping of the place it is defined, wherever block() prints it', () => {
    expect(render("{% autoescape false %}{% block a %}{{ v }}{% endblock %}{% endautoescape %}{{ block('a') }}", { v: '<i>' })).toBe('<i><i>');
  });
  it('blocks inside a set capture render into the captured value', () => {
    expect(render('{% set x %}{% block c %}C{{ v }}{% endblock %}{% endset %}[{{ x }}]', { v: '<' })).toBe('[C&lt;]');
  });
  it('a block that calls itself without end stops with a located render error instead of overflowing the stack', () => {
    expect(renderError("{% block b %}{{ block('b') }}{% endblock %}")).toMatchObject({ code: 'render', line: 1, message: expect.stringContaining('"b" call itself') });
  });
});

describe('macros', () => {
  const input = '{% macro input(name, value = null, type = \'text\', size = 20) %}<input type="{{ type }}" name="{{ name }}" value="{{ value }}" size="{{ size }}">{% endmacro %}';
  it('a macro takes defaults for the arguments left out and returns its output as safe markup', () => {
    expect(render(`{% import _self as forms %}${input}{{ forms.input('user', 'a&b') }}|{{ forms.input('pw', null, 'password', 8) }}`)).toBe('<input type="text" name="user" value="a&amp;b" size="20">|<input type="password" name="pw" value="" size="8">');
  });
  it('a macro sees only its arguments, not the caller’s variables', () => {
    expect(render('{% macro m(x) %}[{{ x }}|{{ y }}|{{ v }}]{% endmacro %}{% set y = 2 %}{{ _self.m(1) }}', { v: 'V' })).toBe('[1||]');
  });
  it('arguments left out are null and extra ones are in varargs', () => {
    expect(render("{% macro test(a, b) %}[{{ a }}{{ b }}]{{ varargs|join(',') }}{% endmacro %}{{ _self.test(1, 2, 3, 4) }}{{ _self.test() }}")).toBe('[12]3,4[]');
  });
  it('named arguments fill parameters by name, and ...rest collects the rest with their keys', () => {
    expect(render("{% macro row(label, ...attrs) %}{{ label }}:{% for k, v in attrs %} {{ k }}={{ v }}{% endfor %}{% endmacro %}{{ _self.row('a', 1, id: 'main') }}|{{ _self.row(label: 'b') }}")).toBe('a: 0=1 id=main|b:');
  });
  it('_self.name(), import _self as m and from _self import a as b call the same macro', () => {
    expect(render("{% import _self as m %}{% from _self import hello as hi %}{{ _self.hello('A') }}{{ m.hello('B') }}{{ hi('C') }}{% macro hello(n) %}<{{ n }}>{% endmacro %}", {}, false)).toBe('<A><B><C>');
  });
  it('a macro calls itself and other macros: nested line items render at their depth', () => {
    const src = '{% macro items(list, depth = 0) %}{% for it in list %}<li data-d="{{ depth }}">{{ it.name }}{% if it.children is defined and it.children %}<ul>{{ _self.items(it.children, depth + 1) }}</ul>{% endif %}</li>{% endfor %}{% endmacro %}<ul>{{ _self.items(l) }}</ul>';
    expect(render(src, { l: [{ name: 'A & B', children: [{ name: '<c>' }] }, { name: 'd' }] })).toBe('<ul><li data-d="0">A &amp; B<ul><li data-d="1">&lt;c&gt;</li></ul></li><li data-d="0">d</li></ul>');
  });
  it('an import inside a block or macro is visible there only', () => {
    expect(render('{% block blk %}{% from _self import a as b %}{{ b(1) }}{% endblock %}{% macro a(x) %}A{{ x }}{% endmacro %}')).toBe('A1');
    expect(compileErrors('{% block blk %}{% from _self import a as b %}{% endblock %}{{ b(1) }}{% macro a(x) %}{% endmacro %}')[0]).toMatchObject({ code: 'syntax', message: 'Unknown "b" function.' });
  });
  it('under autoescape a macro result prints unescaped, also when stored, and is escaped once a filter changes it', () => {
    const src = "{% macro a() %}<{{ '<i>' }}{{ v }}>{% endmacro %}{{ _self.a() }}|{{ _self.a()|upper }}|{{ _self.a() ~ '' }}|{% set z = _self.a() %}{{ z }}";
    expect(render(src, { v: '&' })).toBe('<<i>>|&lt;&lt;I&gt;&gt;|&lt;&lt;i&gt;&gt;|<<i>>');
    expect(render(src, { v: '&' }, false)).toBe('<<i>>|<<I>>|<<i>>|<<i>>');
  });
  it('a macro that prints nothing returns the empty string', () => {
    expect(render("{% macro a() %}{% endmacro %}{{ _self.a() is same as('') ? 'empty' : 'not' }}")).toBe('empty');
  });
  it('m.name is defined asks whether the macro exists, without calling it', () => {
    expect(render("{% import _self as m %}{% from _self import hello %}{{ m.hello is defined ? 'y' : 'n' }}{{ m.nope is defined ? 'y' : 'n' }}{{ hello is defined ? 'y' : 'n' }}{% macro hello() %}{{ 1 / 0 }}{% endmacro %}")).toBe('yny');
  });
  it('a later definition of the same macro wins, as in Twig 3', () => {
    expect(render('{% macro greet() %}first{% endmacro %}{% macro greet() %}second{% endmacro %}{{ _self.greet() }}')).toBe('second');
  });
  it('an unknown macro is a render error at the call; a default that is not a constant is a syntax error', () => {
    expect(renderError('{% import _self as m %}\n{{ m.nope() }}')).toMatchObject({ code: 'render', line: 2, message: expect.stringContaining('"nope"') });
    expect(compileErrors('{% macro a(x = v) %}{% endmacro %}')[0]).toMatchObject({ code: 'syntax', message: expect.stringContaining('constant') });
  });
  it('a macro that calls itself without end stops with a render error', () => {
    expect(renderError('{% macro a() %}{{ _self.a() }}{% endmacro %}{{ _self.a() }}')).toMatchObject({ code: 'render', message: expect.stringContaining('macro "a"') });
  });
  it('macro parameters are not references the campaign must supply; the variables around the call are', () => {
    expect(compileTemplate("{{ _self.m(first_name) }}{% macro m(name, greeting = 'Hi') %}{{ greeting }} {{ name }}{{ other }}{% endmacro %}", { autoescape: false }).references).toEqual(['first_name']);
  });
});
