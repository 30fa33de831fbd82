/**
 * CSV/TSV text → Table. Papaparse does the quoting rules; this file adds what a user needs on top:
 * delimiter detection among , ; tab |, spreadsheet row numbers (header = row 1) and source lines in
 * every error, ragged-row, quote and header checks, and cells that are always exact strings.
 */
import Papa from 'papaparse';
import type { Diagnostic } from '../diagnostics';
import type { Delimiter, Table } from './types';
import { DiagnosticSink, LineIndex, clip, listWithMore } from './text';

/** The delimiters detection considers, in the order ties are broken (tab first: Excel pastes TSV). */
export const DELIMITERS: readonly Delimiter[] = ['\t', ';', ',', '|'];

/** Options for `parseTable`. */
export interface ParseTableOptions {
  /** File name or label ("pasted text") used in diagnostics. */
  file?: string;
  /** Force a delimiter instead of detecting it. */
  delimiter?: Delimiter;
  /**
   * Called with the number of records parsed so far and the fraction of the text read (0–1) while a
   * text over 1 MB is parsed (after each of up to 8 slices), for a progress bar. Without it the text
   * is parsed in one call, which is faster.
   */
  onProgress?: (rowsParsed: number, fraction: number) => void;
}

/**
 * Smallest slice when parsing with progress: papaparse guesses line endings from the first 1 MB, so
 * slices of at least that give the same guess as one call. Larger texts are cut into about 8 slices
 * (each slice costs a few ms of papaparse set-up and re-joining; 8 updates make a smooth bar).
 */
const PROGRESS_CHUNK = 1 << 20;
const PROGRESS_SLICES = 8;

interface PapaOutput {
  data: string[][];
  errors: Papa.ParseError[];
}

/**
 * Papaparse in slices, reporting rows as it goes. The result equals one `Papa.parse` call: rows are
 * concatenated, error rows and offsets are made absolute, and errors papaparse raised for the
 * incomplete last record of a slice are dropped (that record is parsed again with the next slice).
 */
function parseInSlices(text: string, config: Papa.ParseConfig<string[]>, onProgress: (rows: number, fraction: number) => void): PapaOutput {
  const data: string[][] = [];
  const errors: Papa.ParseError[] = [];
  let base = 0; // offset of this slice's text (its carried-over partial record included)
  let slices = 0;
  const size = Math.max(PROGRESS_CHUNK, Math.ceil(text.length / PROGRESS_SLICES));
  Papa.parse<string[]>(text, {
    ...config,
    chunkSize: size,
    chunk: (r: Papa.ParseResult<string[]>) => {
      const rows = r.data;
      const last = ++slices * size >= text.length;
      for (const e of r.errors) {
        if (!last && e.row !== undefined && e.row >= rows.length) continue;
        errors.push({ ...e, ...(e.row !== undefined ? { row: e.row + data.length } : {}), ...(e.index !== undefined ? { index: e.index + base } : {}) });
      }
      for (let i = 0; i < rows.length; i++) data.push(rows[i] as string[]);
      base = r.meta.cursor;
      onProgress(data.length, Math.min(1, r.meta.cursor / text.length));
    },
    complete: () => undefined,
  });
  return { data, errors };
}

const DELIM_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** Human name of a delimiter for messages and UI ("tab", "semicolon"). */
export function delimiterName(d: Delimiter): string {
  return DELIM_NAMES[d];
}

/**
 * Guesses the delimiter from the first 50 records (at most 64 KB), counting candidates outside
 * quotes: the winner appears in the header and the same number of times in the most records.
 * A single-column file has none; then `fallback` (from the file extension) or comma.
 */
export function sniffDelimiter(text: string, fallback?: Delimiter): Delimiter {
  const limit = Math.min(text.length, 65536);
  const records: number[][] = [];
  let counts = [0, 0, 0, 0];
  let inQuotes = false;
  let fieldStart = true;
  let nonEmpty = false;
  let i = 0;
  for (; i < limit && records.length < 50; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 10 || c === 13) {
      if (nonEmpty) records.push(counts);
      counts = [0, 0, 0, 0];
      nonEmpty = false;
      fieldStart = true;
      continue;
    }
    nonEmpty = true;
    const k = c === 9 ? 0 : c === 59 ? 1 : c === 44 ? 2 : c === 124 ? 3 : -1;
    if (k >= 0) {
      (counts[k] as number)++;
      fieldStart = true;
      continue;
    }
    // Papaparse only treats a quote at the start of a field as quoting; `5" screen` is literal.
    if (c === 34 && fieldStart) inQuotes = true;
    fieldStart = false;
  }
  if (i >= text.length && nonEmpty) records.push(counts);
  const header = records[0];
  if (!header) return fallback ?? ',';
  let best = -1;
  let bestScore = -1;
  const order = fallback ? [DELIMITERS.indexOf(fallback), 0, 1, 2, 3] : [0, 1, 2, 3];
  for (const k of order) {
    const h = header[k] as number;
    if (h === 0) continue;
    let consistent = 0;
    for (let r = 1; r < records.length; r++) if ((records[r] as number[])[k] === h) consistent++;
    // Consistency dominates; among equally consistent candidates more columns wins.
    const score = consistent * 1000 + Math.min(h, 999);
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best >= 0 ? (DELIMITERS[best] as Delimiter) : (fallback ?? ',');
}

