/**
 * Profile attributes for preview (stand-ins for what the platform stores on each user): a CSV/TSV
 * table, a JSON object keyed by id, or a JSON array of objects.
 */
import type { Diagnostic } from '../diagnostics';
import type { Table } from './types';
import { type JsonNode, kindName, parseJson, scalarText, toPlain } from './json';
import { jsonSyntaxDiagnostic } from './json-rows';
import { normalizeColumnName } from './mapping';
import { rowLabel, rowPlace } from './place';
import { parseTable } from './table';
import { DiagnosticSink, LineIndex, clip, has, setOwn } from './text';
import { duplicateDiagnostics, findDuplicates, repeatIndexes } from './duplicates';

/** Profiles keyed by id, and what was wrong with the input. */
export interface ParsedProfiles {
  profiles: Record<string, Record<string, unknown>>;
  diagnostics: Diagnostic[];
}

/** Options for `parseProfiles`. */
export interface ParseProfilesOptions {
  file?: string;
  /** The column (or JSON key) holding the id; default `user_id`, then `id`, then the first. */
  idColumn?: string;
}

const ID_NAMES = ['user_id', 'id'];

function pickIdColumn(columns: readonly string[], wanted: string | undefined): string | undefined {
  if (wanted !== undefined) return columns.find((c) => c === wanted) ?? columns.find((c) => normalizeColumnName(c) === normalizeColumnName(wanted));
  for (const n of ID_NAMES) {
    const c = columns.find((x) => normalizeColumnName(x) === n);
    if (c !== undefined) return c;
  }
  return columns[0];
}

/**
 * Reads profiles from text (JSON `{id: {attr: value}}`, a JSON array of objects, or CSV/TSV) or from
 * an already parsed table. Table cells stay strings and empty cells add no attribute; duplicate ids
 * keep the first; rows without an id are errors. Never throws.
 */
export function parseProfiles(input: string | Table, opts: ParseProfilesOptions = {}): ParsedProfiles {
  if (typeof input !== 'string') return fromTable(input, opts);
  const t = input.replace(/^[\ufeff\s]+/, '');
  if (t.startsWith('{') || t.startsWith('[')) return fromJson(input, opts);
  const table = parseTable(input, opts.file ? { file: opts.file } : {});
  const r = fromTable(table, opts);
  return { profiles: r.profiles, diagnostics: [...table.diagnostics, ...r.diagnostics] };
}

function fromTable(table: Table, opts: ParseProfilesOptions): ParsedProfiles {
  const at = opts.file ? { file: opts.file } : {};
  const sink = new DiagnosticSink();
  const profiles: Record<string, Record<string, unknown>> = {};
  const idCol = pickIdColumn(table.columns, opts.idColumn);
  if (idCol === undefined) {
    sink.add({ code: table.columns.length === 0 ? 'empty' : 'missing-column', severity: 'error', message: table.columns.length === 0 ? 'There are no profiles to read.' : `There is no column named ${clip(opts.idColumn ?? '')} for the profile ids.`, ...at });
    return { profiles, diagnostics: sink.finish() };
  }
  const idIdx = table.columns.indexOf(idCol);
  const ids: string[] = [];
  const rowOf: number[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r] as string[];
    const id = (row[idIdx] ?? '').trim();
    if (id === '') {
      if (row.some((c) => c.trim() !== '')) sink.add({ code: 'empty-id', severity: 'error', message: `${rowLabel(table, r)} has no id in column ${clip(idCol)}; it was left out.`, column: idCol, ...rowPlace(table, r), ...at });
      continue;
    }
    ids.push(id);
    rowOf.push(r);
  }
  const dupes = findDuplicates(ids);
  const repeat = repeatIndexes(dupes);
  for (let k = 0; k < ids.length; k++) {
    if (repeat.has(k)) continue;
    const row = table.rows[rowOf[k] as number] as string[];
    const attrs: Record<string, unknown> = {};
    for (let c = 0; c < table.columns.length; c++) {
      const cell = row[c] as string;
      if (c === idIdx || cell === '') continue;
      setOwn(attrs, table.columns[c] as string, cell);
    }
    setOwn(profiles, ids[k] as string, attrs);
  }
  for (const { indexes: _, ...d } of duplicateDiagnostics(dupes, { noun: 'Profile', label: (k) => rowLabel(table, rowOf[k] as number), place: (k) => rowPlace(table, rowOf[k] as number), ...at })) sink.add(d);
  return { profiles, diagnostics: sink.finish() };
}

