/** Twig syntax and semantics the engine implements, with expectations from Twig's documentation (checked against PHP Twig). */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

function render(src: string, vars: Record<string, unknown> = {}, autoescape = false): string {
  const t = compileTemplate(src, { autoescape });
  if (t.diagnostics.length) throw new Error(`diagnostics: ${JSON.stringify(t.diagnostics)}`);
  const r = t.render(vars);
  if (r.error) throw new Error(`render error: ${JSON.stringify(r.error)}`);
  return r.output;
}

describe('printing values like PHP', () => {
  it('prints true as 1 and false as the empty string', () => expect(render('[{{ true }}][{{ false }}]')).toBe('[1][]'));
  it('prints null and missing variables as the empty string', () => expect(render('[{{ null }}][{{ nope }}][{{ user.name }}]', { user: {} })).toBe('[][][]'));
  it('prints integer-valued floats without decimals', () => expect(render('{{ 1.0 }} {{ 2.5 * 2 }} {{ 4 / 2 }}')).toBe('1 5 2'));
  it('prints floats with PHP precision 14 (0.1 + 0.2 is 0.3)', () => expect(render('{{ 0.1 + 0.2 }} {{ 1 / 3 }} {{ 7 / 2 }}')).toBe('0.3 0.33333333333333 3.5'));
  it('prints very small and very large floats in PHP exponent form', () => expect(render('{{ 0.00001 }} {{ 1.5E+20 }}')).toBe('1.0E-5 1.5E+20'));
  it('prints arrays as "Array" like PHP', () => expect(render('{{ list }}', { list: [1, 2] })).toBe('Array'));
  it('prints literals: TRUE, NULL and none are case-insensitive keywords', () => expect(render('{{ TRUE }}{{ NULL }}{{ none }}')).toBe('1'));
});

describe('truthiness like PHP', () => {
  it('treats "0" as false', () => expect(render('{% if v %}yes{% else %}no{% endif %}', { v: '0' })).toBe('no'));
  it('treats an empty list and an empty map as false', () => expect(render('{% if a or b %}yes{% else %}no{% endif %}', { a: [], b: {} })).toBe('no'));
  it('treats "0.0", " " and "false" strings as true', () => expect(render('{% if a and b and c %}yes{% endif %}', { a: '0.0', b: ' ', c: 'false' })).toBe('yes'));
  it('treats 0 and 0.0 as false', () => expect(render('{{ 0 ? "y" : "n" }}{{ 0.0 ? "y" : "n" }}')).toBe('nn'));
});

describe('operators', () => {
  it('concatenates with ~ converting numbers and booleans', () => expect(render('{{ "a" ~ 1 ~ true ~ null ~ 1.50 }}')).toBe('a111.5'));
  it('compares a captured block as PHP compares a Twig\\Markup object (found by the differential test)', () => {
    // Greater than any array, true against booleans and null, its text against strings (as PHP Twig 3.5 prints).
    const src = "{% set m %}0{% endset %}{{ m == false ? 'T' : 'F' }}{{ m == null ? 'T' : 'F' }}{{ m < [] ? 'T' : 'F' }}{{ m > [] ? 'T' : 'F' }}{{ [] < m ? 'T' : 'F' }}{{ m == '0' ? 'T' : 'F' }}{{ m == true ? 'T' : 'F' }}";
    expect(render(src)).toBe('FFFTTTT');
    expect(render(src, {}, true)).toBe('FFFTTTT');
  });
  it('adds numeric strings as numbers', () => expect(render('{{ "5" + 1 }} {{ "1.5" + 1 }}')).toBe('6 2.5'));
  it('fails to render non-numeric string arithmetic (PHP 8 TypeError)', () => {
    const r = compileTemplate('{{ "abc" + 1 }}', { autoescape: false }).render({});
    expect(r.output).toBe('');
    expect(r.error).toMatchObject({ code: 'render', line: 1, column: 1 });
  });
  it('applies Twig precedence: filters bind tighter than unary minus', () => expect(render('{{ -5|abs }}')).toBe('-5'));
  it('floors with // and keeps the sign of the dividend with %', () => expect(render('{{ 20 // 7 }} {{ -7 % 3 }} {{ 2 ** 10 }}')).toBe('2 -1 1024'));
  it('compares loosely like PHP 8: numeric strings as numbers, "abc" != 0', () => expect(render('{{ "10" == "1e1" }}|{{ "abc" == 0 }}|{{ null == false }}|{{ 1 == "01" }}')).toBe('1||1|1'));
  it('implements in / not in on strings and lists', () => expect(render("{{ 'b' in 'abc' }}{{ 2 in [1, 2] }}{{ 'x' not in ['y'] }}{{ '1' in [1] }}")).toBe('1111'));
  it('implements starts with / ends with on strings only', () => expect(render("{{ 'hello' starts with 'he' }}{{ 'hello' ends with 'lo' }}[{{ 1 starts with '1' }}]")).toBe('11[]'));
  it('implements matches with PCRE delimiters and flags', () => expect(render("{{ 'FOO' matches '/^fo+$/i' ? 'y' : 'n' }}")).toBe('y'));
  it('supports ternary, short ternary and null-coalescing', () => expect(render("{{ a ? 'A' : 'B' }}{{ b ?: 'D' }}{{ c ?? 'C' }}{{ z ? 'never' }}", { a: 1, b: '', z: 0 })).toBe('ADC'));
  it('?? keeps falsy-but-defined values and skips null', () => expect(render("{{ a ?? 'x' }}|{{ n ?? 'x' }}", { a: 0, n: null })).toBe('0|x'));
  it('supports and/or/not returning PHP booleans', () => expect(render('{{ 1 and 0 }}|{{ 0 or 2 }}|{{ not 0 }}')).toBe('|1|1'));
  it('supports ranges with ..', () => expect(render("{{ (1..4)|join(',') }} {{ ('a'..'c')|join }}")).toBe('1,2,3,4 abc'));
  it('interpolates "#{...}" in double-quoted strings only', () => expect(render('{{ "Hi #{name|upper}!" }} {{ \'#{name}\' }}', { name: 'bo' })).toBe('Hi BO! #{name}'));
  it('reads attributes with . and [] and numeric indexes', () => expect(render("{{ u.name }} {{ u['age'] }} {{ l.1 }} {{ l[0] }}", { u: { name: 'A', age: 3 }, l: ['x', 'y'] })).toBe('A 3 y x'));
  it('does not expose JavaScript properties (length, constructor) as attributes', () => expect(render('[{{ l.length }}][{{ s.length }}][{{ constructor }}]', { l: [1], s: 'ab' })).toBe('[][][]'));
  it('slices with [a:b] like the slice filter', () => expect(render("{{ 'abcdef'[1:3] }} {{ [1,2,3,4][1:]|join }} {{ 'abc'[:2] }}")).toBe('bcd 234 ab'));
});

