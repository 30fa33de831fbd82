/**
 * JSON → Table: an array of objects (columns = union of keys in first-seen order), or an array of
 * plain ids. Cells become strings like every other path; numbers keep their literal text and the
 * column's type is remembered so mapping gives the numbers back.
 */
import type { Diagnostic } from '../diagnostics';
import type { ParamType, Table } from './types';
import { type JsonNode, kindName, parseJson, toPlain } from './json';
import { DiagnosticSink, LineIndex, clip, listWithMore } from './text';
import { cleanJsonRows } from './json-rows-fast';

/** Options for `parseJsonRows`. */
export interface ParseJsonRowsOptions {
  file?: string;
  /** Column name for an array of plain ids (`["u1", "u2"]`); default `id`. */
  idColumn?: string;
}

/** Which kinds of value a column held, to pick its type. */
interface Kinds {
  string: number;
  number: number;
  boolean: number;
  complex: number;
  firstNumberItem: number;
}

function typeOf(k: Kinds): ParamType {
  if (k.complex > 0) return 'json';
  if (k.boolean > 0) return k.string + k.number === 0 ? 'boolean' : 'json';
  if (k.number > 0) return k.string === 0 ? 'number' : 'string';
  return 'string';
}

/** The cell text for a value in a column of the given type (JSON columns hold JSON text). */
function cellText(node: JsonNode, type: ParamType): string {
  switch (node.kind) {
    case 'null':
      return type === 'json' ? 'null' : ''; // elsewhere null means "no value", like an empty cell
    case 'string':
      return type === 'json' ? JSON.stringify(node.value) : node.value;
    case 'number':
      return node.raw;
    case 'boolean':
      return node.value ? 'true' : 'false';
    default:
      return JSON.stringify(toPlain(node));
  }
}

/** A JSON syntax error as a located diagnostic. */
export function jsonSyntaxDiagnostic(text: string, message: string, offset: number, file?: string): Diagnostic {
  const pos = new LineIndex(text).position(offset);
  return { code: 'syntax', severity: 'error', message: `JSON syntax error at line ${pos.line}, column ${pos.column}: ${message}`, line: pos.line, column: pos.column, ...(file ? { file } : {}) };
}

/**
 * Parses a JSON array of objects (or of ids) into a table. Syntax errors name line and column;
 * items that are not objects, nested values and non-string values are reported with their line.
 * `{ "users": [ … ] }` with a single array property is accepted (with a note). Never throws.
 */
export function parseJsonRows(text: string, opts: ParseJsonRowsOptions = {}): Table {
  // The common clean case (an array of objects of strings) reads with JSON.parse to the same table (json-rows-fast.ts).
  return cleanJsonRows(text) ?? parseJsonRowsLocated(text, opts);
}

