/**
 * Plain id lists. A person who pastes `u_1001⏎u_1002⏎u_1003` or `1001, 1002, 1003` means three
 * recipients, but read as a CSV the first line is a header (one recipient lost) or the whole line
 * is one (none left). This module decides when delimited text is an id list and reads it as one:
 *
 * - one column, whose first line looks like an id: it has the same shape as the ids under it
 *   (`u_1001` like `u_1002`: letters, digits and punctuation in the same order), or the format
 *   `target_by` implies (an e-mail address, a phone number); a line that names an id column
 *   (`user_id`, `email`…) or is a plain word stays a header;
 * - a list separated by commas, semicolons or spaces whose every item looks like an id of one shape.
 *
 * The person can overrule the decision ("first line is a header"); `idList` on the table says what
 * was decided and why, for that toggle. The app's import and the CLI both read text through here.
 */
import { normalizeColumnName } from './mapping';
import { parseTable, type ParseTableOptions } from './table';
import { checkPhone, idKind, isEmail } from './ids';
import type { IdListReading, Table } from './types';

/** How to read the first line of a one-column text: decide (`auto`), or as the person said. */
export type HeaderChoice = 'auto' | 'header' | 'none';

/** Column names that say "ids are here" (compared normalised: `User ID` ~ `user_id`). */
const ID_COLUMN_NAMES = new Set([
  'id',
  'ids',
  'user_id',
  'userid',
  'user',
  'users',
  'external_id',
  'externalid',
  'email',
  'email_address',
  'e_mail',
  'mobile_number',
  'mobile',
  'phone',
  'phone_number',
  'msisdn',
  'token',
  'device_id',
  'customer_id',
  'profile_id',
  'target',
  'targets',
  'target_id',
  'recipient',
  'recipients',
]);

/** Diagnostics about a table's shape, which a text read as a plain list of ids does not have. */
const TABLE_SHAPE_CODES = new Set(['empty-header', 'duplicate-column', 'ragged-row']);

/** How many lines the shape comparison looks at (the decision must stay instant on 100,000 lines). */
const SAMPLE = 200;

const LIST_SEPARATORS = /[\s,;]+/;

/**
 * The shape of an id: runs of letters become `a`, runs of digits `9`, everything else stays, so
 * `u_1001` and `u_77` are both `a_9`, `1001` is `9`, and the header `user_id` is `a_a`.
 */
export function idShape(s: string): string {
  return s.replace(/\p{L}+/gu, 'a').replace(/\p{Nd}+/gu, '9');
}

const unquote = (s: string) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s);

/** True when `s` has the format `target_by` implies (e-mail address, phone number); false for other kinds. */
function hasTargetByFormat(s: string, targetBy: string | undefined): boolean {
  const kind = idKind(targetBy);
  if (kind === 'email') return isEmail(s);
  if (kind === 'phone') return checkPhone(s) === 'ok' || checkPhone(s) === 'plus';
  return false;
}

/** The shape most of `ids` share (ties: the first met), or undefined for none. */
function commonShape(ids: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestN = 0;
  for (const id of ids) {
    const s = idShape(id);
    const n = (counts.get(s) ?? 0) + 1;
    counts.set(s, n);
    if (n > bestN) {
      best = s;
      bestN = n;
    }
  }
  return best;
}

/**
 * Whether the first line of a one-column text is an id (true) or a header (false), with the reason
 * in words. `others` are the lines after it.
 */
export function firstLineIsId(first: string, others: readonly string[], targetBy?: string): { id: boolean; reason: string } {
  const name = normalizeColumnName(first);
  if (name === normalizeColumnName(targetBy ?? '') || ID_COLUMN_NAMES.has(name)) return { id: false, reason: `the first line “${first}” names the id column` };
  if (hasTargetByFormat(first, targetBy)) return { id: true, reason: `the first line “${first}” has the ${idKind(targetBy) === 'email' ? 'e-mail address' : 'phone number'} format target_by ${targetBy} expects` };
  // A plain word (no digits, no @) is what headers look like; ids almost always carry digits.
  if (!/[\p{Nd}@]/u.test(first)) return { id: false, reason: `the first line “${first}” looks like a column name` };
  if (others.length === 0) return { id: true, reason: `the only line “${first}” looks like an id` };
  const shape = commonShape(others);
  if (shape !== undefined && idShape(first) === shape) return { id: true, reason: `the first line “${first}” has the same shape as the ids under it` };
  return { id: false, reason: `the first line “${first}” does not look like the ids under it` };
}

