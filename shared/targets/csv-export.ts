/**
 * Table → CSV text (RFC 4180). Quoting is stricter than the RFC requires: any cell containing one
 * of the detectable delimiters is quoted, so re-importing never detects a different delimiter and
 * `parseTable(toCsv(t))` gives back exactly `t`.
 */
import type { Delimiter } from './types';

/** Options for `toCsv`. */
export interface ToCsvOptions {
  delimiter?: Delimiter;
  /** Line ending; default CRLF as RFC 4180 and Excel use. */
  newline?: '\r\n' | '\n';
}

const NEEDS_QUOTES = /[",;\t|\r\n]/;

function cellText(cell: string, lone: boolean): string {
  // A lone empty cell would be a blank line, which import skips; a leading BOM would be stripped.
  if ((lone && cell === '') || cell.charCodeAt(0) === 0xfeff || NEEDS_QUOTES.test(cell)) return '"' + cell.replace(/"/g, '""') + '"';
  return cell;
}

/** Serialises columns and rows as CSV (header first, every record ended by `newline`). */
export function toCsv(columns: readonly string[], rows: readonly (readonly string[])[], opts: ToCsvOptions = {}): string {
  const d = opts.delimiter ?? ',';
  const nl = opts.newline ?? '\r\n';
  const lone = columns.length === 1;
  const parts: string[] = [];
  const line = (cells: readonly string[]) => {
    let s = '';
    for (let i = 0; i < cells.length; i++) s += (i > 0 ? d : '') + cellText(cells[i] ?? '', lone);
    return s;
  };
  parts.push(line(columns));
  for (const r of rows) parts.push(line(r));
  return parts.join(nl) + nl;
}
