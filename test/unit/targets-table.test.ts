import { describe, expect, test } from 'vitest';
import { decodeText, parseTable, sniffDelimiter } from '../../shared/targets';
import { codes, fixtureBytes, withCode } from '../fixtures/targets/helpers';

const load = (name: string) => parseTable(decodeText(fixtureBytes(name)).text, { file: name });

describe('delimiter detection', () => {
  test.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\n1;2,5;3\n', ';'],
    ['a\tb\n1\t2,5\n', '\t'],
    ['a|b\n1|2\n', '|'],
    ['id;name\n1;Smith, John\n2;Doe, Jane\n', ';'],
    ['id,name\n1,"a;b;c"\n', ','],
    ['just_one_column\nx\n', ','],
  ])('%j is split on %j', (text, d) => {
    expect(sniffDelimiter(text)).toBe(d);
  });

  test('a single-column .tsv file falls back to tab', () => {
    expect(parseTable('user_id\nu1\n', { file: 'list.tsv' }).delimiter).toBe('\t');
  });

  test('semicolon files from European Excel keep decimal commas inside cells', () => {
    const t = load('semicolon-decimal-comma.csv');
    expect(t.delimiter).toBe(';');
    expect(t.rows).toEqual([
      ['u1', '1,5', 'ok'],
      ['u2', '12,75', 'has; semicolon'],
    ]);
    expect(t.diagnostics).toEqual([]);
  });

  test('a pipe-delimited .txt file is detected', () => {
    const t = load('pipe.txt');
    expect(t.delimiter).toBe('|');
    expect(t.columns).toEqual(['user_id', 'promo_code']);
  });

  test('an explicit delimiter overrides detection', () => {
    expect(parseTable('a;b,c\n1;2,3\n', { delimiter: ',' }).columns).toEqual(['a;b', 'c']);
  });
});

describe('parseTable', () => {
  test('ids keep their exact text: 00123, 1e5, +353…, 0x1F and surrounding spaces', () => {
    const t = load('ids-preserved.csv');
    expect(t.rows.map((r) => r[0])).toEqual(['00123', '1e5', '+353850123456', '0x1F', ' 007 ']);
  });

  test('a TSV paste from Excel keeps quoted cells with embedded newlines, tabs and doubled quotes', () => {
    const t = load('excel-paste.tsv');
    expect(t.delimiter).toBe('\t');
    expect(t.rows).toEqual([
      ['u1', 'Line one\nLine two', 'A1'],
      ['u2', 'has\ttab', 'B2'],
      ['u3', 'say "hi"', 'C3'],
    ]);
    expect(t.diagnostics).toEqual([]);
    // u2 starts on line 4 because u1's cell spans two lines.
    expect(t.rowLines).toEqual([2, 4, 5]);
  });

  test('a UTF-8 BOM file gives a clean first column name', () => {
    expect(load('utf8-bom.csv').columns).toEqual(['user_id', 'name', 'city']);
  });

  test('a row with too many cells is an error at row 3, column 4, quoting the extra text', () => {
    const t = load('ragged.csv');
    const [tooMany] = withCode(t.diagnostics, 'ragged-row');
    expect(tooMany).toMatchObject({ severity: 'error', row: 3, line: 3, column: 4, file: 'ragged.csv' });
    expect(tooMany?.message).toContain('"oops"');
    expect(tooMany?.message).toMatch(/3 columns/);
    expect(t.rows[1]).toEqual(['u2', 'Bob', '6']);
  });

  test('a row with too few cells is an error at row 4 naming the missing column', () => {
    const t = load('ragged.csv');
    const tooFew = withCode(t.diagnostics, 'ragged-row')[1];
    expect(tooFew).toMatchObject({ severity: 'error', row: 4, line: 4, column: 3 });
    expect(tooFew?.message).toContain('"amount"');
    expect(tooFew?.message).toContain('u3,Cat');
    expect(t.rows[2]).toEqual(['u3', 'Cat', '']);
    expect(t.rows[3]).toEqual(['u4', 'Dan', '8']);
  });

  test('an unclosed quote is reported at its row, line and column with the text that follows', () => {
    const t = load('unbalanced-quote.csv');
    const d = withCode(t.diagnostics, 'unbalanced-quote');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', row: 3, line: 3, column: 4 });
    expect(d[0]?.message).toContain('"\\"Bob\\nu3,Cat\\n"');
    // The cause is reported once, not again as a ragged row.
    expect(withCode(t.diagnostics, 'ragged-row')).toEqual([]);
  });

  test('text after a closing quote is a malformed-quote error at the opening quote', () => {
    const t = parseTable('a,b\n1,"x"y\n', { file: 'p' });
    expect(withCode(t.diagnostics, 'malformed-quote')[0]).toMatchObject({ row: 2, line: 2, column: 3 });
  });

  test('duplicate column names are an error naming both columns', () => {
    const t = load('duplicate-columns.csv');
    const d = withCode(t.diagnostics, 'duplicate-column');
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', row: 1, column: 3 });
    expect(d[0]?.message).toMatch(/"code" like column 2/);
  });

  test('an empty header cell is an error at row 1, column 2', () => {
    const t = load('empty-header.csv');
    expect(withCode(t.diagnostics, 'empty-header')[0]).toMatchObject({ severity: 'error', row: 1, column: 2 });
  });

  test('blank lines are skipped but rows keep their spreadsheet numbers', () => {
    const t = load('blank-lines.csv');
    expect(t.columns).toEqual(['user_id', 'code']);
    expect(t.rows).toEqual([
      ['u1', 'A'],
      ['u2', 'B'],
    ]);
    expect(t.rowNumbers).toEqual([4, 6]);
    expect(t.diagnostics).toEqual([]);
  });

  test('empty text is an error, not an exception', () => {
    expect(codes(parseTable('').diagnostics)).toEqual(['empty']);
    expect(codes(parseTable('\n\n\r\n').diagnostics)).toEqual(['empty']);
  });

  test('a 200 KB quoted field with commas, quotes and newlines is kept whole', () => {
    const t = load('huge-field.csv');
    expect(t.diagnostics).toEqual([]);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0]?.[1]?.length).toBeGreaterThan(150_000);
    expect(t.rows[0]?.[1]?.startsWith('<p>x,"y"\n')).toBe(true);
    expect(t.rows[1]).toEqual(['u2', 'small']);
  });

  test('CRLF and LF files give the same table', () => {
    const lf = parseTable('user_id,code\nu1,A\nu2,B\n');
    const crlf = parseTable('user_id,code\r\nu1,A\r\nu2,B\r\n');
    expect(crlf.rows).toEqual(lf.rows);
    expect(crlf.columns).toEqual(lf.columns);
  });

  test('a one-column file keeps an empty cell in the middle as a row', () => {
    const t = parseTable('user_id\nu1\n""\nu2\n');
    expect(t.rows).toEqual([['u1'], [''], ['u2']]);
  });

  test('100,000 ragged rows give 100 located errors and one summary', () => {
    const text = 'a,b\n' + 'x\n'.repeat(100_000);
    const t = parseTable(text);
    expect(t.diagnostics).toHaveLength(101);
    expect(t.diagnostics[100]?.message).toMatch(/99,900 more/);
  });
});

