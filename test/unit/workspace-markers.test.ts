import { describe, expect, it } from 'vitest';
import { placeDiagnostics, placeholderRanges } from '../../renderer/components/editor/markers';

const file = `name: X
nodes:
  - key: sms
    channel: sms
    content:
      text: "Hi {{ first_name }"
  - key: mail
    channel: email
    content:
      subject: s
      html: |
        <p>one</p>
        <p>{{ oops( }}</p>
`;

describe('editor markers in the campaign file', () => {
  it('a template diagnostic in a quoted scalar lands on its column in the file', () => {
    const [m] = placeDiagnostics(file, [{ code: 'syntax', severity: 'error', message: 'x', node: 'sms', field: 'text', line: 1, column: 4 }]);
    expect(m!.range).toMatchObject({ startLine: 6, startColumn: 17 });
    expect(file.split('\n')[5]!.slice(16)).toMatch(/^\{\{ first_name/);
  });

  it('a diagnostic in a block scalar lands on the template line under the header', () => {
    const [m] = placeDiagnostics(file, [{ code: 'syntax', severity: 'error', message: 'x', node: 'mail', field: 'html', line: 2, column: 4 }]);
    expect(m!.range).toMatchObject({ startLine: 13, startColumn: 12 });
  });

  it('file-level diagnostics with a line are placed on that line; others without a place are skipped', () => {
    const placed = placeDiagnostics(file, [
      { code: 'campaign-schema', severity: 'error', message: 'x', line: 2, column: 1 },
      { code: 'unused-param', severity: 'info', message: 'x' },
    ]);
    expect(placed.map((p) => p.range.startLine)).toEqual([2]);
  });

  it('finds every use of a placeholder', () => {
    expect(placeholderRanges('a {{first_name}} b {{- first_name|upper }}', 'first_name')).toEqual([
      { startLine: 1, startColumn: 5, endLine: 1, endColumn: 15 },
      { startLine: 1, startColumn: 24, endLine: 1, endColumn: 34 },
    ]);
  });
});