function fromJson(text: string, opts: ParseProfilesOptions): ParsedProfiles {
  const at = opts.file ? { file: opts.file } : {};
  const profiles: Record<string, Record<string, unknown>> = {};
  const parsed = parseJson(text);
  if (!parsed.ok) return { profiles, diagnostics: [jsonSyntaxDiagnostic(text, parsed.message, parsed.offset, opts.file)] };
  const lines = new LineIndex(text);
  const sink = new DiagnosticSink();
  const where = (n: { start: number }) => {
    const p = lines.position(n.start);
    return { line: p.line, column: p.column };
  };
  const root = parsed.node;
  const plain = (n: JsonNode) => toPlain(n) as Record<string, unknown>;
  if (root.kind === 'object') {
    for (const e of root.entries) {
      if (e.value.kind !== 'object') {
        sink.add({ code: 'bad-type', severity: 'error', message: `The profile for ${clip(e.key)} must be an object of attributes, but it is ${kindName(e.value)}.`, path: e.key, target: e.key, ...where(e.value), ...at });
        continue;
      }
      if (has(profiles, e.key)) sink.add({ code: 'duplicate-id', severity: 'warning', message: `Profile ${clip(e.key)} appears more than once; the first is used.`, path: e.key, target: e.key, ...where(e.value), ...at });
      else setOwn(profiles, e.key, plain(e.value));
    }
    return { profiles, diagnostics: sink.finish() };
  }
  if (root.kind !== 'array') {
    sink.add({ code: 'bad-type', severity: 'error', message: `Profiles must be a JSON object keyed by id or an array of objects, but this is ${kindName(root)}.`, ...where(root), ...at });
    return { profiles, diagnostics: sink.finish() };
  }
  const found: { id: string; i: number; item: JsonNode & { kind: 'object' }; idKey: string }[] = [];
  root.items.forEach((item, i) => {
    if (item.kind !== 'object') {
      sink.add({ code: 'not-object', severity: 'error', message: `Item [${i}] is ${kindName(item)}, not a profile object; it was left out.`, path: `[${i}]`, ...where(item), ...at });
      return;
    }
    const keys = item.entries.map((e) => e.key);
    const idKey = pickIdColumn(keys, opts.idColumn);
    const idEntry = item.entries.find((e) => e.key === idKey);
    const id = idEntry ? scalarText(idEntry.value) : undefined;
    if (!idEntry || id === undefined || id.trim() === '') {
      sink.add({ code: 'empty-id', severity: 'error', message: `Item [${i}] has no usable id${idKey ? ` in ${clip(idKey)}` : ''}; it was left out.`, path: `[${i}]`, ...where(item), ...at });
      return;
    }
    if (idEntry.value.kind !== 'string') sink.add({ code: 'id-not-string', severity: 'warning', message: `Item [${i}] has the id ${id} as ${kindName(idEntry.value)}; its literal text is used.`, path: `[${i}].${idEntry.key}`, ...where(idEntry.value), ...at });
    found.push({ id, i, item, idKey: idEntry.key });
  });
  const dupes = findDuplicates(found.map((f) => f.id));
  const repeat = repeatIndexes(dupes);
  found.forEach((f, k) => {
    if (repeat.has(k)) return;
    const attrs = plain(f.item);
    delete attrs[f.idKey];
    setOwn(profiles, f.id, attrs);
  });
  const item = (k: number) => found[k] as (typeof found)[number];
  for (const { indexes: _, ...d } of duplicateDiagnostics(dupes, { noun: 'Profile', label: (k) => `item [${item(k).i}]`, place: (k) => ({ path: `[${item(k).i}]`, ...where(item(k).item) }), ...at })) sink.add(d);
  return { profiles, diagnostics: sink.finish() };
}
