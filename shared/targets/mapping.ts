/**
 * Table + column mapping → `target` and `target_with_params`. This is the hot path at 100,000 rows:
 * one pass, a presized hash table for duplicates, and for string columns no per-cell work at all
 * (per-user values stay in the table's rows as columns, see shared/campaign/per-user.ts); typed
 * columns get objects only for users that actually get a value.
 */
import type { Diagnostic } from '../diagnostics';
import type { ParamColumns, PerUserValues } from '../campaign/per-user';
import type { ColumnMapping, ParamType, RowsDiagnostic, Table } from './types';
import { parseJson, toPlain } from './json';
import { validateIds } from './ids';
import { IdSet } from './id-set';
import { duplicateDiagnostics, groupRepeats } from './duplicates';
import { rowLabel, rowPlace, spreadsheetRow } from './place';
import { DiagnosticSink, clip, isBlankCode, listWithMore, plural, setOwn } from './text';

/** Normalises a column name for matching against `target_by`: `User ID` ~ `user_id`. */
export function normalizeColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** A proposed mapping and why it may be wrong. */
export interface DefaultMappingResult {
  mapping: ColumnMapping;
  diagnostics: Diagnostic[];
}

/**
 * Proposes a mapping: the id column is `idColumn` when given (an error if no column has that name),
 * else the column named like `target_by` (e.g. `user_id`, `User ID`), else the first column; every
 * other named column becomes a param column. Given a Table, its `columnTypes` (from JSON) are kept.
 */
export function defaultMapping(columnsOrTable: readonly string[] | Table, targetBy?: string, idColumn?: string): DefaultMappingResult {
  const table = Array.isArray(columnsOrTable) ? undefined : (columnsOrTable as Table);
  const columns: readonly string[] = table ? table.columns : (columnsOrTable as readonly string[]);
  const diagnostics: Diagnostic[] = [];
  let id: string | undefined;
  if (idColumn !== undefined) {
    if (columns.includes(idColumn)) id = idColumn;
    else {
      const loose = columns.find((c) => normalizeColumnName(c) === normalizeColumnName(idColumn));
      if (loose !== undefined) id = loose;
      else
        diagnostics.push({
          code: 'missing-column',
          severity: 'error',
          message: `There is no column named ${clip(idColumn)} to take the ids from; the columns are ${listWithMore(
            columns.map((c) => clip(c, 30)),
            12,
          )}.`,
          column: idColumn,
        });
    }
  }
  if (id === undefined && targetBy) {
    const want = normalizeColumnName(targetBy);
    id = columns.find((c) => normalizeColumnName(c) === want);
  }
  id ??= columns.find((c) => c.trim() !== '') ?? columns[0] ?? '';
  const seen = new Set<string>([id]);
  const paramColumns: string[] = [];
  for (const c of columns) {
    if (c.trim() === '' || seen.has(c)) continue;
    seen.add(c);
    paramColumns.push(c);
  }
  const mapping: ColumnMapping = { idColumn: id, paramColumns };
  if (table?.columnTypes) {
    const types: Record<string, ParamType> = {};
    for (const c of paramColumns) {
      const t = table.columnTypes[c];
      if (t && t !== 'string') setOwn(types, c, t);
    }
    if (Object.keys(types).length > 0) mapping.types = types;
  }
  return { mapping, diagnostics };
}

/** Options for `buildTargets`. */
export interface BuildTargetsOptions {
  file?: string;
  /** When given, ids are checked for that kind (e-mail, phone number). */
  targetBy?: string;
}

/** The send data a table yields, plus where each target came from. */
export interface BuiltTargets {
  target: string[];
  /**
   * Columns (one row per target, in target order) when every param column is a string column and
   * empty cells mean "no value" — the usual CSV case; keyed objects when values are typed or empty
   * means empty.
   */
  targetWithParams: PerUserValues;
  /** Index into `table.rows` of each entry of `target`. */
  sourceRows: number[];
  diagnostics: Diagnostic[];
}

