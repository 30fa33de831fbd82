import { describe, expect, test } from 'vitest';
import { decodeText, parseTable } from '../../shared/targets';
import { codes, fixtureBytes } from '../fixtures/targets/helpers';

describe('decodeText', () => {
  test('a UTF-8 file with BOM loses the BOM and keeps accents', () => {
    const r = decodeText(fixtureBytes('utf8-bom.csv'));
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.text.startsWith('user_id,')).toBe(true);
    expect(r.text).toContain('Zoë,Córdoba');
    expect(r.diagnostics).toEqual([]);
  });

  test('a UTF-16 LE file with BOM (Excel "Unicode text") is read as tab-separated text', () => {
    const r = decodeText(fixtureBytes('utf16le-bom.txt'), { file: 'utf16le-bom.txt' });
    expect(r.encoding).toBe('utf-16le');
    const t = parseTable(r.text, { file: 'utf16le-bom.txt' });
    expect(t.delimiter).toBe('\t');
    expect(t.rows).toEqual([
      ['00123', 'Córdoba', '5 €'],
      ['00456', 'München', '7 €'],
    ]);
  });

  test('a UTF-16 BE file with BOM is read correctly', () => {
    const r = decodeText(fixtureBytes('utf16be-bom.csv'));
    expect(r.encoding).toBe('utf-16be');
    expect(r.text).toBe('user_id,city\n00123,Kraków\n');
  });

  test('bytes that are not valid UTF-8 are read as Windows-1252 with a note (é and €)', () => {
    const r = decodeText(fixtureBytes('windows-1252.csv'));
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toContain('u1;Café crème;2,50 €');
    expect(codes(r.diagnostics)).toEqual(['encoding-guess']);
    expect(r.diagnostics[0]?.severity).toBe('info');
  });

  test('Windows-1252 bytes 0x80–0x9F become € ‘ ’ “ ” – — ™ (not control characters)', () => {
    const r = decodeText(new Uint8Array([0x80, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0xe9]));
    expect(r.text).toBe('€‘’“”–—™é');
  });

  test('plain ASCII/UTF-8 without BOM is utf-8 with no diagnostics', () => {
    const r = decodeText(new TextEncoder().encode('user_id\n€1\n'));
    expect(r).toEqual({ text: 'user_id\n€1\n', encoding: 'utf-8', diagnostics: [] });
  });

  test('UTF-16 LE without a BOM is recognised by its zero bytes, with a warning', () => {
    const bytes = new Uint8Array([...'user_id\nu1\n'].flatMap((c) => [c.charCodeAt(0), 0]));
    const r = decodeText(bytes);
    expect(r.encoding).toBe('utf-16le');
    expect(r.text).toBe('user_id\nu1\n');
    expect(codes(r.diagnostics, 'warning')).toEqual(['encoding-guess']);
  });

  test('an .xlsx workbook is refused with advice to save as CSV', () => {
    const r = decodeText(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 6, 0]), { file: 'list.xlsx' });
    expect(r.text).toBe('');
    expect(r.diagnostics[0]).toMatchObject({ code: 'binary-file', severity: 'error', file: 'list.xlsx' });
    expect(r.diagnostics[0]?.message).toMatch(/CSV/);
  });

  test('UTF-16 with an odd number of bytes warns that the last byte was cut off', () => {
    const r = decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62]));
    expect(r.text.startsWith('a')).toBe(true);
    expect(codes(r.diagnostics)).toContain('truncated-text');
  });

  test('empty bytes decode to empty text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8', diagnostics: [] });
  });
});
