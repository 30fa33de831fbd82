/**
 * The import worker: bytes or pasted text → decoded text → table → mapping → targets, off the UI
 * thread, with a progress message after each phase (and per slice while a big table parses).
 * It keeps the parsed table afterwards, so a mapping change (remap) or an export works on it here
 * and only the result crosses back.
 */
import type { Diagnostic } from '../../shared/diagnostics';
import { decodeText } from '../../shared/targets/decode';
import { parseTargetsTable } from '../../shared/targets/import-file';
import { parseJsonRows } from '../../shared/targets/json-rows';
import { buildTargets, defaultMapping } from '../../shared/targets/mapping';
import { parseExecuteBody } from '../../shared/targets/execute-body';
import { executeBodyToTable } from '../../shared/targets/body-table';
import { parseCurl } from '../../shared/targets/curl';
import { detectPaste, type PasteKind } from '../../shared/targets/paste';
import { parseProfiles } from '../../shared/targets/profiles';
import { toCsv } from '../../shared/targets/csv-export';
import type { ColumnMapping, ExecuteBodyData, Table } from '../../shared/targets/types';
import type { BuiltData, ImportInput, ImportPhase, ImportReply, ImportRequest, ParsedImport } from './import-protocol';

const post = (m: ImportReply) => (self as unknown as Worker).postMessage(m);

/** The table of this job, kept for remap and export. */
let kept: { table: Table; file: string } | undefined;
/**
 * The last parse of an id-list candidate, kept so "first line is a header" can read it again (a
 * file's bytes were transferred here and are gone from the window).
 */
let rereadable: { req: Extract<ImportRequest, { type: 'parse' }>; decoded: { text: string; encoding?: string; diagnostics: Diagnostic[] } } | undefined;

const BODY_KEYS = new Set(['id', 'target_by', 'target', 'params', 'target_with_params', 'apptoken']);

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function readText(input: ImportInput, seq: number, timings: Partial<Record<ImportPhase, number>>): { text: string; encoding?: string; diagnostics: Diagnostic[] } {
  if ('text' in input) return { text: input.text, diagnostics: [] };
  const t0 = performance.now();
  post({ type: 'progress', seq, phase: 'decode', bytes: input.bytes.byteLength });
  const d = decodeText(new Uint8Array(input.bytes), { file: input.file });
  timings.decode = performance.now() - t0;
  return { text: d.text, encoding: d.encoding, diagnostics: d.diagnostics };
}

/** What the text is: a file's extension decides JSON; otherwise its first characters (as a paste). */
function kindOf(text: string, file: string): PasteKind {
  const k = detectPaste(text);
  if (/\.json$/i.test(file) && k === 'table') return 'json-rows';
  return k;
}

/** True when a remembered mapping fits the table (every column it names exists). */
function fits(m: ColumnMapping | undefined, table: Table): m is ColumnMapping {
  return !!m && table.columns.includes(m.idColumn) && m.paramColumns.every((c) => table.columns.includes(c));
}

function build(table: Table, mapping: ColumnMapping, file: string, targetBy: string): BuiltData {
  const b = buildTargets(table, mapping, { file, targetBy });
  return { target: b.target, target_with_params: b.targetWithParams, diagnostics: b.diagnostics };
}

