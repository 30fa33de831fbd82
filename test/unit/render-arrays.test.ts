/**
 * PHP arrays as ordered maps, attribute(), argument unpacking, random picks and globals; every
 * expected output is PHP Twig 3.5.1's (or, for syntax 3.5 lacks, Twig 3.15's documented behaviour).
 */
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

function render(src: string, vars: Record<string, unknown> = {}, options: { seed?: string; globals?: Record<string, unknown> } = {}): string {
  const t = compileTemplate(src, { autoescape: false, globals: options.globals });
  const errors = t.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`diagnostics: ${JSON.stringify(errors)}`);
  const r = t.render(vars, { seed: options.seed });
  if (r.error) throw new Error(`render error: ${JSON.stringify(r.error)}`);
  return r.output;
}

describe('PHP arrays keep their insertion order', () => {
  it('a hash literal keeps integer keys where they were written, among string keys', () => {
    expect(render("{% for k, v in {z: 1, 10: 2, a: 3, 2: 4} %}{{ k }}={{ v }};{% endfor %}|{{ {b: 1, 2: 'x', a: 3}|keys|join(',') }}")).toBe('z=1;10=2;a=3;2=4;|b,2,a');
  });
  it('merge of a map with a list puts the list after the map, renumbered', () => {
    expect(render("{{ {'a': 1}|merge(['x'])|json_encode }} {{ {z: 1, 10: 2}|merge({3: 'x', z: 9})|json_encode }}")).toBe('{"a":1,"0":"x"} {"z":9,"0":2,"1":"x"}');
  });
  it('batch keeps the keys and pads under the next integer key', () => {
    expect(render("{{ {'foo': 'bar', 'key': 'value'}|batch(4, 'fill')|first|keys|join(',') }} {{ {a: 'x', 5: 'y'}|batch(3, 'f')|json_encode }} {{ [1, 2, 3]|batch(2)|json_encode }}")).toBe('foo,key,0,1 [{"a":"x","5":"y","6":"f"}] [[1,2],{"2":3}]');
  });
  it('sort keeps each value’s key, as PHP’s asort does', () => {
    expect(render("{{ [3, 1, 2]|sort|keys|join(',') }} {{ [3, 1, 2]|sort|json_encode }}")).toBe('1,2,0 {"1":1,"2":2,"0":3}');
  });
  it('reverse and slice keep integer keys with preserve_keys, string keys always', () => {
    expect(render("{{ [1, 2, 3]|reverse(true)|json_encode }} {{ {a: 1, 0: 2, b: 3}|reverse|json_encode }} {{ [1, 2, 3]|slice(1, 2, true)|json_encode }} {{ {a: 1, 2: 'x'}|slice(1)|json_encode }}")).toBe('{"2":3,"1":2,"0":1} {"b":3,"0":2,"a":1} {"1":2,"2":3} ["x"]');
  });
  it('+ keeps the left keys and adds the right ones it lacks; filter keeps keys', () => {
    expect(render('{{ ({b: 1} + [5, 6])|json_encode }} {{ [1, 2, 3]|filter(v => v > 1)|json_encode }}')).toBe('{"b":1,"0":5,"1":6} {"1":2,"2":3}');
  });
  it('keys are cast as PHP casts them: "1" and 1 are one key, "01" another', () => {
    expect(render("{{ {'1': 'a', 1: 'b'}|json_encode }} {{ {'01': 'a', 1: 'b'}|json_encode }} {{ {(true): 'a', (null): 'b', (1.7): 'c'}|json_encode }}")).toBe('{"1":"b"} {"01":"a","1":"b"} {"1":"c","":"b"}');
  });
  it('comparison follows PHP: == ignores key order, same as does not', () => {
    expect(render("{{ {a: 1, b: 2} == {b: 2, a: 1} ? 'y' : 'n' }}{{ {a: 1, b: 2} is same as({b: 2, a: 1}) ? 'y' : 'n' }}{{ [1, 2] is same as({1: 2, 0: 1}) ? 'y' : 'n' }}")).toBe('ynn');
  });
});

