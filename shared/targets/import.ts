/**
 * The one import dispatcher: text (a file's decoded bytes or a paste) → what it is → table,
 * mapping, targets and per-user values, diagnostics. The app's import worker and the CLI's
 * `--targets` both call `readImport`, and `sendDataOf` turns its result into send data for both, so
 * a file means the same thing everywhere. Saved requests (`requests/*.json`) and `--request` go
 * through `readRequest`, the same execute-body reading.
 *
 * What a text is, by its first characters (`detectPaste`), with the file name as a hint:
 * - `curl …` → a curl command; `{` → a Campaign Execute body — unless it has none of a body's keys
 *   and exactly one array (`{"users": [ … ]}`), which is rows;
 * - `[` → JSON rows (a `.json` file is rows whatever it starts with, unless it is a body);
 * - anything else → a delimited table (CSV, TSV, …).
 */
import type { Diagnostic } from '../diagnostics';
import type { PerUserValues } from '../campaign/per-user';
import type { SendData } from '../campaign/send-data';
import type { ColumnMapping, ExecuteBodyData, IdListReading, Table } from './types';
import { parseTargetsTable, type HeaderChoice } from './id-list';
import { executeBodyToTable } from './body-table';
import { parseCurl } from './curl';
import { parseExecuteBody } from './execute-body';
import { parseJsonRows } from './json-rows';
import { buildTargets, defaultMapping } from './mapping';
import { detectPaste, type PasteKind } from './paste';

/** Keys only an execute body has (a rows object has none of them). */
const BODY_KEYS = new Set(['id', 'target_by', 'target', 'params', 'target_with_params', 'apptoken']);

/** Targets and per-user values built from an import, with the diagnostics of building them. */
export interface BuiltData {
  target: string[];
  target_with_params: PerUserValues;
  /** Build diagnostics (mapping, conversion, duplicates, id format). */
  diagnostics: Diagnostic[];
}

/** What an import read: the table the person sees and maps, and the targets built from it. */
export interface ReadImport {
  kind: PasteKind;
  table: Table;
  mapping?: ColumnMapping;
  /** True when the remembered mapping for this file was applied. */
  rememberedMapping?: boolean;
  /** How a plain id list's first line was read (header or id) and why; absent for other tables. */
  idList?: IdListReading;
  built?: BuiltData;
  /** From an execute body or curl command: everything except the targets (never the token). */
  body?: { id?: string; target_by?: string; params?: Record<string, unknown>; hasTargetWithParams?: boolean; extraKeys?: string[] };
  curl?: { url?: string; baseUrl?: string; method?: string };
  /** The app token found in a body, URL or header: for the caller to offer the secret store; never put into send data. */
  secret?: { token?: string; variable?: string; authorization?: boolean };
  /** Parse, map and build diagnostics (the build's are in `built.diagnostics` too, for a remap to replace). */
  diagnostics: Diagnostic[];
}

export interface ReadImportOptions {
  /** File name or a label such as "pasted text" (names the place in diagnostics; `.json` is a hint). */
  file: string;
  /** The campaign's current target_by: the id column is the one named like it. */
  targetBy: string;
  /** A remembered mapping for this file, used when every column it names exists. */
  mapping?: ColumnMapping;
  /** The id column asked for by name (the CLI's --id-column). */
  idColumn?: string;
  /** How to read the first line of a plain id list, overruling the decision (id-list.ts). */
  header?: HeaderChoice;
  /** Called while a big table parses (rows so far, fraction of the text read). */
  onParseProgress?: (rows: number, fraction: number) => void;
  /** Called as each phase starts, for progress and timings. */
  onPhase?: (phase: 'parse' | 'map' | 'build', rows?: number) => void;
}

/** What a text is: a file's extension decides JSON; otherwise its first characters (as a paste). */
export function importKind(text: string, file: string): PasteKind {
  const k = detectPaste(text);
  if (/\.json$/i.test(file) && k === 'table') return 'json-rows';
  return k;
}

/** True when a remembered mapping fits the table (every column it names exists). */
function fits(m: ColumnMapping | undefined, table: Table): m is ColumnMapping {
  return !!m && table.columns.includes(m.idColumn) && m.paramColumns.every((c) => table.columns.includes(c));
}

/** Builds targets from a table with a mapping (also what a remap does). */
export function buildFromTable(table: Table, mapping: ColumnMapping, file: string, targetBy: string): BuiltData {
  const b = buildTargets(table, mapping, { file, targetBy });
  return { target: b.target, target_with_params: b.targetWithParams, diagnostics: b.diagnostics };
}

/** True for a parsed body that is really a rows object: none of a body's keys, exactly one array. */
function isRowsObject(body: ExecuteBodyData): boolean {
  const keys = Object.keys(body);
  return keys.length > 0 && !keys.some((k) => BODY_KEYS.has(k)) && keys.filter((k) => Array.isArray(body[k])).length === 1;
}