type Converter = (cell: string) => { ok: true; value: unknown } | { ok: false; why: string };

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** Cell → value converters per param type (cells of string columns are used as they are). */
const CONVERTERS: Record<Exclude<ParamType, 'string'>, Converter> = {
  number: (cell) => {
    const t = cell.trim();
    if (NUMBER_RE.test(t)) return { ok: true, value: Number(t) };
    const hint = /^[+-]?\d+,\d+$/.test(t) ? ' (use a dot as the decimal separator)' : /\d[,\s']\d{3}/.test(t) ? ' (remove the thousands separators)' : '';
    return { ok: false, why: `is not a number${hint}` };
  },
  boolean: (cell) => {
    const t = cell.trim().toLowerCase();
    if (TRUE_WORDS.has(t)) return { ok: true, value: true };
    if (FALSE_WORDS.has(t)) return { ok: true, value: false };
    return { ok: false, why: 'is not true/false (or yes/no, 1/0)' };
  },
  json: (cell) => {
    const r = parseJson(cell);
    if (r.ok) return { ok: true, value: toPlain(r.node) };
    return { ok: false, why: `is not valid JSON at character ${r.offset + 1}: ${r.message}` };
  },
};

function findColumn(table: Table, name: string, role: string, sink: DiagnosticSink, at: { file?: string }): number {
  const idx = table.columns.indexOf(name);
  if (idx === -1) {
    sink.add({
      code: 'missing-column',
      severity: 'error',
      message: `The ${role} column ${clip(name)} is not in the table; the columns are ${listWithMore(
        table.columns.map((c) => clip(c, 30)),
        12,
      )}.`,
      column: name,
      ...at,
    });
  } else if (table.columns.indexOf(name, idx + 1) !== -1) {
    sink.add({ code: 'ambiguous-column', severity: 'error', message: `More than one column is named ${clip(name)}; rename one so the ${role} column is clear.`, column: name, ...at });
    return -1;
  }
  return idx;
}

/**
 * Builds `target` and `target_with_params` from a table. Cells stay strings unless the mapping types
 * a column; a bad conversion is an error at its row and column and that value is left out. An empty
 * cell gives that user no value (so `params` applies) unless `emptyMeansEmpty`. Duplicate ids keep
 * the first row (one warning per id naming every row); rows without an id are errors; fully empty
 * rows are skipped. Never throws.
 */
export function buildTargets(table: Table, mapping: ColumnMapping, opts: BuildTargetsOptions = {}): BuiltTargets {
  const at = opts.file ? { file: opts.file } : {};
  const sink = new DiagnosticSink();
  let target: string[] = [];
  const sourceRows: number[] = [];
  const keyed: Record<string, Record<string, unknown>> = {};
  let columns: ParamColumns | undefined;
  const done = () => ({ target, targetWithParams: columns ?? keyed, sourceRows, diagnostics: sink.finish() });

  const idIdx = findColumn(table, mapping.idColumn, 'id', sink, at);
  if (idIdx === -1) return done();
  const keys: string[] = [];
  const idxs: number[] = [];
  const convs: (Converter | undefined)[] = [];
  for (const name of mapping.paramColumns) {
    if (name === mapping.idColumn) {
      sink.add({ code: 'id-as-param', severity: 'warning', message: `Column ${clip(name)} holds the ids, so it is not also sent as a param.`, column: name, ...at });
      continue;
    }
    const i = findColumn(table, name, 'param', sink, at);
    if (i === -1) continue;
    const type = mapping.types?.[name];
    keys.push(name);
    idxs.push(i);
    convs.push(type && type !== 'string' ? CONVERTERS[type] : undefined);
  }
  const nParams = keys.length;
  const emptyMeansEmpty = mapping.emptyMeansEmpty === true;
  const protoKeys = keys.includes('__proto__');
  const idType = table.columnTypes?.[mapping.idColumn];
  // Columns name params by position, so any column name (even `__proto__`) is safe in them.
  const plain = !emptyMeansEmpty && convs.every((c) => c === undefined);

  // String columns are read from the table's own rows: no object per user and no keyed object of
  // every id. Only when a row is left out do the kept rows need an array of their own.
  const rows = table.rows;
  sourceRows.length = rows.length;
  let keptRows: string[][] | undefined;
  let kept = 0;
  // The kept ids, in order, are `target`; the first rows of duplicated ids are looked up
  // afterwards, only when there are any.
  const seen = new IdSet(rows.length);
  const dupeRows: number[] = [];
  const trimmed: number[] = [];
  let blankRows = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as string[];
    let id = row[idIdx] ?? '';
    if (id.length > 0 && (isBlankCode(id.charCodeAt(0)) || isBlankCode(id.charCodeAt(id.length - 1)))) {
      const t = id.trim(); // trim() also removes NBSP, BOM and the other Unicode spaces
      if (t !== '') trimmed.push(r);
      id = t;
    }
    if (id === '') {
      if (plain) keptRows ??= rows.slice(0, kept);
      if (row.every((c) => c.trim() === '')) {
        blankRows++;
        continue;
      }
      sink.add({ code: 'empty-id', severity: 'error', message: `${capital(rowLabel(table, r))} has no id in column ${clip(mapping.idColumn)}; the row was left out.`, column: mapping.idColumn, ...rowPlace(table, r), ...at });
      continue;
    }
    if (!seen.add(id)) {
      if (plain) keptRows ??= rows.slice(0, kept);
      dupeRows.push(r);
      continue;
    }
    sourceRows[kept++] = r;
    if (plain) {
      keptRows?.push(row);
      continue;
    }
    let own: Record<string, unknown> | undefined;
    let failed: { p: number; why: string }[] | undefined;
    for (let p = 0; p < nParams; p++) {
      const cell = row[idxs[p] as number] ?? '';
      let value: unknown = cell;
      if (cell === '') {
        if (!emptyMeansEmpty) continue;
      } else {
        const conv = convs[p];
        if (conv) {
          const c = conv(cell);
          if (!c.ok) {
            (failed ??= []).push({ p, why: c.why });
            continue;
          }
          value = c.value;
        }
      }
      own ??= {};
      if (protoKeys) setOwn(own, keys[p] as string, value);
      else own[keys[p] as string] = value;
    }
    if (own) {
      if (id === '__proto__') setOwn(keyed, id, own);
      else keyed[id] = own;
    }
    if (failed) {
      for (const f of failed) {
        const key = keys[f.p] as string;
        const cell = row[idxs[f.p] as number] ?? '';
        sink.add({ code: 'bad-value', severity: 'error', message: `${capital(rowLabel(table, r))}, column ${clip(key)}: ${clip(cell)} ${f.why}; this value was left out for ${clip(id)}.`, column: key, target: id, ...rowPlace(table, r), ...at });
      }
    }
  }
  target = seen.toArray();
  sourceRows.length = kept;
  if (plain) columns = paramColumns(keys, idxs, target, keptRows ?? rows, table.columns.length);

  if (idType && idType !== 'string' && target.length > 0) {
    sink.add({ code: 'id-not-string', severity: 'warning', message: `Ids in column ${clip(mapping.idColumn)} were JSON ${idType === 'number' ? 'numbers' : 'values'}, not strings; their literal text is used (e.g. ${clip(target[0] as string)}).`, column: mapping.idColumn, ...at });
  }
  if (trimmed.length > 0) {
    sink.add({
      code: 'id-whitespace',
      severity: 'warning',
      message: `${plural(trimmed.length, 'id')} had spaces around ${trimmed.length === 1 ? 'it, which were' : 'them, which were'} removed: ${listWithMore(
        trimmed.slice(0, 11).map((r) => rowLabel(table, r)),
        10,
        trimmed.length,
      )}.`,
      column: mapping.idColumn,
      ...rowPlace(table, trimmed[0] as number),
      ...at,
    });
  }
  if (blankRows > 0) sink.add({ code: 'blank-rows', severity: 'info', message: `${plural(blankRows, 'empty row')} ${blankRows === 1 ? 'was' : 'were'} skipped.`, ...at });
  if (dupeRows.length > 0) reportDuplicates(table, idIdx, dupeRows, mapping.idColumn, sink, at);
  // Every kind of target_by: invisible characters; e-mail and phone kinds: the id format too.
  if (target.length > 0) {
    const csv = table.format === 'csv';
    const rowsOf = csv ? sourceRows.map((r) => spreadsheetRow(table, r)) : undefined;
    for (const d of validateIds(opts.targetBy, target, { ...at, ...(rowsOf ? { rows: rowsOf } : { label: (i) => rowLabel(table, sourceRows[i] as number) }) })) sink.add(d);
  }
  return done();
}

