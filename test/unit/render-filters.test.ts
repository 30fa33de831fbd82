/** Twig's filters, one block per filter, with the edge cases Twig's documentation calls out (checked against PHP Twig). */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

function render(src: string, vars: Record<string, unknown> = {}, autoescape = false): string {
  const t = compileTemplate(src, { autoescape });
  if (t.diagnostics.length) throw new Error(`diagnostics: ${JSON.stringify(t.diagnostics)}`);
  const r = t.render(vars);
  if (r.error) throw new Error(`render error: ${JSON.stringify(r.error)}`);
  return r.output;
}

describe('default', () => {
  it('replaces an empty string, null, false, an empty list and undefined', () =>
    expect(render("{{ a|default('d') }}{{ b|default('d') }}{{ c|default('d') }}{{ e|default('d') }}{{ nope|default('d') }}{{ u.x.y|default('d') }}", { a: '', b: null, c: false, e: [], u: {} })).toBe('dddddd'));
  it('keeps "0" and 0', () => expect(render("{{ a|default('d') }}{{ b|default('d') }}", { a: '0', b: 0 })).toBe('00'));
  it('defaults to the empty string without argument', () => expect(render('[{{ nope|default }}]')).toBe('[]'));
});

describe('string case filters', () => {
  it('upper / lower handle unicode', () => expect(render("{{ 'été'|upper }} {{ 'ÉTÉ'|lower }}")).toBe('ÉTÉ été'));
  it('capitalize upper-cases the first character and lower-cases the rest', () => expect(render("{{ 'hELLO wORLD'|capitalize }}")).toBe('Hello world'));
  it('title capitalises each word and lower-cases the rest (mixed case)', () => expect(render("{{ 'hELLO wORLD'|title }} {{ 'o\\'neil-smith x_y 1st'|title }}")).toBe("Hello World O'neil-Smith X_Y 1St"));
  it('title handles accented words', () => expect(render("{{ 'élan vital'|title }}")).toBe('Élan Vital'));
});

describe('trim', () => {
  it('trims whitespace on both sides by default', () => expect(render("[{{ '  a b \n'|trim }}]")).toBe('[a b]'));
  it('trims given characters on one side', () => expect(render("{{ 'xxaxx'|trim('x', 'left') }} {{ 'xxaxx'|trim('x', 'right') }}")).toBe('axx xxa'));
});

describe('replace, format, striptags, nl2br, spaceless, url_encode', () => {
  it('replace uses a mapping, longest key first, without rescanning', () => expect(render("{{ 'I like %this% and %that%.'|replace({'%this%': 'foo', '%that%': '%this%'}) }}")).toBe('I like foo and %this%.'));
  it('format is sprintf', () => expect(render("{{ '%s has %d points (%.1f%%) %05d'|format('Ann', 12.7, 99.46, 42) }}")).toBe('Ann has 12 points (99.5%) 00042'));
  it('striptags removes tags and keeps allowed ones', () => expect(render("{{ '<p>Hi <b>you</b><br/></p>'|striptags }}|{{ '<p>Hi <b>you</b></p>'|striptags('<b>') }}")).toBe('Hi you|Hi <b>you</b>'));
  it('nl2br inserts <br /> before newlines', () => expect(render("{{ 'a\nb'|nl2br }}")).toBe('a<br />\nb'));
  it('spaceless removes whitespace between tags', () => expect(render("{{ '<p> <b>x</b>  </p>'|spaceless }}")).toBe('<p><b>x</b></p>'));
  it('url_encode is rawurlencode for strings and a query string for maps', () => expect(render("{{ 'a b&é'|url_encode }} {{ {q: 'a b', n: 1, t: true}|url_encode }}")).toBe('a%20b%26%C3%A9 q=a%20b&n=1&t=1'));
});