describe('tests (is ...)', () => {
  it('defined is true for null values and false for missing keys', () => expect(render("{{ a is defined ? 'y' : 'n' }}{{ u.x is defined ? 'y' : 'n' }}{{ nope is not defined ? 'y' : 'n' }}", { a: null, u: {} })).toBe('yny'));
  it('empty is true for "", null, false, [] and not for "0" or 0', () => expect(render("{% for v in ['', null, false, [], '0', 0] %}{{ v is empty ? 'E' : '-' }}{% endfor %}")).toBe('EEEE--'));
  it('even/odd/divisible by/same as/null/iterable', () => expect(render("{{ 4 is even }}{{ 3 is odd }}{{ 9 is divisible by(3) }}{{ 1 is same as(1) }}{{ 1 is not same as('1') }}{{ null is null }}{{ [] is iterable }}{{ 'a' is iterable ? 'bad' }}")).toBe('1111111'));
});

describe('tags', () => {
  it('if / elseif / else', () => expect(render('{% if a > 10 %}big{% elseif a > 1 %}mid{% else %}small{% endif %}', { a: 5 })).toBe('mid'));
  it('for with loop variables', () => expect(render('{% for x in l %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.first }}/{{ loop.last }}/{{ loop.length }};{% endfor %}', { l: ['a', 'b'] })).toBe('1/0/2/1/1//2;2/1/1/0//1/2;'));
  it('for with keys over maps and else on empty or missing sequences', () => expect(render('{% for k, v in m %}{{ k }}={{ v }} {% endfor %}{% for x in nope %}x{% else %}none{% endfor %}', { m: { a: 1, b: 2 } })).toBe('a=1 b=2 none'));
  it('for over a string does not iterate (it is not traversable in Twig)', () => expect(render('{% for c in "abc" %}{{ c }}{% else %}none{% endfor %}')).toBe('none'));
  it('loop.parent reaches the outer loop', () => expect(render('{% for a in [1,2] %}{% for b in [1] %}{{ loop.parent.loop.index }}{% endfor %}{% endfor %}')).toBe('12'));
  it('for keeps changes to variables that existed before the loop and drops new ones', () => expect(render('{% set total = 0 %}{% for i in [1,2,3] %}{% set total = total + i %}{% set tmp = i %}{% endfor %}{{ total }}[{{ tmp }}]')).toBe('6[]'));
  it('set, multiple set and block set (captured markup is not escaped again)', () => expect(render('{% set a, b = 1, "x" %}{% set c %}<b>{{ b }}</b>{% endset %}{{ a }}{{ c }}', {}, true)).toBe('1<b>x</b>'));
  it('with scopes variables and restores them', () => expect(render('{% set x = 1 %}{% with {x: 2, y: 3} %}{{ x }}{{ y }}{% endwith %}{{ x }}[{{ y }}]')).toBe('231[]'));
  it('with only hides the outer context', () => expect(render('{% with {a: 1} only %}{{ a }}[{{ b }}]{% endwith %}', { b: 2 })).toBe('1[]'));
  it('apply filters a block', () => expect(render('{% apply upper|trim %}  hello {{ n }}  {% endapply %}', { n: 'bob' })).toBe('HELLO BOB'));
  it('verbatim outputs Twig syntax literally', () => expect(render('{% verbatim %}{{ x }}{% endverbatim %}')).toBe('{{ x }}'));
  it('comments render nothing', () => expect(render('a{# hidden {{ x }} #}b')).toBe('ab'));
  it('do evaluates without printing', () => expect(render('{% do 1 + 1 %}x')).toBe('x'));
  it('a block tag eats the newline that follows it, like Twig', () => expect(render('{% if true %}\nA\n{% endif %}\nB')).toBe('A\nB'));
});