/** The delimiter a file name suggests (`.tsv`/`.tab` → tab), used as the detection fallback. */
export function delimiterForFile(file: string | undefined): Delimiter | undefined {
  if (!file) return undefined;
  const f = file.toLowerCase();
  return f.endsWith('.tsv') || f.endsWith('.tab') ? '\t' : f.endsWith('.csv') ? ',' : undefined;
}

function emptyTable(delimiter: Delimiter, diagnostics: Diagnostic[]): Table {
  return { columns: [], rows: [], delimiter, format: 'csv', diagnostics };
}

/**
 * Parses CSV/TSV text into a table of string cells (no type guessing: `00123` and `1e5` stay text).
 * Blank lines are skipped (row numbers still count them, as a spreadsheet would); a row with too
 * many or too few cells is an error naming its row, line and text, and is padded or cut to the
 * header's width so the rest of the file stays usable. Never throws.
 */
export function parseTable(text: string, opts: ParseTableOptions = {}): Table {
  const file = opts.file;
  const at = file ? { file } : {};
  const sink = new DiagnosticSink();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const hasCr = text.indexOf('\r') !== -1;
  if (hasCr) text = normalizeMixedLineEndings(text);
  const delimiter = opts.delimiter ?? sniffDelimiter(text, delimiterForFile(file));

  let data: string[][];
  let errors: Papa.ParseError[];
  try {
    const config: Papa.ParseConfig<string[]> = { delimiter, header: false, dynamicTyping: false, skipEmptyLines: false, quoteChar: '"', escapeChar: '"' };
    // Without any CR papaparse's line-ending guess can only say LF: skip it (it copies and scans 1 MB).
    if (!hasCr) config.newline = '\n';
    const r = opts.onProgress && text.length > PROGRESS_CHUNK ? parseInSlices(text, config, opts.onProgress) : Papa.parse<string[]>(text, config);
    data = r.data;
    errors = r.errors;
  } catch (e) {
    return emptyTable(delimiter, [{ code: 'internal', severity: 'error', message: `The table could not be read: ${String(e)}`, ...at }]);
  }

  let h = 0;
  while (h < data.length && isBlankLine(data[h] as string[])) h++;
  const header = data[h];
  if (!header) {
    return emptyTable(delimiter, [{ code: 'empty', severity: 'error', message: 'There is nothing to import: the text has no header row.', ...at }]);
  }
  const columns = header;
  const width = columns.length;

  // Source lines: equal to row numbers unless a quoted cell spans lines (only possible with quotes).
  // Counting LFs first avoids scanning every cell when no cell spans lines (the usual case).
  let dataLines: Int32Array | null = null;
  if (text.indexOf('"') !== -1 && countLf(text) > data.length - 1) {
    dataLines = new Int32Array(data.length);
    let extra = 0;
    for (let r = 0; r < data.length; r++) {
      dataLines[r] = r + 1 + extra;
      for (const cell of data[r] as string[]) if (cell.length > 0 && cell.indexOf('\n') !== -1) extra += countLf(cell);
    }
    if (extra === 0) dataLines = null;
  }
  const lineOf = (r: number) => (dataLines ? (dataLines[r] as number) : r + 1);

  const seen = new Map<string, number>();
  for (let c = 0; c < width; c++) {
    const name = columns[c] as string;
    if (name.trim() === '') {
      sink.add({ code: 'empty-header', severity: 'error', message: `Column ${c + 1} has no name in the header row; give it one (or delete the column).`, row: h + 1, column: c + 1, line: lineOf(h), ...at });
      continue;
    }
    const first = seen.get(name);
    if (first === undefined) seen.set(name, c);
    else sink.add({ code: 'duplicate-column', severity: 'error', message: `Column ${c + 1} is named ${clip(name)} like column ${first + 1}; column names must be unique to map them.`, row: h + 1, column: c + 1, line: lineOf(h), ...at });
  }

  // Quote errors first: their rows then get no ragged-row error (it would only repeat the cause).
  const quoteRows = new Set<number>();
  let lines: LineIndex | null = null;
  for (const e of errors) {
    if (e.type !== 'Quotes' || e.row === undefined || quoteRows.has(e.row)) continue;
    quoteRows.add(e.row);
    lines ??= new LineIndex(text);
    // Papaparse reports the offset just after the opening quote; point at the quote itself.
    let offset = e.index ?? 0;
    if (offset > 0 && text.charCodeAt(offset - 1) === 34) offset--;
    const pos = lines.position(offset);
    const snippet = clip(text.slice(offset, offset + 40));
    const message =
      e.code === 'InvalidQuotes'
        ? `A quoted cell has text after its closing quote at line ${pos.line}, column ${pos.column}: ${snippet}. Inside a quoted cell write a quote as "" — everything up to the next lone quote was read into this cell.`
        : `A quote opened at line ${pos.line}, column ${pos.column} is never closed, so the rest of the file was read into one cell: ${snippet}.`;
    sink.add({ code: e.code === 'InvalidQuotes' ? 'malformed-quote' : 'unbalanced-quote', severity: 'error', message, row: e.row + 1, line: pos.line, column: pos.column, ...at });
  }

  const rows: string[][] = [];
  // Spreadsheet row numbers are only needed once a line was skipped; until then row i is i + 2.
  let rowNumbers: number[] | undefined;
  const skip = () => {
    if (rowNumbers) return;
    rowNumbers = new Array<number>(rows.length);
    for (let i = 0; i < rows.length; i++) rowNumbers[i] = h + 2 + i;
  };
  if (h > 0) skip();
  let rowLines: number[] | undefined;
  const endsWithBreak = text.endsWith('\n') || text.endsWith('\r');
  for (let r = h + 1; r < data.length; r++) {
    const row = data[r] as string[];
    // A blank line. With one column it may be a real empty cell, except the papaparse artefact
    // of a final line break.
    if (row.length === 1 && row[0] === '' && (width > 1 || (r === data.length - 1 && endsWithBreak))) {
      if (r !== data.length - 1) skip();
      continue;
    }
    if (row.length !== width) {
      if (!quoteRows.has(r)) sink.add(raggedDiagnostic(row, columns, delimiter, r + 1, lineOf(r), at));
      if (row.length > width) row.length = width;
      else while (row.length < width) row.push('');
    }
    if (rowNumbers) rowNumbers.push(r + 1);
    if (dataLines) (rowLines ??= []).push(dataLines[r] as number);
    rows.push(row);
  }
  const table: Table = { columns, rows, delimiter, format: 'csv', diagnostics: sink.finish() };
  if (rowNumbers) table.rowNumbers = rowNumbers;
  if (rowLines) table.rowLines = rowLines;
  return table;
}

