/**
 * Per-user values (`target_with_params`) in either of two shapes:
 *
 * - the platform's own: an object keyed by target id, each value an object of attribute values
 *   (what execute bodies, saved requests, pasted bodies and typed imports carry);
 * - columns: what a plain string table import yields. The table's own rows, one per id, and the
 *   position of each param column in them; an empty cell means "no value" (so `params` applies).
 *   It reuses the parsed rows where the keyed shape needs an object per user and a keyed object of
 *   100,000 ids (most of the time and memory of importing a large CSV), and it crosses worker and
 *   IPC boundaries as plain data;
 * - packed columns: the same table with its cells in a few long texts (chunks of `chunkUsers` users)
 *   and where each cell ends, so a million users are a few hundred objects instead of millions (a
 *   heap of millions of small objects held the window for 100–300 ms at each collection; one text
 *   of every cell took 150 ms to join). A table becomes packed when it crosses in parts
 *   (shared/data/parts.ts): the UI, the render worker and the host hold a big import packed.
 *
 * Everything reads per-user values through the functions below, so both shapes behave the same; the
 * platform's shape is built only where a body goes on the wire (`valuesFor` per batch, `toRecord`).
 * A columns object is treated as immutable: lookups are indexed once per object.
 */
import type { z } from 'zod';
import type { packedColumnsSchema, paramColumnsSchema, perUserValuesSchema } from '../ipc/schemas';

/**
 * Per-user values of a string table: `rows[i][at[c]]` is user `ids[i]`'s value of `columns[c]`; `at`
 * says where each param sits in a row (rows may hold other cells too), `''` means no value (the
 * schema in shared/ipc/schemas.ts).
 */
export type ParamColumns = z.infer<typeof paramColumnsSchema>;

/**
 * Per-user values of a string table, packed: user `ids[r]`'s value of `columns[c]` is cell
 * `k = r * columns.length + c`, the text from the end of cell `k - 1` to `ends[k]` (offsets over
 * the chunks one after another), found in chunk `floor(r / chunkUsers)`; an empty cell means no
 * value (the schema in shared/ipc/schemas.ts).
 */
export type PackedColumns = z.infer<typeof packedColumnsSchema>;

/** The per-user values of a string table: its rows, or packed. */
export type TableValues = ParamColumns | PackedColumns;

/** `target_with_params`: keyed objects as on the wire, or columns from a table import. */
export type PerUserValues = z.infer<typeof perUserValuesSchema>;

const hasOwn = Object.prototype.hasOwnProperty;

/** Returned by `ownValue` and `userReader` when the user has no value of that name. */
export const NO_VALUE: unique symbol = Symbol('no per-user value');

/**
 * True for the columns shape. A keyed object cannot look like it: its values are objects, so its
 * `kind` is never the string `'columns'`.
 */
export function isParamColumns(v: PerUserValues): v is ParamColumns {
  return (v as { kind?: unknown }).kind === 'columns' && Array.isArray((v as ParamColumns).rows);
}

/** True for packed columns; like `isParamColumns`, a keyed object's `kind` is never a string. */
export function isPackedColumns(v: PerUserValues): v is PackedColumns {
  return (v as { kind?: unknown }).kind === 'packed' && Array.isArray((v as PackedColumns).chunks);
}

/** True for a string table's values, as rows or packed. */
export function isTableValues(v: PerUserValues): v is TableValues {
  return isParamColumns(v) || isPackedColumns(v);
}

interface ColumnIndex {
  row: Map<string, number>;
  col: Map<string, number>;
}

/** `usersWithValues` per columns object (a columns object is never changed once built). */
const users = new WeakMap<TableValues, string[]>();

/** Lookup maps per columns object, built on first lookup (a worker or IPC copy builds its own). */
const indexes = new WeakMap<TableValues, ColumnIndex>();

function indexOf(v: TableValues): ColumnIndex {
  let ix = indexes.get(v);
  if (!ix) {
    const row = new Map<string, number>();
    // The first row of an id wins, as buildTargets keeps the first row of a duplicated id.
    for (let i = 0; i < v.ids.length; i++) if (!row.has(v.ids[i] as string)) row.set(v.ids[i] as string, i);
    const col = new Map<string, number>();
    for (let c = 0; c < v.columns.length; c++) col.set(v.columns[c] as string, c);
    ix = { row, col };
    indexes.set(v, ix);
  }
  return ix;
}