/** The located reader alone (every text it reads, diagnostics or not); exported for the fast path's parity test. */
export function parseJsonRowsLocated(text: string, opts: ParseJsonRowsOptions = {}): Table {
  const file = opts.file;
  const at = file ? { file } : {};
  const empty = (diagnostics: Diagnostic[]): Table => ({ columns: [], rows: [], delimiter: null, format: 'json', diagnostics });
  const parsed = parseJson(text);
  if (!parsed.ok) return empty([jsonSyntaxDiagnostic(text, parsed.message, parsed.offset, file)]);
  const lines = new LineIndex(text);
  const sink = new DiagnosticSink();
  const where = (n: { start: number }) => {
    const p = lines.position(n.start);
    return { line: p.line, column: p.column };
  };

  let root = parsed.node;
  if (root.kind === 'object') {
    const arrays = root.entries.filter((e) => e.value.kind === 'array');
    const only = arrays[0];
    const looksLikeBody = root.entries.some((e) => e.key === 'target' || e.key === 'target_with_params' || e.key === 'target_by');
    if (arrays.length === 1 && only && !looksLikeBody) {
      sink.add({ code: 'unwrapped', severity: 'info', message: `Rows were read from the array in ${clip(only.key)}.`, ...where(only.value), ...at });
      root = only.value;
    } else {
      return empty([
        { code: 'not-rows', severity: 'error', message: looksLikeBody ? 'This is a Campaign Execute body, not a list of rows: paste it as an execute body.' : 'Expected a JSON array of objects (one per user), but the text is a single object.', ...where(root), ...at },
      ]);
    }
  }
  if (root.kind !== 'array') {
    return empty([{ code: 'not-rows', severity: 'error', message: `Expected a JSON array of objects (one per user), but the text is ${kindName(root)}.`, ...where(root), ...at }]);
  }
  const items = root.items;
  if (items.length === 0) {
    sink.add({ code: 'no-rows', severity: 'warning', message: 'The JSON array is empty: there are no rows to import.', ...where(root), ...at });
    return { ...empty(sink.finish()) };
  }

  // An array of ids: one column.
  if (!items.some((n) => n.kind === 'object')) return idArray(items, opts.idColumn ?? 'id', sink, where, at);

  const colIndex = new Map<string, number>();
  const columns: string[] = [];
  const kinds: Kinds[] = [];
  const objects: (JsonNode & { kind: 'object' })[] = [];
  const rowLines: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as JsonNode;
    if (item.kind !== 'object') {
      sink.add({ code: 'not-object', severity: 'error', message: `Item [${i}] is ${kindName(item)}, not an object; it was left out.`, path: `[${i}]`, ...where(item), ...at });
      continue;
    }
    objects.push(item);
    rowLines.push(lines.position(item.start).line);
    const seenHere = new Set<string>();
    for (const e of item.entries) {
      let c = colIndex.get(e.key);
      if (c === undefined) {
        c = columns.length;
        colIndex.set(e.key, c);
        columns.push(e.key);
        kinds.push({ string: 0, number: 0, boolean: 0, complex: 0, firstNumberItem: -1 });
      }
      if (seenHere.has(e.key)) sink.add({ code: 'duplicate-key', severity: 'warning', message: `Item [${i}] has the key ${clip(e.key)} more than once; the last value is used.`, path: `[${i}].${e.key}`, ...where(e.value), ...at });
      seenHere.add(e.key);
      const k = kinds[c] as Kinds;
      const v = e.value;
      if (v.kind === 'string') k.string++;
      else if (v.kind === 'number') {
        k.number++;
        if (k.firstNumberItem < 0) k.firstNumberItem = i;
      } else if (v.kind === 'boolean') k.boolean++;
      else if (v.kind !== 'null') k.complex++;
    }
  }

  const types = kinds.map(typeOf);
  const width = columns.length;
  const rows: string[][] = [];
  for (const obj of objects) {
    const row = new Array<string>(width).fill('');
    for (const e of obj.entries) {
      const c = colIndex.get(e.key) as number;
      row[c] = cellText(e.value, types[c] as ParamType);
    }
    rows.push(row);
  }
  const columnTypes: Record<string, ParamType> = {};
  let anyTyped = false;
  for (let c = 0; c < width; c++) {
    const t = types[c] as ParamType;
    const k = kinds[c] as Kinds;
    const name = columns[c] as string;
    if (t !== 'string') {
      anyTyped = true;
      Object.defineProperty(columnTypes, name, { value: t, enumerable: true, writable: true, configurable: true });
    }
    if (k.number > 0 && k.string > 0) {
      sink.add({ code: 'mixed-types', severity: 'warning', message: `Column ${clip(name)} mixes strings and numbers; the numbers are kept as their literal text (first at item [${k.firstNumberItem}]).`, column: name, ...at });
    } else if (t === 'json' && k.complex === 0) {
      sink.add({ code: 'mixed-types', severity: 'warning', message: `Column ${clip(name)} mixes different kinds of values; its cells hold JSON text.`, column: name, ...at });
    }
  }
  const table: Table = { columns, rows, delimiter: null, format: 'json', diagnostics: sink.finish(), rowLines };
  if (anyTyped) table.columnTypes = columnTypes;
  // With items left out, rows no longer match array indexes; rowLines still place each row.
  return table;
}

function idArray(items: JsonNode[], column: string, sink: DiagnosticSink, where: (n: { start: number }) => { line: number; column: number }, at: { file?: string }): Table {
  const rows: string[][] = [];
  const rowLines: number[] = [];
  const numbers: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const n = items[i] as JsonNode;
    if (n.kind === 'string' || n.kind === 'number') {
      if (n.kind === 'number') numbers.push(i);
      rows.push([n.kind === 'string' ? n.value : n.raw]);
      rowLines.push(where(n).line);
    } else sink.add({ code: 'bad-id', severity: 'error', message: `Item [${i}] is ${kindName(n)}, not an id (a string); it was left out.`, path: `[${i}]`, ...where(n), ...at });
  }
  if (numbers.length > 0) {
    const first = items[numbers[0] as number] as JsonNode;
    sink.add({
      code: 'id-not-string',
      severity: 'warning',
      message: `${numbers.length === 1 ? 'An id is a JSON number' : `${numbers.length} ids are JSON numbers`}, not strings; their literal text is used: ${listWithMore(
        numbers.slice(0, 6).map((i) => `[${i}] ${(items[i] as JsonNode & { kind: 'number' }).raw}`),
        5,
        numbers.length,
      )}.`,
      path: `[${numbers[0]}]`,
      ...where(first),
      ...at,
    });
  }
  return { columns: [column], rows, delimiter: null, format: 'json', diagnostics: sink.finish(), rowLines };
}
