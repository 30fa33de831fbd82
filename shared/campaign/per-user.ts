/**
 * Per-user values (`target_with_params`) in either of two shapes:
 *
 * - the platform's own: an object keyed by target id, each value an object of attribute values
 *   (what execute bodies, saved requests, pasted bodies and typed imports carry);
 * - columns: what a plain string table import yields. The table's own rows, one per id, and the
 *   position of each param column in them; an empty cell means "no value" (so `params` applies).
 *   It reuses the parsed rows where the keyed shape needs an object per user and a keyed object of
 *   100,000 ids (most of the time and memory of importing a large CSV), and it crosses worker and
 *   IPC boundaries as plain data.
 *
 * Everything reads per-user values through the functions below, so both shapes behave the same; the
 * platform's shape is built only where a body goes on the wire (`valuesFor` per batch, `toRecord`).
 * A columns object is treated as immutable: lookups are indexed once per object.
 */
import type { z } from 'zod';
import type { paramColumnsSchema, perUserValuesSchema } from '../ipc/schemas';

/**
 * Per-user values of a string table: `rows[i][at[c]]` is user `ids[i]`'s value of `columns[c]`; `at`
 * says where each param sits in a row (rows may hold other cells too), `''` means no value (the
 * schema in shared/ipc/schemas.ts).
 */
export type ParamColumns = z.infer<typeof paramColumnsSchema>;

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

interface ColumnIndex {
  row: Map<string, number>;
  col: Map<string, number>;
}

/** `usersWithValues` per columns object (a columns object is never changed once built). */
const users = new WeakMap<ParamColumns, string[]>();

/** Lookup maps per columns object, built on first lookup (a worker or IPC copy builds its own). */
const indexes = new WeakMap<ParamColumns, ColumnIndex>();

function indexOf(v: ParamColumns): ColumnIndex {
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

function cellOf(v: ParamColumns, r: number, c: number): string {
  return (v.rows[r] as string[])[v.at[c] as number] ?? '';
}

function rowValues(v: ParamColumns, r: number): Record<string, unknown> | undefined {
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
  return isParamColumns(v) ? indexOf(v).row.has(user) : hasOwn.call(v, user);
}

/** A user's values as the platform's object, or undefined when the user has none. */
export function ownValues(v: PerUserValues, user: string): Record<string, unknown> | undefined {
  if (isParamColumns(v)) {
    const r = indexOf(v).row.get(user);
    return r === undefined ? undefined : rowValues(v, r);
  }
  const own = hasOwn.call(v, user) ? v[user] : undefined;
  return own && Object.keys(own).length > 0 ? own : undefined;
}

function rowHasValue(v: ParamColumns, r: number): boolean {
  for (let c = 0; c < v.columns.length; c++) if (cellOf(v, r, c) !== '') return true;
  return false;
}

/** Rows of a columns object that count: the first row of each id, with at least one non-empty cell. */
function eachRowWithValues(v: ParamColumns, fn: (id: string, r: number) => void): void {
  const seen = new Set<string>();
  for (let r = 0; r < v.ids.length; r++) {
    const id = v.ids[r] as string;
    if (seen.size === seen.add(id).size) continue;
    if (rowHasValue(v, r)) fn(id, r);
  }
}

/** Calls `fn` for every user with at least one value, in order, with that user's values. */
function forEachUserValues(v: PerUserValues, fn: (user: string, values: Record<string, unknown>) => void): void {
  if (isParamColumns(v)) {
    eachRowWithValues(v, (id, r) => fn(id, rowValues(v, r) as Record<string, unknown>));
    return;
  }
  for (const id of Object.keys(v)) {
    const own = v[id];
    if (own && typeof own === 'object') fn(id, own);
  }
}

/** The ids of columns with a non-empty cell, found once per columns object. */
function columnUsers(v: ParamColumns): readonly string[] {
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
  return counts.get(v) ?? (isParamColumns(v) ? columnUsers(v).length : Object.keys(v).length);
}

/** Ids that have per-user values (a keyed object's keys; for columns, ids with a non-empty cell). */
export function usersWithValues(v: PerUserValues): string[] {
  if (!isParamColumns(v)) return Object.keys(v);
  return columnUsers(v).slice();
}

/** Every attribute name some user has a value for. */
export function perUserKeys(v: PerUserValues): Set<string> {
  const out = new Set<string>();
  if (isParamColumns(v)) {
    for (let c = 0; c < v.columns.length; c++) {
      for (let r = 0; r < v.rows.length; r++) {
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
  if (isParamColumns(v)) {
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
  if (!isParamColumns(v)) return v;
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
