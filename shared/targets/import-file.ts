/**
 * One call from a file's bytes to targets: decode, parse (JSON or delimited by content and name),
 * map (id column = the one named like target_by, else the first, or the one named), and build the
 * targets (which also checks the ids against the kind target_by implies). Used by the CLI's --targets.
 */
import type { Diagnostic } from '../diagnostics';
import type { PerUserValues } from '../campaign/per-user';
import { decodeText } from './decode';
import { parseJsonRows } from './json-rows';
import { buildTargets, defaultMapping } from './mapping';
import { parseTable, type ParseTableOptions } from './table';
import { readIdList, type HeaderChoice } from './id-list';
import type { ColumnMapping, Table } from './types';

export interface ImportedTargets {
  table: Table;
  mapping?: ColumnMapping;
  target: string[];
  targetWithParams: PerUserValues;
  diagnostics: Diagnostic[];
}

/**
 * Parses delimited target text (CSV, TSV, one id per line, or a separated id list): the table,
 * read as plain ids when it is a plain id list (id-list.ts). The app's import worker and the CLI
 * both read delimited targets through this function.
 */
export function parseTargetsTable(text: string, opts: ParseTableOptions & { targetBy?: string; header?: HeaderChoice }): Table {
  const { targetBy, header, ...tableOpts } = opts;
  return readIdList(parseTable(text, tableOpts), text, { ...(targetBy !== undefined ? { targetBy } : {}), ...(header ? { header } : {}) });
}

/** Parses decoded text as JSON rows when it looks like JSON, else as a delimited table (or id list). */
export function parseTargetsText(text: string, file: string, targetBy?: string): Table {
  // The first visible character, found without copying the text (as trimming a 10 MB file would).
  const first = text.search(/[^\ufeff\s]/);
  const c = first === -1 ? '' : text.charAt(first);
  const json = /\.json$/i.test(file) || c === '[' || c === '{';
  return json ? parseJsonRows(text, { file }) : parseTargetsTable(text, { file, ...(targetBy !== undefined ? { targetBy } : {}) });
}

/** Imports a target list file; errors (severity `error`) mean the input is unusable. */
export function importTargetsFile(bytes: Uint8Array, opts: { file: string; targetBy: string; idColumn?: string; mapping?: ColumnMapping }): ImportedTargets {
  const decoded = decodeText(bytes, { file: opts.file });
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const table = parseTargetsText(decoded.text, opts.file, opts.targetBy);
  diagnostics.push(...table.diagnostics);
  const none = { table, target: [], targetWithParams: {}, diagnostics };
  if (diagnostics.some((d) => d.severity === 'error')) return none;
  let mapping = opts.mapping;
  if (!mapping) {
    const m = defaultMapping(table, opts.targetBy, opts.idColumn);
    diagnostics.push(...m.diagnostics);
    if (m.diagnostics.some((d) => d.severity === 'error')) return none;
    mapping = m.mapping;
  }
  const built = buildTargets(table, mapping, { file: opts.file, targetBy: opts.targetBy });
  diagnostics.push(...built.diagnostics);
  return { table, mapping, target: built.target, targetWithParams: built.targetWithParams, diagnostics };
}