describe('whitespace control', () => {
  it('{{- and -}} trim all whitespace including newlines', () => expect(render('a \n {{- "b" -}} \n c')).toBe('abc'));
  it('{%- and -%} trim around tags', () => expect(render('<li>\n  {%- if true -%}\n  x\n  {%- endif -%}\n</li>')).toBe('<li>x</li>'));
  it('~ trims spaces and tabs but keeps newlines', () => expect(render('a \t\n \t{{~ "b" ~}} \t\nc')).toBe('a \t\nb\nc'));
  it('comment delimiters with - trim too', () => expect(render('a \n{#- c -#}\n b')).toBe('ab'));
});

describe('autoescape (html strategy)', () => {
  it('escapes & < > " \' in printed values', () => expect(render('{{ v }}', { v: `<a href="x">Tom & 'Jerry'</a>` }, true)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#039;Jerry&#039;&lt;/a&gt;'));
  it('does not escape with autoescape off', () => expect(render('{{ v }}', { v: '<b>' }, false)).toBe('<b>'));
  it('raw opts out of escaping', () => expect(render('{{ v|raw }}', { v: '<b>' }, true)).toBe('<b>'));
  it('does not escape string literals', () => expect(render('{{ "<br>" }}', {}, true)).toBe('<br>'));
  it('escapes concatenations that include variables', () => expect(render('{{ "<i>" ~ v }}', { v: '&' }, true)).toBe('&lt;i&gt;&amp;'));
  it('does not double-escape |e output', () => expect(render('{{ v|e }}', { v: '<' }, true)).toBe('&lt;'));
  it('nl2br escapes its input first and its output is safe', () => expect(render('{{ v|nl2br }}', { v: '<b>\nx' }, true)).toBe('&lt;b&gt;<br />\nx'));
  it('escapes each branch of a conditional on its own (Twig escaper)', () => expect(render('{{ f ? "<br>" : v }}|{{ t ? "<br>" : v }}', { v: '<i>', t: true, f: false }, true)).toBe('&lt;i&gt;|<br>'));
  it('json_encode output is escaped unless raw', () => expect(render('{{ v|json_encode }}|{{ v|json_encode|raw }}', { v: { a: '"' } }, true)).toBe('{&quot;a&quot;:&quot;\\&quot;&quot;}|{"a":"\\""}'));
  it('upper on a captured block is escaped (filters return plain strings)', () => expect(render('{% apply upper %}<b>{% endapply %}', {}, true)).toBe('&lt;B&gt;'));
});

describe('values are data', () => {
  it('does not evaluate Twig syntax inside values', () => expect(render('{{ v }}', { v: '{{ 7*7 }}{% if 1 %}x{% endif %}' })).toBe('{{ 7*7 }}{% if 1 %}x{% endif %}'));
  it("the platform's example prints the default for an empty first_name", () => {
    expect(render('Hi {{ first_name | default("there") }}', { first_name: '' })).toBe('Hi there');
    expect(render('Hi {{ first_name | default("there") }}', {})).toBe('Hi there');
    expect(render('Hi {{ first_name | default("there") }}', { first_name: 'Ann' })).toBe('Hi Ann');
  });
});

// Loop scopes are copies of the enclosing locals (compile.ts, forLoop): what Twig 3 prints for each
// was checked against PHP Twig.
describe('loop scopes', () => {
  it('a caller variable set inside a loop keeps its new value after it, even when that is null', () => expect(render('{% for i in [1] %}{% set x = nope %}{% endfor %}[{{ x }}]', { x: 'caller' })).toBe('[]'));
  it('the loop variable does not outlive the loop over an outer variable of the same name', () => expect(render("{% set v = 'outer' %}{% for v in [1,2] %}{% endfor %}{{ v }}")).toBe('outer'));
  it('an arrow function inside a loop reads the loop variable', () => expect(render("{% for a in [1,2] %}{{ [10,20]|map(x => x + a)|join(',') }};{% endfor %}")).toBe('11,21;12,22;'));
  it('the else of an empty inner loop still sees the outer loop', () => expect(render('{% for a in [1] %}{% for b in [] %}{% else %}{{ loop.index }}{% endfor %}{% endfor %}')).toBe('1'));
  it('a change made two loops deep reaches the variable outside both', () => expect(render("{% set t = 'a' %}{% for i in [1,2] %}{% for j in [1] %}{% set t = t ~ i %}{% endfor %}{% endfor %}{{ t }}")).toBe('a12'));
});