/** One user's value of one attribute, or `NO_VALUE` (for many names of one user, `userReader`). */
export function ownValue(v: PerUserValues, user: string, name: string): unknown {
  return userReader(v, user)(name);
}

/** Where packed row `r`'s chunk starts, as an offset over all chunks. */
function chunkStart(v: PackedColumns, chunk: number): number {
  return chunk === 0 ? 0 : (v.ends[chunk * v.chunkUsers * v.columns.length - 1] as number);
}

function cellOf(v: TableValues, r: number, c: number): string {
  if (v.kind === 'packed') {
    const k = r * v.columns.length + c;
    const chunk = Math.floor(r / v.chunkUsers);
    const start = chunkStart(v, chunk);
    return (v.chunks[chunk] as string).slice((k === 0 ? 0 : (v.ends[k - 1] as number)) - start, (v.ends[k] as number) - start);
  }
  return (v.rows[r] as string[])[v.at[c] as number] ?? '';
}

function rowValues(v: TableValues, r: number): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (let c = 0; c < v.columns.length; c++) {
    const cell = cellOf(v, r, c);
    if (cell !== '') defineValue((out ??= {}), v.columns[c] as string, cell);
  }
  return out;
}

/**
 * One user's values as a lookup by name (returning `NO_VALUE` when missing), for reading several
 * names of the same user: the user is found once, not once per name (100,000 users × every
 * referenced name when a campaign is scanned).
 */
export function userReader(v: PerUserValues, user: string): (name: string) => unknown {
  if (isPackedColumns(v)) {
    const ix = indexOf(v);
    const r = ix.row.get(user);
    if (r === undefined) return noValues;
    const base = r * v.columns.length;
    const chunk = Math.floor(r / v.chunkUsers);
    const cells = v.chunks[chunk] as string;
    const start = chunkStart(v, chunk);
    const { ends } = v;
    return (name) => {
      const c = ix.col.get(name);
      if (c === undefined) return NO_VALUE;
      const k = base + c;
      const from = k === 0 ? 0 : (ends[k - 1] as number);
      const to = ends[k] as number;
      return to === from ? NO_VALUE : cells.slice(from - start, to - start);
    };
  }
  if (isParamColumns(v)) {
    const ix = indexOf(v);
    const r = ix.row.get(user);
    if (r === undefined) return noValues;
    const row = v.rows[r] as string[];
    return (name) => {
      const c = ix.col.get(name);
      const cell = c === undefined ? undefined : row[v.at[c] as number];
      return cell === '' || cell === undefined ? NO_VALUE : cell;
    };
  }
  const own = hasOwn.call(v, user) ? v[user] : undefined;
  if (!own) return noValues;
  return (name) => (hasOwn.call(own, name) ? own[name] : NO_VALUE);
}

const noValues = (): typeof NO_VALUE => NO_VALUE;

/** True when the values have an entry for `user` (a key of the keyed object; a row of the columns). */
export function hasUser(v: PerUserValues, user: string): boolean {
  return isTableValues(v) ? indexOf(v).row.has(user) : hasOwn.call(v, user);
}

/** A user's values as the platform's object, or undefined when the user has none. */
export function ownValues(v: PerUserValues, user: string): Record<string, unknown> | undefined {
  if (isTableValues(v)) {
    const r = indexOf(v).row.get(user);
    return r === undefined ? undefined : rowValues(v, r);
  }
  const own = hasOwn.call(v, user) ? v[user] : undefined;
  return own && Object.keys(own).length > 0 ? own : undefined;
}

function rowHasValue(v: TableValues, r: number): boolean {
  for (let c = 0; c < v.columns.length; c++) if (cellOf(v, r, c) !== '') return true;
  return false;
}