describe('collections', () => {
  it('length counts characters (unicode), items and digits of numbers; null is 0', () => expect(render("{{ 'été'|length }}{{ [1,2]|length }}{{ {a: 1}|length }}{{ 1000|length }}{{ null|length }}")).toBe('32140'));
  it('first and last on lists, maps and strings', () => expect(render("{{ [1,2,3]|first }}{{ [1,2,3]|last }}{{ {a: 'x', b: 'y'}|last }}{{ 'Ärger'|first }}")).toBe('13yÄ'));
  it('join with glue and a final "and"', () => expect(render("{{ ['a','b','c']|join(', ', ' and ') }}|{{ ['a']|join(', ', ' and ') }}|{{ [1, true, null]|join }}")).toBe('a, b and c|a|11'));
  it('join of a captured set gives its content and the charset, as PHP casts a Twig\\Markup to an array', () => expect(render("{% set s %}x{% endset %}{{ s|join(', ', ' and ') }}|{{ s|join(', ') }}|{{ s|join }}")).toBe('x and UTF-8|x, UTF-8|xUTF-8'));
  it('split with limit (positive, negative) and empty delimiter chunks', () => expect(render("{{ 'a,b,c,d'|split(',', 2)|join('|') }} {{ 'a,b,c,d'|split(',', -1)|join('|') }} {{ 'abcde'|split('', 2)|join('|') }}")).toBe('a|b,c,d a|b|c ab|cd|e'));
  it('slice works on lists (negative offsets) and strings', () => expect(render("{{ [1,2,3,4]|slice(1, 2)|join }} {{ [1,2,3,4]|slice(-2)|join }} {{ 'abcdef'|slice(2, 3) }}")).toBe('23 34 cde'));
  it('merge appends lists and overwrites map keys', () => expect(render("{{ [1,2]|merge([3])|join }} {{ {a: 1, b: 2}|merge({b: 3, c: 4})|join(',') }}")).toBe('123 1,3,4'));
  it('keys of lists and maps', () => expect(render("{{ ['x','y']|keys|join }} {{ {a: 1, b: 2}|keys|join }}")).toBe('01 ab'));
  it('reverse lists and unicode strings', () => expect(render("{{ [1,2,3]|reverse|join }} {{ 'évé1'|reverse }}")).toBe('321 1évé'));
  it('sort uses PHP comparison (numeric strings as numbers)', () => expect(render("{{ [10, '9', 2]|sort|join(',') }} {{ ['b', 'a', 'C']|sort|join }}")).toBe('2,9,10 Cab'));
  it('batch splits into rows and fills the last one', () => expect(render("{% for row in [1,2,3,4,5]|batch(2, '-') %}[{{ row|join }}]{% endfor %}")).toBe('[12][34][5-]'));
  it('column extracts one key', () => expect(render("{{ items|column('n')|join(',') }}", { items: [{ n: 'a' }, { n: 'b' }, { m: 1 }] })).toBe('a,b'));
  it('arrow filters: map, filter, reduce, sort', () => expect(render("{{ [1,2,3]|map(v => v * 2)|join(',') }} {{ [1,2,3,4]|filter(v => v is even)|join(',') }} {{ [1,2,3]|reduce((c, v) => c + v, 10) }} {{ [3,1,2]|sort((a, b) => b <=> a)|join }}")).toBe('2,4,6 2,4 16 321'));
});

describe('numbers', () => {
  it('number_format defaults: 0 decimals, "." and ","', () => expect(render('{{ 1234567.891|number_format }}')).toBe('1,234,568'));
  it('number_format with decimals and separators (PHP half-up rounding)', () => expect(render("{{ 1234.5|number_format(2, ',', '.') }} {{ 1.005|number_format(2) }} {{ -0.4|number_format }}")).toBe('1.234,50 1.01 0'));
  it('round: common (half away from zero), ceil and floor', () => expect(render("{{ 2.5|round }} {{ -2.5|round }} {{ 2.1234|round(2) }} {{ 2.1|round(0, 'ceil') }} {{ 2.9|round(0, 'floor') }} {{ 21.3|round(-1) }}")).toBe('3 -3 2.12 3 2 20'));
  it('abs', () => expect(render('{{ (-5.5)|abs }} {{ n|abs }}', { n: -3 })).toBe('5.5 3'));
});

describe('escaping and encoding', () => {
  it('escape / e with html, js, url, css and html_attr strategies', () => expect(render("{{ '<a&\"'|e }} {{ 'é <'|e('js') }} {{ 'a b'|e('url') }} {{ 'a b'|e('css') }} {{ 'a b<'|e('html_attr') }}")).toBe('&lt;a&amp;&quot; \\u00E9\\u0020\\u003C a%20b a\\20 b a&#x20;b&lt;'));
  it('json_encode escapes slashes and unicode like PHP', () => expect(render("{{ {a: [1, 2.5, true, null], b: 'é/\"'}|json_encode }}")).toBe('{"a":[1,2.5,true,null],"b":"\\u00e9\\/\\""}'));
  it('json_encode encodes an empty map as [] (PHP arrays)', () => expect(render('{{ m|json_encode }}', { m: {} })).toBe('[]'));
  it('raw returns the value unchanged', () => expect(render('{{ v|raw }}', { v: '<b>' }, true)).toBe('<b>'));
});

describe('date', () => {
  it('formats timestamps with the default format F j, Y H:i in UTC', () => expect(render('{{ 1286199900|date }}')).toBe('October 4, 2010 13:45'));
  it('formats date strings with PHP format characters', () => expect(render("{{ '2024-02-29 13:05:09'|date('D, d M Y H:i:s N jS z t L') }}")).toBe('Thu, 29 Feb 2024 13:05:09 4 29th 59 29 1'));
  it("converts to a timezone, keeps the date's own with timezone=false", () =>
    expect(render("{{ '2010-01-28T15:00:00+04:00'|date('H:i P') }} {{ '2010-01-28T15:00:00+04:00'|date('H:i P', false) }} {{ 1286199900|date('H:i T', 'America/Chicago') }}")).toBe('11:00 +00:00 15:00 +04:00 08:45 CDT'));
  it('accepts "now" (current time)', () => expect(render("{{ 'now'|date('Y') }}")).toBe(String(new Date().getUTCFullYear())));
  it('fails to render date strings it cannot parse rather than guessing', () => {
    const r = compileTemplate("{{ 'next blue moon'|date }}", { autoescape: false }).render({});
    expect(r.error?.code).toBe('render');
  });
});