/**
 * Papaparse uses one line ending per file; a file mixing CRLF with LF or CR records (concatenated
 * exports, hand edits) would otherwise merge rows or leave a CR in the last cell. Record breaks
 * outside quotes become LF; breaks inside quoted cells are data and stay. Only runs when needed.
 */
export function normalizeMixedLineEndings(text: string): string {
  if (text.indexOf('\r') === -1) return text;
  // indexOf hops rather than a regex: this runs on every 10 MB CRLF file.
  let hasLoneCr = false;
  let hasCrlf = false;
  for (let i = text.indexOf('\r'); i !== -1 && !hasLoneCr; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) === 10) hasCrlf = true;
    else hasLoneCr = true;
  }
  let hasLoneLf = false;
  if (!hasLoneCr && hasCrlf) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (text.charCodeAt(i - 1) !== 13) {
        hasLoneLf = true;
        break;
      }
    }
  }
  if (!hasLoneCr && !hasLoneLf) return text;
  let out = '';
  let runStart = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === 13) {
      out += text.slice(runStart, i) + '\n';
      if (text.charCodeAt(i + 1) === 10) i++;
      runStart = i + 1;
      fieldStart = true;
      continue;
    }
    if (c === 10 || c === 44 || c === 59 || c === 9 || c === 124) fieldStart = true;
    else {
      if (c === 34 && fieldStart) inQuotes = true;
      fieldStart = false;
    }
  }
  return out + text.slice(runStart);
}

function isBlankLine(row: string[]): boolean {
  return row.length === 1 && row[0] === '';
}

/** Line feeds in a text: lines are counted by LF everywhere (LineIndex too); lone CRs were normalised. */
function countLf(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function raggedDiagnostic(row: string[], columns: string[], delimiter: Delimiter, rowNo: number, line: number, at: { file?: string }): Diagnostic {
  const width = columns.length;
  if (row.length > width) {
    const extra = row.slice(width).map((c) => clip(c, 30));
    return {
      code: 'ragged-row',
      severity: 'error',
      message: `Row ${rowNo} has ${row.length} cells but the header has ${width} columns; the extra text ${listWithMore(extra, 5)} was dropped. A value probably contains a ${delimiterName(delimiter)} without quotes around it.`,
      row: rowNo,
      line,
      column: width + 1,
      ...at,
    };
  }
  const missing = columns.slice(row.length).map((c) => clip(c, 30));
  return {
    code: 'ragged-row',
    severity: 'error',
    message: `Row ${rowNo} has ${row.length} ${row.length === 1 ? 'cell' : 'cells'} but the header has ${width} columns: ${listWithMore(missing, 5)} ${missing.length === 1 ? 'is' : 'are'} missing (row text starts ${clip(row.join(delimiter), 40)}).`,
    row: rowNo,
    line,
    column: row.length + 1,
    ...at,
  };
}