/** Rows of a columns object that count: the first row of each id, with at least one non-empty cell. */
function eachRowWithValues(v: TableValues, fn: (id: string, r: number) => void): void {
  const seen = new Set<string>();
  for (let r = 0; r < v.ids.length; r++) {
    const id = v.ids[r] as string;
    if (seen.size === seen.add(id).size) continue;
    if (rowHasValue(v, r)) fn(id, r);
  }
}

/** Calls `fn` for every user with at least one value, in order, with that user's values. */
function forEachUserValues(v: PerUserValues, fn: (user: string, values: Record<string, unknown>) => void): void {
  if (isTableValues(v)) {
    eachRowWithValues(v, (id, r) => fn(id, rowValues(v, r) as Record<string, unknown>));
    return;
  }
  for (const id of Object.keys(v)) {
    const own = v[id];
    if (own && typeof own === 'object') fn(id, own);
  }
}

/** The ids of columns with a non-empty cell, found once per columns object. */
function columnUsers(v: TableValues): readonly string[] {
  let out = users.get(v);
  if (!out) {
    const found: string[] = [];
    eachRowWithValues(v, (id) => found.push(id));
    users.set(v, (out = found));
  }
  return out;
}

/** Counts told by whoever built a per-user values object (the import worker), so a copy need not count again. */
const counts = new WeakMap<object, number>();

/** Remembers how many users have values in `v`, as counted where it was built (a million rows take ~0.5 s to count). */
export function rememberUsersWithValuesCount(v: PerUserValues, n: number): void {
  counts.set(v, n);
}

/** How many users have per-user values, without copying their ids (the data panel shows it on every render). */
export function usersWithValuesCount(v: PerUserValues): number {
  return counts.get(v) ?? (isTableValues(v) ? columnUsers(v).length : Object.keys(v).length);
}

/** Ids that have per-user values (a keyed object's keys; for columns, ids with a non-empty cell). */
export function usersWithValues(v: PerUserValues): string[] {
  if (!isTableValues(v)) return Object.keys(v);
  return columnUsers(v).slice();
}

/** Every attribute name some user has a value for. */
export function perUserKeys(v: PerUserValues): Set<string> {
  const out = new Set<string>();
  if (isTableValues(v)) {
    for (let c = 0; c < v.columns.length; c++) {
      for (let r = 0; r < v.ids.length; r++) {
        if (cellOf(v, r, c) !== '') {
          out.add(v.columns[c] as string);
          break;
        }
      }
    }
    return out;
  }
  for (const own of Object.values(v)) for (const k of Object.keys(own ?? {})) out.add(k);
  return out;
}

/** How many users have a value for `name`. */
export function usersWithKey(v: PerUserValues, name: string): number {
  let n = 0;
  if (isTableValues(v)) {
    const c = v.columns.indexOf(name);
    if (c !== -1)
      eachRowWithValues(v, (_, r) => {
        if (cellOf(v, r, c) !== '') n++;
      });
    return n;
  }
  forEachUserValues(v, (_, own) => {
    if (hasOwn.call(own, name)) n++;
  });
  return n;
}

/** The platform's keyed shape (for a body on the wire, an export, a JSON view). */
export function toRecord(v: PerUserValues): Record<string, Record<string, unknown>> {
  if (!isTableValues(v)) return v;
  const out: Record<string, Record<string, unknown>> = {};
  forEachUserValues(v, (id, own) => defineValue(out, id, own));
  return out;
}

/** The keyed values of just these users (one batch's `target_with_params`), or undefined if none. */
export function valuesFor(v: PerUserValues, users: readonly string[]): Record<string, Record<string, unknown>> | undefined {
  let out: Record<string, Record<string, unknown>> | undefined;
  for (const t of users) {
    const own = ownValues(v, t);
    if (own) defineValue((out ??= {}), t, own);
  }
  return out;
}

/** Sets an own property even for names like `__proto__` (ids and column names are user text). */
function defineValue(o: Record<string, unknown>, k: string, value: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
  else o[k] = value;
}

/**
 * The cells of a table's rows `from` to `to` (exclusive) as one text, in column order, and each
 * cell's length: how a part carries them (shared/data/parts.ts).
 */