/** The items of a comma/semicolon/space-separated list when every one looks like an id of one shape. */
function listItems(text: string, targetBy: string | undefined): string[] | undefined {
  const items: string[] = [];
  for (const raw of text.split(LIST_SEPARATORS)) {
    const item = unquote(raw.trim());
    if (item !== '') items.push(item);
  }
  if (items.length < 2) return undefined;
  const shape = idShape(items[0] as string);
  if (!/[9@]/.test(shape) && !hasTargetByFormat(items[0] as string, targetBy)) return undefined;
  for (let i = 1; i < items.length && i < SAMPLE; i++) if (idShape(items[i] as string) !== shape) return undefined;
  if (firstLineIsId(items[0] as string, [], targetBy).id === false) return undefined;
  return items;
}

/** The one column of an id-list table is named like `target_by`, so the default mapping takes it. */
function idColumnName(targetBy: string | undefined): string {
  return targetBy && targetBy.trim() ? targetBy.trim() : 'id';
}

/** A table of one id per row, `rowNumbers[i]` the line each id came from. */
function idTable(base: Table, ids: string[], rowNumbers: number[], reading: IdListReading, targetBy: string | undefined): Table {
  return { columns: [idColumnName(targetBy)], rows: ids.map((id) => [id]), delimiter: base.delimiter, format: base.format, diagnostics: base.diagnostics, rowNumbers, idList: reading };
}

/**
 * Reads a parsed delimited table as an id list when it is one (see the module comment); otherwise
 * returns it unchanged — with `idList` set when it is a one-column table, so the person sees how
 * its first line was read and can change it. `text` is the text the table was parsed from.
 */
export function readIdList(table: Table, text: string, opts: { targetBy?: string; header?: HeaderChoice } = {}): Table {
  const choice = opts.header ?? 'auto';
  if (table.format !== 'csv') return table;
  // Problems of a table's shape (a blank header cell, rows of other widths) do not apply to a list of
  // ids; any other error (an open quote) means the text is not a plain list.
  const shapeOnly = table.diagnostics.every((d) => d.severity !== 'error' || TABLE_SHAPE_CODES.has(d.code));
  if (!shapeOnly) return table;
  const listed = { ...table, diagnostics: table.diagnostics.filter((d) => !TABLE_SHAPE_CODES.has(d.code)) };
  const oneColumn = table.columns.length === 1;
  const headerOnly = table.rows.length === 0 && table.columns.length > 0;
  // A separated list (`u_1, u_2, u_3` or one id per line with several per line): items, not cells.
  const hasSeparators = oneColumn ? table.rows.slice(0, SAMPLE).some((r) => LIST_SEPARATORS.test((r[0] as string).trim())) || LIST_SEPARATORS.test((table.columns[0] as string).trim()) : headerOnly || table.columns.every((c) => c.trim() === '' || /[\p{Nd}@]/u.test(c));
  if (hasSeparators && choice !== 'header') {
    const items = listItems(text, opts.targetBy);
    if (items) {
      const reading: IdListReading = { firstLine: 'id', separated: 'list', reason: `it is a list of ${items.length} ids separated by commas, semicolons or spaces` };
      return idTable(
        listed,
        items,
        items.map((_, i) => i + 1),
        reading,
        opts.targetBy,
      );
    }
  }
  if (!oneColumn || listed.diagnostics.length !== table.diagnostics.length) return table;
  const first = (table.columns[0] as string).trim();
  if (first === '') return table;
  const others: string[] = [];
  for (let i = 0; i < table.rows.length && others.length < SAMPLE; i++) {
    const cell = (table.rows[i]![0] as string).trim();
    if (cell !== '') others.push(cell);
  }
  const decided = firstLineIsId(first, others, opts.targetBy);
  const asIds = choice === 'none' || (choice === 'auto' && decided.id);
  const reading: IdListReading = { firstLine: asIds ? 'id' : 'header', separated: 'lines', reason: choice === 'auto' ? decided.reason : asIds ? 'you chose to read the first line as an id' : 'you chose to read the first line as a header' };
  if (!asIds) return { ...table, idList: reading };
  // The header row's spreadsheet row: after any blank lines before it (row numbers count them).
  const firstRow = table.rowNumbers?.[0] !== undefined ? (table.rowNumbers[0] as number) - 1 : 1;
  const rowNumbers = [firstRow];
  for (let i = 0; i < table.rows.length; i++) rowNumbers.push(table.rowNumbers?.[i] ?? i + 2);
  return idTable(table, [first, ...table.rows.map((r) => r[0] as string)], rowNumbers, reading, opts.targetBy);
}

/**
 * Parses delimited target text (CSV, TSV, one id per line, or a separated id list): the table,
 * read as plain ids when it is a plain id list. The import dispatcher (import.ts, for the app's
 * import worker and the CLI) and `parsePaste` read delimited targets through this function.
 */
export function parseTargetsTable(text: string, opts: ParseTableOptions & { targetBy?: string; header?: HeaderChoice }): Table {
  const { targetBy, header, ...tableOpts } = opts;
  return readIdList(parseTable(text, tableOpts), text, { ...(targetBy !== undefined ? { targetBy } : {}), ...(header ? { header } : {}) });
}
