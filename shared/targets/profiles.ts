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
import { DiagnosticSink, LineIndex, clip, has, listWithMore, setOwn } from './text';

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
  const dupes = new Map<string, number[]>();
  const first = new Map<string, number>();
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r] as string[];
    const id = (row[idIdx] ?? '').trim();
    if (id === '') {
      if (row.some((c) => c.trim() !== '')) sink.add({ code: 'empty-id', severity: 'error', message: `${rowLabel(table, r)} has no id in column ${clip(idCol)}; it was left out.`, column: idCol, ...rowPlace(table, r), ...at });
      continue;
    }
    const f = first.get(id);
    if (f !== undefined) {
      const l = dupes.get(id);
      if (l) l.push(r);
      else dupes.set(id, [f, r]);
      continue;
    }
    first.set(id, r);
    const attrs: Record<string, unknown> = {};
    for (let c = 0; c < table.columns.length; c++) {
      const cell = row[c] as string;
      if (c === idIdx || cell === '') continue;
      setOwn(attrs, table.columns[c] as string, cell);
    }
    setOwn(profiles, id, attrs);
  }
  for (const [id, rows] of dupes) {
    sink.add({ code: 'duplicate-id', severity: 'warning', message: `Profile ${clip(id)} appears on ${listWithMore(rows.map((r) => rowLabel(table, r)), 20)}; the first is used.`, target: id, ...rowPlace(table, rows[1] as number), ...at });
  }
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
    if (has(profiles, id)) {
      sink.add({ code: 'duplicate-id', severity: 'warning', message: `Profile ${clip(id)} appears more than once (again at item [${i}]); the first is used.`, path: `[${i}]`, target: id, ...where(item), ...at });
      return;
    }
    const attrs = plain(item);
    delete attrs[idEntry.key];
    setOwn(profiles, id, attrs);
  });
  return { profiles, diagnostics: sink.finish() };
}