function parse(req: Extract<ImportRequest, { type: 'parse' }>, already?: { text: string; encoding?: string; diagnostics: Diagnostic[] }): ParsedImport {
  const { seq, input } = req;
  const file = input.file;
  const timings: Partial<Record<ImportPhase, number>> = {};
  const decoded = already ?? readText(input, seq, timings);
  const diagnostics: Diagnostic[] = [...decoded.diagnostics];
  const kind = kindOf(decoded.text, file);
  post({ type: 'progress', seq, phase: 'parse', rows: 0 });
  let t0 = performance.now();
  let table: Table;
  let mapping: ColumnMapping | undefined;
  let remembered = false;
  let targetBy = req.targetBy;
  const out: Partial<ParsedImport> = {};
  if (kind === 'execute-body' || kind === 'curl') {
    let body: ExecuteBodyData | undefined;
    if (kind === 'curl') {
      const c = parseCurl(decoded.text, { file });
      diagnostics.push(...c.diagnostics);
      body = c.body;
      out.curl = { ...(c.url !== undefined ? { url: c.url } : {}), ...(c.baseUrl !== undefined ? { baseUrl: c.baseUrl } : {}), ...(c.method ? { method: c.method } : {}) };
      if (c.apptoken !== undefined || c.apptokenVariable !== undefined || c.authorization !== undefined) {
        out.secret = { ...(c.apptoken !== undefined ? { token: c.apptoken } : {}), ...(c.apptokenVariable ? { variable: c.apptokenVariable } : {}), ...(c.authorization ? { authorization: true } : {}) };
      }
    } else {
      const r = parseExecuteBody(decoded.text, { file });
      diagnostics.push(...r.diagnostics);
      body = r.body;
      if (r.apptoken !== undefined || r.apptokenVariable !== undefined) out.secret = { ...(r.apptoken !== undefined ? { token: r.apptoken } : {}), ...(r.apptokenVariable ? { variable: r.apptokenVariable } : {}) };
    }
    body ??= {};
    if (typeof body.target_by === 'string' && body.target_by) targetBy = body.target_by;
    const bt = executeBodyToTable(body, { file });
    table = bt.table;
    mapping = bt.mapping;
    out.body = {
      ...(typeof body.id === 'string' ? { id: body.id } : {}),
      ...(typeof body.target_by === 'string' ? { target_by: body.target_by } : {}),
      ...(body.params && typeof body.params === 'object' ? { params: body.params } : {}),
      hasTargetWithParams: !!body.target_with_params,
      extraKeys: Object.keys(body).filter((k) => !BODY_KEYS.has(k)),
    };
  } else {
    // Papaparse runs in slices here (texts over 1 MB), so the dialog counts rows while a big file parses.
    const onProgress = (rows: number, fraction: number) => post({ type: 'progress', seq, phase: 'parse', rows, fraction });
    table = kind === 'json-rows' ? parseJsonRows(decoded.text, { file }) : parseTargetsTable(decoded.text, { file, onProgress, targetBy, ...(req.header ? { header: req.header } : {}) });
    rereadable = table.idList ? { req: { ...req, input: { file, text: '' } }, decoded } : undefined;
  }
  diagnostics.push(...table.diagnostics);
  timings.parse = performance.now() - t0;
  post({ type: 'progress', seq, phase: 'map', rows: table.rows.length });
  if (!mapping) {
    if (fits(req.mapping, table)) {
      mapping = req.mapping;
      remembered = true;
    } else if (table.columns.length > 0) {
      const m = defaultMapping(table, targetBy);
      diagnostics.push(...m.diagnostics);
      mapping = m.mapping;
    }
  }
  kept = { table, file };
  let built: BuiltData | undefined;
  if (mapping && table.columns.length > 0) {
    post({ type: 'progress', seq, phase: 'build', rows: table.rows.length });
    t0 = performance.now();
    built = build(table, mapping, file, targetBy);
    timings.build = performance.now() - t0;
  }
  post({ type: 'progress', seq, phase: 'done', rows: table.rows.length });
  return {
    ...out,
    kind,
    file,
    ...(decoded.encoding ? { encoding: decoded.encoding } : {}),
    columns: table.columns,
    rowCount: table.rows.length,
    format: table.format,
    delimiter: table.delimiter,
    ...(table.columnTypes ? { columnTypes: table.columnTypes } : {}),
    ...(mapping ? { mapping } : {}),
    ...(table.idList ? { idList: table.idList } : {}),
    ...(remembered ? { rememberedMapping: true } : {}),
    ...(built ? { built } : {}),
    diagnostics,
    timings,
  };
}

function handle(req: ImportRequest): void {
  switch (req.type) {
    case 'parse':
      post({ type: 'parsed', seq: req.seq, result: parse(req) });
      return;
    case 'profiles': {
      const timings: Partial<Record<ImportPhase, number>> = {};
      const decoded = readText(req.input, req.seq, timings);
      post({ type: 'progress', seq: req.seq, phase: 'profiles', rows: countLines(decoded.text) });
      const t0 = performance.now();
      const r = parseProfiles(decoded.text, { file: req.input.file });
      timings.profiles = performance.now() - t0;
      post({ type: 'profiles', seq: req.seq, result: { file: req.input.file, profiles: r.profiles, count: Object.keys(r.profiles).length, diagnostics: [...decoded.diagnostics, ...r.diagnostics], timings } });
      return;
    }
    case 'reread': {
      if (!rereadable) throw new Error('this import cannot be read again; paste or import it again');
      post({ type: 'parsed', seq: req.seq, result: parse({ ...rereadable.req, seq: req.seq, header: req.header }, rereadable.decoded) });
      return;
    }
    case 'remap': {
      if (!kept) throw new Error('this import has no table any more; import the file again');
      post({ type: 'built', seq: req.seq, built: build(kept.table, req.mapping, kept.file, req.targetBy), mapping: req.mapping });
      return;
    }
    case 'csv': {
      if (!kept) throw new Error('this import has no table any more; import the file again');
      post({ type: 'csv', seq: req.seq, text: toCsv(kept.table.columns, kept.table.rows, { delimiter: kept.table.delimiter ?? ',' }) });
      return;
    }
  }
}

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  try {
    handle(e.data);
  } catch (err) {
    post({ type: 'failed', seq: e.data.seq, message: err instanceof Error ? err.message : String(err) });
  }
};
