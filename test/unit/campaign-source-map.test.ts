import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Document, isScalar, parseDocument, Scalar } from 'yaml';
import { decodeScalar, templatePlacer, type ScalarStyle } from '../../shared/campaign/source-map';
import type { Diagnostic } from '../../shared/diagnostics';

const promo = `# The source document's multistage journey.
name: Promo journey
id: "Campaign_ID"
type: multistage
target_by: user_id
nodes:
  - key: sms
    channel: sms
    content:
      from: "Promo"
      text: "Hi {{first_name}}, your {{promo_name}} offer for {{match_name}} is now live. {% if first_name %}"
  - key: mail
    channel: email
    content:
      subject: 'It''s {{ x }'
      html: |
        <p>one</p>
        <p>{{ oops( }}</p>
      text: >
        folded line one
        and {{ two

        after a blank {{ three
      preheader: plain text
        over two lines {{ y
      from_name: "esc\\t\\u00e9 {{ z\\
        joined"
`;

const syntax = (node: string, field: string, line: number, column: number): Diagnostic => ({ code: 'syntax', severity: 'error', message: 'x', node, field, line, column });

/** The text at a file position. */
function at(text: string, p: Diagnostic): string {
  return text.split('\n')[(p.line as number) - 1]!.slice((p.column as number) - 1);
}

describe('template positions are placed in the campaign file', () => {
  const place = templatePlacer({ file: 'campaigns/promo.yaml', text: promo });

  it('an error at column 97 of a double-quoted SMS text is at line 11 of the file, on the {% if', () => {
    const value = 'Hi {{first_name}}, your {{promo_name}} offer for {{match_name}} is now live. {% if first_name %}';
    const d = place(syntax('sms', 'text', 1, value.indexOf('{% if') + 1));
    expect(d).toMatchObject({ file: 'campaigns/promo.yaml', line: 11 });
    expect(at(promo, d)).toMatch(/^\{% if first_name %\}"$/);
  });

  it('the end of a template (an unclosed tag reported at its end) is just before the closing quote', () => {
    const value = 'Hi {{first_name}}, your {{promo_name}} offer for {{match_name}} is now live. {% if first_name %}';
    const d = place(syntax('sms', 'text', 1, value.length + 1));
    expect(d.line).toBe(11);
    expect(at(promo, d)).toBe('"');
  });

  it('a doubled quote in a single-quoted scalar counts as one character of the template', () => {
    const d = place(syntax('mail', 'subject', 1, "It's ".length + 1));
    expect(at(promo, d)).toMatch(/^\{\{ x \}'$/);
  });

  it('a literal block scalar maps template line 2 to the second line under the header', () => {
    const d = place(syntax('mail', 'html', 2, 4));
    expect(d.line).toBe(18);
    expect(at(promo, d)).toMatch(/^\{\{ oops\(/);
  });

  it('a folded block scalar maps across folded lines and blank lines', () => {
    // "folded line one and {{ two\nafter a blank {{ three\n"
    const two = place(syntax('mail', 'text', 1, 'folded line one and '.length + 1));
    expect(two.line).toBe(21);
    expect(at(promo, two)).toMatch(/^\{\{ two/);
    const three = place(syntax('mail', 'text', 2, 'after a blank '.length + 1));
    expect(three.line).toBe(23);
    expect(at(promo, three)).toMatch(/^\{\{ three/);
  });

  it('a multi-line plain scalar maps its folded second line', () => {
    const d = place(syntax('mail', 'preheader', 1, 'plain text over two lines '.length + 1));
    expect(d.line).toBe(25);
    expect(at(promo, d)).toMatch(/^\{\{ y/);
  });

  it('escapes and an escaped line break in a double-quoted scalar are followed', () => {
    const d = place(syntax('mail', 'from_name', 1, 'esc\té {{ zjoined'.length - 'joined'.length + 1));
    expect(d.line).toBe(27);
    expect(at(promo, d)).toBe('joined"');
    const z = place(syntax('mail', 'from_name', 1, 'esc\té '.length + 1));
    expect(at(promo, z)).toMatch(/^\{\{ z/);
  });

  it('diagnostics without a node and field, or already in the file, are left as they are; the file is not parsed for them', () => {
    const broken = templatePlacer({ file: 'x.yaml', text: 'a: [' });
    const plain: Diagnostic = { code: 'unused-param', severity: 'info', message: 'x' };
    expect(broken(plain)).toBe(plain);
    const inFile: Diagnostic = { ...syntax('sms', 'text', 3, 4), file: 'x.yaml' };
    expect(place(inFile)).toBe(inFile);
    // A file that does not parse cannot be placed in: the template position stays (and says so by having no file).
    expect(broken(syntax('sms', 'text', 1, 1)).file).toBeUndefined();
  });

  it('a JSON campaign file places template positions too (its strings are double-quoted scalars)', () => {
    const json = '{\n  "nodes": [\n    { "key": "sms", "content": { "text": "Hi \\"{{ a }\\"" } }\n  ]\n}\n';
    const d = templatePlacer({ file: 'c.json', text: json })(syntax('sms', 'text', 1, 5));
    expect(d.line).toBe(3);
    expect(at(json, d)).toMatch(/^\{\{ a \}/);
  });
});

describe('the scalar decoder agrees with the YAML library', () => {
  const styles: ScalarStyle[] = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'];
  const text = fc.stringMatching(/^[ab{}%\t\n '"\\é€#:-]{0,40}$/);

  it('for every string in every style yaml writes it, the decoded value is the value yaml reads, and literal characters point at themselves', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...styles), fc.integer({ min: 0, max: 6 }), (value, style, indent) => {
        const doc = new Document({ content: { text: value } });
        const scalar = (doc.get('content', true) as { get(k: string, keep: true): unknown }).get('text', true) as Scalar;
        scalar.type = style;
        const source = doc.toString({ indent: 2 + (indent % 3), lineWidth: 20, minContentWidth: 5 });
        const back = parseDocument(source);
        const node = (back.get('content', true) as { get(k: string, keep: true): unknown }).get('text', true);
        if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
        const raw = source.slice(node.range[0], node.range[1]);
        const lineStart = source.lastIndexOf('\n', node.range[0] - 1) + 1;
        const parentIndent = /^ */.exec(source.slice(lineStart))![0].length;
        const decoded = decodeScalar(raw, (node.type ?? 'PLAIN') as ScalarStyle, parentIndent);
        expect(decoded, `${node.type} ${JSON.stringify(source)}`).toBeDefined();
        expect(decoded!.value, `${node.type} ${JSON.stringify(source)}`).toBe(node.value);
        expect(decoded!.offsets).toHaveLength(decoded!.value.length + 1);
        decoded!.value.split('').forEach((ch, i) => {
          const src = raw[decoded!.offsets[i]!];
          if (ch !== ' ' && ch !== '\n' && ch !== '\t') expect([ch, '\\', "'"]).toContain(src);
        });
      }),
      { numRuns: 3000 },
    );
  });
});
