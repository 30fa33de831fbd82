/**
 * Pasted text → the right parser. A paste is a spreadsheet selection (TSV), CSV, a JSON array of
 * rows or ids, a Campaign Execute body, or a whole curl command.
 */
import type { ParsedExecuteBody, Table } from './types';
import { type ParsedCurl, parseCurl } from './curl';
import { parseExecuteBody } from './execute-body';
import { parseJsonRows } from './json-rows';
import { parseTargetsTable } from './id-list';

/** The kinds of pasted text Preflight understands. */
export type PasteKind = 'table' | 'json-rows' | 'execute-body' | 'curl';

/**
 * Decides what pasted text is by its first characters (no full parse, so it is instant on large
 * pastes): `curl …` (optionally after a `$ ` prompt), `{` an execute body, `[` followed by `{`, `"`,
 * a digit or `]` JSON rows, anything else a table.
 */
export function detectPaste(text: string): PasteKind {
  let i = 0;
  const n = text.length;
  const skip = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0) i++;
      else break;
    }
  };
  skip();
  if (text.startsWith('$ ', i) || text.startsWith('> ', i)) {
    i += 2;
    skip();
  }
  const head = text.slice(i, i + 9).toLowerCase();
  if (/^curl(\.exe)?(\s|$)/.test(head)) return 'curl';
  const c = text[i];
  if (c === '{') return 'execute-body';
  if (c === '[') {
    i++;
    skip();
    const d = text[i];
    if (d === '{' || d === '"' || d === ']' || d === '-' || (d !== undefined && d >= '0' && d <= '9')) return 'json-rows';
  }
  return 'table';
}

/** The result of parsing a paste, tagged by what it was. */
export type ParsedPaste = { kind: 'table'; table: Table } | { kind: 'json-rows'; table: Table } | { kind: 'execute-body'; result: ParsedExecuteBody } | { kind: 'curl'; result: ParsedCurl };

/**
 * Detects the kind of pasted text and parses it; `label` names it in diagnostics. A table may be a
 * plain id list (read against `targetBy`, see id-list.ts). Never throws.
 */
export function parsePaste(text: string, label = 'pasted text', targetBy?: string): ParsedPaste {
  const kind = detectPaste(text);
  switch (kind) {
    case 'curl':
      return { kind, result: parseCurl(text, { file: label }) };
    case 'execute-body':
      return { kind, result: parseExecuteBody(text, { file: label }) };
    case 'json-rows':
      return { kind, table: parseJsonRows(text, { file: label }) };
    default:
      return { kind: 'table', table: parseTargetsTable(text, { file: label, ...(targetBy !== undefined ? { targetBy } : {}) }) };
  }
}