/** Reads decoded text as an import. Never throws; unusable input gives error diagnostics. */
export function readImport(text: string, o: ReadImportOptions): ReadImport {
  const { file } = o;
  const diagnostics: Diagnostic[] = [];
  let kind = importKind(text, file);
  o.onPhase?.('parse', 0);
  let table: Table | undefined;
  let mapping: ColumnMapping | undefined;
  let built: BuiltData | undefined;
  let targetBy = o.targetBy;
  const out: Partial<ReadImport> = {};
  if (kind === 'execute-body' || kind === 'curl') {
    let body: ExecuteBodyData | undefined;
    let bodyDiagnostics: Diagnostic[];
    if (kind === 'curl') {
      const c = parseCurl(text, { file });
      bodyDiagnostics = c.diagnostics;
      body = c.body;
      out.curl = { ...(c.url !== undefined ? { url: c.url } : {}), ...(c.baseUrl !== undefined ? { baseUrl: c.baseUrl } : {}), ...(c.method ? { method: c.method } : {}) };
      if (c.apptoken !== undefined || c.apptokenVariable !== undefined || c.authorization !== undefined)
        out.secret = { ...(c.apptoken !== undefined ? { token: c.apptoken } : {}), ...(c.apptokenVariable ? { variable: c.apptokenVariable } : {}), ...(c.authorization ? { authorization: true } : {}) };
    } else {
      const r = parseExecuteBody(text, { file });
      bodyDiagnostics = r.diagnostics;
      body = r.body;
      if (r.apptoken !== undefined || r.apptokenVariable !== undefined) out.secret = { ...(r.apptoken !== undefined ? { token: r.apptoken } : {}), ...(r.apptokenVariable ? { variable: r.apptokenVariable } : {}) };
    }
    if (kind === 'execute-body' && isRowsObject(body ?? {})) {
      kind = 'json-rows';
      delete out.secret;
    } else {
      diagnostics.push(...bodyDiagnostics);
      body ??= {};
      if (typeof body.target_by === 'string' && body.target_by) targetBy = body.target_by;
      const bt = executeBodyToTable(body, { file });
      table = bt.table;
      mapping = bt.mapping;
      // The body's own values, exactly as written (its table is for viewing and re-mapping).
      built = { target: body.target ?? [], target_with_params: body.target_with_params ?? {}, diagnostics: [] };
      out.body = {
        ...(typeof body.id === 'string' ? { id: body.id } : {}),
        ...(typeof body.target_by === 'string' ? { target_by: body.target_by } : {}),
        ...(body.params && typeof body.params === 'object' ? { params: body.params } : {}),
        hasTargetWithParams: !!body.target_with_params,
        extraKeys: Object.keys(body).filter((k) => !BODY_KEYS.has(k)),
      };
    }
  }
  // A delimited table that is a plain id list (one column of ids, or ids on one line) is read as ids (id-list.ts).
  if (!table) table = kind === 'json-rows' ? parseJsonRows(text, { file }) : parseTargetsTable(text, { file, targetBy, ...(o.header ? { header: o.header } : {}), ...(o.onParseProgress ? { onProgress: o.onParseProgress } : {}) });
  diagnostics.push(...table.diagnostics);
  o.onPhase?.('map', table.rows.length);
  // Mapped and built even when parsing found errors: the preview shows what the rest gives (the CLI refuses such input).
  if (!mapping) {
    if (o.idColumn === undefined && fits(o.mapping, table)) {
      mapping = o.mapping;
      out.rememberedMapping = true;
    } else if (table.columns.length > 0) {
      const m = defaultMapping(table, targetBy, o.idColumn);
      diagnostics.push(...m.diagnostics);
      mapping = m.mapping;
    }
  }
  if (!built && mapping && table.columns.length > 0) {
    o.onPhase?.('build', table.rows.length);
    built = buildFromTable(table, mapping, file, targetBy);
    diagnostics.push(...built.diagnostics);
  }
  return { ...out, kind, table, ...(table.idList ? { idList: table.idList } : {}), ...(mapping ? { mapping } : {}), ...(built ? { built } : {}), diagnostics };
}

/**
 * The send data an import gives, on top of the campaign's current data: a body (or curl command)
 * brings its own target_by and params; a table brings only targets and per-user values.
 */
export function sendDataOf(r: Pick<ReadImport, 'kind' | 'built' | 'body'>, current: SendData | undefined, fallbackTargetBy: string): SendData {
  const built = r.built ?? { target: [], target_with_params: {} };
  const fromBody = r.kind === 'execute-body' || r.kind === 'curl';
  return {
    target_by: (fromBody ? r.body?.target_by : undefined) ?? current?.target_by ?? fallbackTargetBy,
    target: built.target,
    params: fromBody ? { ...(r.body?.params ?? {}) } : { ...(current?.params ?? {}) },
    target_with_params: built.target_with_params,
  };
}

/**
 * Reads a saved execute body (a workspace's `requests/*.json`, the CLI's `--request`) as send data,
 * with the body parser's located diagnostics. Its `id` is not used (the campaign file names the
 * campaign); a real token in a workspace file is a warning: tokens belong in the secret store.
 */
export function readRequest(file: string, text: string, fallbackTargetBy: string): { data?: SendData; diagnostics: Diagnostic[] } {
  const r = parseExecuteBody(text, { file });
  // A saved request's id and token are not used (the campaign file names the campaign; the secret store holds the token): only a real token is worth a word.
  const diagnostics = r.diagnostics.filter((d) => d.code !== 'missing-target' && d.path !== 'id' && d.path !== 'apptoken');
  if (r.apptoken !== undefined) diagnostics.push({ code: 'request-token', severity: 'warning', file, path: 'apptoken', message: `${file} contains an apptoken: tokens belong in the secret store, not the workspace; it is ignored` });
  if (diagnostics.some((d) => d.severity === 'error' && (d.code === 'syntax' || d.code === 'not-object'))) return { diagnostics };
  return { data: sendDataOf({ kind: 'execute-body', built: { target: r.body.target ?? [], target_with_params: r.body.target_with_params ?? {}, diagnostics: [] }, body: r.body }, undefined, fallbackTargetBy), diagnostics };
}