describe('attribute() and argument unpacking', () => {
  it('attribute() reads a key of a map or list, also a dynamic one, and works with defined', () => {
    const vars = { u: { name: 'Ann', tags: ['a', 'b'] }, k: 'name', l: [5, 6] };
    expect(render("{{ attribute(u, 'name') }} {{ attribute(u, k) }} {{ attribute(l, 1) }} {{ attribute(u, 'nope') is defined ? 'y' : 'n' }}{{ attribute(u, 'name') is defined ? 'y' : 'n' }} {{ attribute(u, 'tags')|join }}", vars)).toBe('Ann Ann 6 ny ab');
  });
  it('... unpacks a list into positional arguments of filters, functions and macros', () => {
    expect(render("{{ '%s-%s'|format(...l) }} {{ max(...l) }} {{ '%s %s %s'|format(1, ...[2], ...[3]) }} {{ _self.m(...[1, 2, 3]) }}{% macro m(a, b = 'B') %}{{ a }}{{ b }}{{ varargs|join }}{% endmacro %}", { l: [4, 7] })).toBe('4-7 7 1 2 3 123');
  });
  it('a normal argument after an unpacked one is a syntax error at that argument', () => {
    expect(compileTemplate("{{ '%s %s %s'|format(...[1, 2], 3) }}", { autoescape: false }).diagnostics[0]).toMatchObject({ code: 'syntax', line: 1, column: 33, message: 'Normal arguments must be placed before argument unpacking.' });
  });
});

describe('random picks are seeded per preview', () => {
  const src = "{{ random(['a', 'b', 'c', 'd', 'e', 'f']) }}{{ random(100) }}{{ ['x', 'y', 'z', 'w']|shuffle|join }}{{ 'hello'|shuffle|length }}";
  it('the same seed gives the same picks every time; other seeds give other picks', () => {
    const first = render(src, {}, { seed: 'user_1' });
    expect(render(src, {}, { seed: 'user_1' })).toBe(first);
    const others = new Set(['user_2', 'user_3', 'user_4', 'user_5'].map((seed) => render(src, {}, { seed })));
    expect(others.size).toBeGreaterThan(1);
  });
  it('picks stay within what Twig can pick', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      expect(render("{{ random(5) }}|{{ random(-3) }}|{{ random(2, 4) }}|{{ random('') }}|{{ random('é') }}|{{ {a: 'x'}|shuffle|json_encode }}", {}, { seed })).toMatch(/^[0-5]\|(-[0-3]|0)\|[2-4]\|\|é\|\["x"\]$/);
    }
  });
  it('an empty list cannot be picked from', () => {
    expect(compileTemplate('{{ random([]) }}', { autoescape: false }).render({}).error).toMatchObject({ code: 'render', message: expect.stringContaining('empty') });
  });
});

describe('globals and special names', () => {
  it('with … only hides the variables but keeps the globals; macros see globals too', () => {
    const globals = { site: 'Shop' };
    expect(render('{% with {a: 1} only %}[{{ a }}{{ b }}{{ site }}]{% endwith %}{{ _self.m() }}{% macro m() %}<{{ site }}{{ b }}>{% endmacro %}', { b: 2 }, { globals })).toBe('[1Shop]<Shop>');
  });
  it('a variable of the same name wins over a global, and globals are not references', () => {
    const t = compileTemplate('{{ site }}', { autoescape: false, globals: { site: 'Shop' } });
    expect(t.render({ site: 'Mine' }).output).toBe('Mine');
    expect(t.references).toEqual([]);
  });
  it('_charset is UTF-8 and _context lists the variables in scope', () => {
    expect(render("{{ _charset }} {{ _context|keys|join(',') }} {% set z = 1 %}{{ _context|keys|join(',') }}", { b: 2 })).toBe('UTF-8 b b,z');
  });
});

describe('ranges', () => {
  it('an end that is a string with a leading number counts as that number, as PHP 8 casts it ("3,00" is 3)', () => {
    expect(render("{{ (0..'3,00')|join }} {{ range(1, '2 items')|join }} {{ (0..'x')|join }}")).toBe('0123 12 0');
  });
});

describe('first and last', () => {
  it('return a null item itself, and false only when there is no item', () => {
    expect(render('{{ [null, 1]|first|json_encode }} {{ [1, null]|last|json_encode }} {{ []|first|json_encode }} {{ {a: null}|first|json_encode }}')).toBe('null null false null');
  });
  it('after negative integer keys, PHP appends at the next key up (batch fills from there)', () => {
    expect(render("{{ {(-2): 'x'}|batch(3, 'f')|first|keys|join(',') }}")).toBe('-2,-1,0');
  });
});