export function packedSlice(v: TableValues, from: number, to: number): { cells: string; lengths: number[] } {
  const n = v.columns.length;
  const end = Math.min(to, v.ids.length);
  const lengths: number[] = [];
  if (end <= from) return { cells: '', lengths };
  const texts: string[] = [];
  if (v.kind === 'packed') {
    const { ends, chunkUsers } = v;
    const offset = (r: number) => (r * n === 0 ? 0 : (ends[r * n - 1] as number));
    for (let r = from; r < end;) {
      const chunk = Math.floor(r / chunkUsers);
      const upTo = Math.min(end, (chunk + 1) * chunkUsers);
      const start = chunkStart(v, chunk);
      texts.push((v.chunks[chunk] as string).slice(offset(r) - start, offset(upTo) - start));
      r = upTo;
    }
    let last = offset(from);
    for (let k = from * n; k < end * n; k++) {
      lengths.push((ends[k] as number) - last);
      last = ends[k] as number;
    }
    return { cells: texts.length === 1 ? (texts[0] as string) : texts.join(''), lengths };
  }
  for (let r = from; r < end; r++)
    for (let c = 0; c < n; c++) {
      const cell = cellOf(v, r, c);
      texts.push(cell);
      lengths.push(cell.length);
    }
  return { cells: texts.join(''), lengths };
}

/**
 * Builds packed columns in chunks of `chunkUsers` users from slices in order (`packedSlice`'s
 * shape): the parts of a set, or the rows an edit keeps. A slice of exactly one chunk's users
 * becomes that chunk as it is. `add` returns why a slice does not fit (its cell count or lengths),
 * or undefined.
 */
export function createPackedBuilder(columns: string[], chunkUsers: number) {
  const n = columns.length;
  const ids: string[] = [];
  const chunks: string[] = [];
  const ends: number[] = [];
  let at = 0;
  /** The texts of the chunk being filled, and how many users they hold. */
  let pending: string[] = [];
  let pendingUsers = 0;
  const close = () => {
    chunks.push(pending.length === 1 ? (pending[0] as string) : pending.join(''));
    pending = [];
    pendingUsers = 0;
  };
  return {
    add(sliceIds: readonly string[], cells: string, lengths: readonly number[]): string | undefined {
      if (lengths.length !== sliceIds.length * n) return `it has ${lengths.length} cell length(s) for ${sliceIds.length} user(s) × ${n} column(s)`;
      let sum = 0;
      for (const l of lengths) sum += l;
      if (sum !== cells.length) return `its cell lengths add up to ${sum}, its cells are ${cells.length} characters long`;
      for (const id of sliceIds) ids.push(id);
      let pos = 0;
      for (let u = 0; u < sliceIds.length;) {
        const take = Math.min(chunkUsers - pendingUsers, sliceIds.length - u);
        const from = pos;
        for (let k = u * n; k < (u + take) * n; k++) {
          pos += lengths[k] as number;
          ends.push((at += lengths[k] as number));
        }
        pending.push(from === 0 && pos === cells.length ? cells : cells.slice(from, pos));
        pendingUsers += take;
        u += take;
        if (pendingUsers === chunkUsers) close();
      }
      return undefined;
    },
    /** The packed columns; `sameIds` is used for the ids when given (a set whose ids are its targets holds one list). */
    done(sameIds?: string[]): PackedColumns {
      if (pendingUsers > 0) close();
      return { kind: 'packed', columns, ids: sameIds ?? ids, chunkUsers, chunks, ends };
    },
  };
}

/** A table's values without one user's rows (the `remove-user` edit, shared/data/edits.ts). */
export function withoutUser(v: TableValues, user: string): TableValues {
  if (v.kind === 'columns') {
    const keep = v.ids.map((id) => id !== user);
    return { ...v, ids: v.ids.filter((_, i) => keep[i]), rows: v.rows.filter((_, i) => keep[i]) };
  }
  const out = createPackedBuilder(v.columns, v.chunkUsers);
  let from = 0;
  for (let r = 0; r <= v.ids.length; r++) {
    if (r < v.ids.length && v.ids[r] !== user) continue;
    if (r > from) {
      const s = packedSlice(v, from, r);
      out.add(v.ids.slice(from, r), s.cells, s.lengths);
    }
    from = r + 1;
  }
  return out.done();
}