describe('line endings', () => {
  test('a file mixing CRLF and LF records gives clean rows without stray carriage returns', () => {
    const t = parseTable('user_id,code\r\nu1,A\nu2,B\r\nu3,"x\r\ny"\n');
    expect(t.rows).toEqual([
      ['u1', 'A'],
      ['u2', 'B'],
      ['u3', 'x\r\ny'],
    ]);
    expect(t.diagnostics).toEqual([]);
  });

  test('old Mac CR-only files are read', () => {
    expect(parseTable('user_id,code\ru1,A\ru2,B\r').rows).toEqual([
      ['u1', 'A'],
      ['u2', 'B'],
    ]);
  });
});

describe('parsing with progress', () => {
  const MB = 1 << 20;
  // A few records, one long cell up to `at` characters, then `tail` (starting 9 characters after
  // `at`): puts `tail` across the 1 MB slice boundary while keeping each parse cheap.
  const around = (at: number, tail: string, nl = '\n') => {
    let head = `id,name,note${nl}`;
    for (let i = 0; i < 50; i++) head += `u${i},"Name ${i}",plain${nl}`;
    return head + 'x'.repeat(at - head.length) + `,pad,pa${nl === '\n' ? 'd' : ''}${nl}` + tail;
  };
  const tails = ['"multi\nline, cell",b,c\nu9,"x""y",z\n', 'u1,"closed" ,c\nu2,"bad"quote,c\nu3,b,c\n', 'u1,b\nu2,b,c,d\n\n\nu3,"",""\n', 'u1,b,"never closed\nu2,b,c\n', 'u1,b,"ends at the end"', '"a\r\nb",c,d\r\nu2,b,c\r\n'];
  test.each(tails.map((t, i) => [i, t] as const))('tail %i cut by the 1 MB slice boundary anywhere gives the same table as one parse', (_i, tail) => {
    const nl = tail.includes('\r\n') ? '\r\n' : '\n';
    // The boundary moves over every character of the tail (and a few either side).
    for (let d = -12; d <= tail.length + 2; d++) {
      const text = around(MB - 10 - d, tail, nl);
      const seen: number[] = [];
      const sliced = parseTable(text, { file: 'big.csv', onProgress: (n) => seen.push(n) });
      expect(sliced, `boundary at tail offset ${d}`).toEqual(parseTable(text, { file: 'big.csv' }));
      if (text.length > MB) expect(seen.length).toBe(2);
      for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThanOrEqual(seen[k - 1] as number);
    }
  });

  test('a 3 MB table reports rows per slice and ends with every record', () => {
    const lines = ['id,a,b'];
    for (let i = 0; i < 250_000; i++) lines.push(`u${i},${i % 7 ? 'x' : '"q, ""r"""'},${i}`);
    const text = lines.join('\n') + '\n';
    expect(text.length).toBeGreaterThan(3 * MB);
    const seen: number[] = [];
    const t = parseTable(text, { onProgress: (n) => seen.push(n) });
    expect(t.rows.length).toBe(250_000);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen[seen.length - 1]).toBe(250_002); // header and the empty last line are records too
    expect(t).toEqual(parseTable(text));
  });

  test('small texts are parsed in one call even with a callback', () => {
    let calls = 0;
    expect(parseTable('a,b\n1,2\n', { onProgress: () => calls++ }).rows).toEqual([['1', '2']]);
    expect(calls).toBe(0);
  });
});