/**
 * The columns shape over the kept rows. When every column is the id or a param the rows are used as
 * they are; otherwise they are cut down to the param cells, so unmapped columns (which the user
 * chose not to send) do not travel with the send data to the UI, the host or a saved draft.
 */
function paramColumns(keys: string[], idxs: number[], ids: string[], rows: string[][], width: number): ParamColumns {
  if (keys.length + 1 >= width) return { kind: 'columns', columns: keys, at: idxs, ids, rows };
  const n = keys.length;
  const cut = new Array<string[]>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as string[];
    const out = new Array<string>(n);
    for (let p = 0; p < n; p++) out[p] = row[idxs[p] as number] as string;
    cut[r] = out;
  }
  return { kind: 'columns', columns: keys, at: keys.map((_, p) => p), ids, rows: cut };
}

/** One `duplicate-id` warning per repeated id (shared/targets/duplicates.ts), listing every row; CSV ones carry the ignored spreadsheet rows. */
function reportDuplicates(table: Table, idIdx: number, dupeRows: number[], idColumn: string, sink: DiagnosticSink, at: { file?: string }): void {
  const idAt = (r: number) => (table.rows[r]?.[idIdx] ?? '').trim();
  const dupes = groupRepeats(table.rows.length, dupeRows, idAt);
  for (const d of duplicateDiagnostics(dupes, { label: (r) => rowLabel(table, r), place: (r) => rowPlace(table, r), ...at })) {
    const { indexes, ...diag } = d;
    const out: RowsDiagnostic = { ...diag, column: idColumn };
    if (table.format === 'csv') out.rows = indexes.slice(1).map((r) => spreadsheetRow(table, r) as number);
    sink.add(out);
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
