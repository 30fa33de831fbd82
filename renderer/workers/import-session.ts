/**
 * The import worker's work, kept apart from the worker itself so the parity tests run exactly the
 * app's import: bytes or pasted text → decoded text → table → mapping → targets, off the UI
 * thread, with a progress message after each phase (and per slice while a big table parses).
 * It keeps the parsed table afterwards, so a mapping change (remap) or an export works on it here
 * and only the result crosses back.
 */
import type { Diagnostic } from '../../shared/diagnostics';
import { decodeText } from '../../shared/targets/decode';
import { buildFromTable, readImport } from '../../shared/targets/import';
import { parseProfiles } from '../../shared/targets/profiles';
import { toCsv } from '../../shared/targets/csv-export';
import type { Table } from '../../shared/targets/types';
import type { BuiltData } from '../../shared/targets/import';
import { crossesInParts, headOf, partsOf } from '../../shared/data/parts';
import { isParamColumns, usersWithValuesCount } from '../../shared/campaign/per-user';
import type { BuiltInParts, ImportInput, ImportPhase, ImportReply, ImportRequest, ParsedImport } from './import-protocol';

/** One import job: `handle` answers each request through `post`, keeping the parsed table between requests. */
export function createImportSession(post: (m: ImportReply) => void): (req: ImportRequest) => void {
  /** The table of this job, kept for remap and export. */
  let kept: { table: Table; file: string } | undefined;
  /**
   * The last parse of an id-list candidate, kept so "first line is a header" can read it again (a
   * file's bytes were transferred here and are gone from the window).
   */
  let rereadable: { req: Extract<ImportRequest, { type: 'parse' }>; decoded: { text: string; encoding?: string; diagnostics: Diagnostic[] } } | undefined;

  /**
   * Posts a big built data set in parts ahead of its reply (shared/data/parts.ts) and returns what
   * the reply carries instead: the built data without its targets and per-user values.
   */
  function postInParts(seq: number, built: BuiltData): { built: BuiltData; inParts?: BuiltInParts } {
    const data = { target_by: 'user_id', target: built.target, params: {}, target_with_params: built.target_with_params };
    if (!crossesInParts(data)) return { built };
    post({ type: 'built-head', seq, head: headOf(data) });
    for (const part of partsOf(data)) post({ type: 'built-part', seq, part });
    const v = built.target_with_params;
    return { built: { target: [], target_with_params: isParamColumns(v) ? { ...v, ids: [], rows: [] } : {}, diagnostics: built.diagnostics }, inParts: { usersWithValues: usersWithValuesCount(v) } };
  }

  function countLines(text: string): number {
    let n = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    return n;
  }

  function readText(input: ImportInput, seq: number, timings: Partial<Record<ImportPhase, number>>): { text: string; encoding?: string; diagnostics: Diagnostic[] } {
    if ('text' in input) return { text: input.text, diagnostics: [] };
    if ('blob' in input) throw new Error('the import worker reads a picked file before the session parses it');
    const t0 = performance.now();
    post({ type: 'progress', seq, phase: 'decode', bytes: input.bytes.byteLength });
    const d = decodeText(new Uint8Array(input.bytes), { file: input.file });
    timings.decode = performance.now() - t0;
    return { text: d.text, encoding: d.encoding, diagnostics: d.diagnostics };
  }

  /** Decodes, then reads the import with the one dispatcher the CLI uses too (shared/targets/import.ts). */
  function parse(req: Extract<ImportRequest, { type: 'parse' }>, already?: { text: string; encoding?: string; diagnostics: Diagnostic[] }): ParsedImport {
    const { seq, input } = req;
    const file = input.file;
    const timings: Partial<Record<ImportPhase, number>> = {};
    const decoded = already ?? readText(input, seq, timings);
    let phase: 'parse' | 'map' | 'build' | undefined;
    let t0 = performance.now();
    const r = readImport(decoded.text, {
      file,
      targetBy: req.targetBy,
      ...(req.mapping ? { mapping: req.mapping } : {}),
      ...(req.header ? { header: req.header } : {}),
      // Papaparse runs in slices here (texts over 1 MB), so the dialog counts rows while a big file parses.
      onParseProgress: (rows, fraction) => post({ type: 'progress', seq, phase: 'parse', rows, fraction }),
      onPhase: (next, rows) => {
        const now = performance.now();
        if (phase === 'parse' || phase === 'build') timings[phase] = now - t0;
        phase = next;
        t0 = now;
        post({ type: 'progress', seq, phase: next, rows: rows ?? 0 });
      },
    });
    if (phase === 'parse' || phase === 'build') timings[phase] = performance.now() - t0;
    const table = r.table;
    kept = { table, file };
    rereadable = table.idList ? { req: { ...req, input: { file, text: '' } }, decoded } : undefined;
    post({ type: 'progress', seq, phase: 'done', rows: table.rows.length });
    const { table: _t, diagnostics, built, ...rest } = r;
    return {
      ...rest,
      ...(built ? postInParts(seq, built) : {}),
      file,
      ...(decoded.encoding ? { encoding: decoded.encoding } : {}),
      columns: table.columns,
      rowCount: table.rows.length,
      format: table.format,
      delimiter: table.delimiter,
      ...(table.columnTypes ? { columnTypes: table.columnTypes } : {}),
      diagnostics: [...decoded.diagnostics, ...diagnostics],
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
        post({ type: 'built', seq: req.seq, ...postInParts(req.seq, buildFromTable(kept.table, req.mapping, kept.file, req.targetBy)), mapping: req.mapping });
        return;
      }
      case 'csv': {
        if (!kept) throw new Error('this import has no table any more; import the file again');
        post({ type: 'csv', seq: req.seq, text: toCsv(kept.table.columns, kept.table.rows, { delimiter: kept.table.delimiter ?? ',' }) });
        return;
      }
    }
  }

  return (req) => {
    try {
      handle(req);
    } catch (err) {
      post({ type: 'failed', seq: req.seq, message: err instanceof Error ? err.message : String(err) });
    }
  };
}
