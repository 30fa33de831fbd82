/**
 * The fast path of reading JSON rows: the engine's own `JSON.parse`, taken only for the common
 * clean case — a non-empty array of objects whose values are all strings, no key written twice, no
 * key that is an array index — which the located reader (json-rows.ts, over json.ts's
 * offset-keeping parser) reads without a single diagnostic into exactly this table. A 1,000,000-row
 * file then no longer builds a node with offsets for each of its millions of values. Anything else
 * (numbers, whose literal text is kept; nulls, booleans, nested values; duplicates; syntax errors;
 * an object wrapping the array) goes to the located reader, which reports it with its place.
 */
import { jsonOutline } from '../json-limits';
import type { Table } from './types';

/** Keys JavaScript orders before all others in an object (array indexes): their written order would be lost. */
const INDEX_KEY = /^(?:0|[1-9]\d*)$/;

/** The number of members and the line of each row, or undefined when the text nests past the shared limit. */
function scan(text: string): { members: number; rowLines: number[] } | undefined {
  const o = jsonOutline(text, { rowLines: true });
  return o.tooDeepAt === -1 ? o : undefined;
}

/** The table of `text` when the located reader would read it without a diagnostic, else undefined. Never throws. */
export function cleanJsonRows(text: string): Table | undefined {
  let i = 0;
  while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13 || text.charCodeAt(i) === 9) i++;
  if (text.charCodeAt(i) !== 91) return undefined;
  const s = scan(text);
  if (!s) return undefined;
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(items) || items.length === 0 || s.rowLines.length !== items.length) return undefined;
  const colIndex = new Map<string, number>();
  const columns: string[] = [];
  let keys = 0;
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
    for (const k of Object.keys(item)) {
      keys++;
      if (typeof (item as Record<string, unknown>)[k] !== 'string') return undefined;
      if (!colIndex.has(k)) {
        if (INDEX_KEY.test(k)) return undefined;
        colIndex.set(k, columns.length);
        columns.push(k);
      }
    }
  }
  // The members written equal the keys kept: no key was written twice in a row.
  if (keys !== s.members) return undefined;
  const width = columns.length;
  const rows: string[][] = new Array(items.length);
  for (let r = 0; r < items.length; r++) {
    const item = items[r] as Record<string, string>;
    const row = new Array<string>(width).fill('');
    for (const k of Object.keys(item)) row[colIndex.get(k) as number] = item[k] as string;
    rows[r] = row;
  }
  return { columns, rows, delimiter: null, format: 'json', diagnostics: [], rowLines: s.rowLines };
}
