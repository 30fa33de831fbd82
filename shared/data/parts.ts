/**
 * A data set in parts (issue 15: the window at a million targets). A whole data set posted in one
 * message is copied in one task on the UI thread: at 1,000,000 users, 1.9 s to receive it from the
 * import worker, 3 s to post it to the render worker and 5 s to post it to the host, with no frame
 * drawn meanwhile. In parts of `PART_USERS` users, each copy is one short task and the window draws
 * between them. The import worker cuts the parts, the UI joins them and cuts them again for the
 * render worker (renderer/workers/render-client.ts) and the host (`data.part`, host/held-data.ts);
 * each side joins them with `createJoin`, which checks that they fit together.
 *
 * The head carries what is shared (target_by, params, the shape of the per-user values); each part
 * a slice of the targets and a slice of the per-user values (a table's cells as one text with each
 * cell's length, or keyed entries), so a part is `PART_USERS` users whichever shape the set has.
 * A table's values are joined packed (shared/campaign/per-user.ts `PackedColumns`): a side that
 * holds a million users from a CSV then holds them in a few objects, not ten million.
 */
import { z } from 'zod';
import type { SendData } from '../campaign/send-data';
import { createPackedBuilder, isTableValues, packedSlice } from '../campaign/per-user';
import { dataRecord, keyedValuesSchema } from '../ipc/schemas';
import { setOwn } from '../targets/text';

/** Users per part: copying one part of a million-user CSV import takes ~5–10 ms on the UI thread (~20–40 ms at 10,000, which the full scan stretched to 100–150 ms on 2 busy cores). */
export const PART_USERS = 2_500;

/** The most parts one data set may come in: 10,000,000 users, so the host's `too-large` limit (2,000,000) is what a big set meets first. */
export const MAX_PARTS = 4_000;

export const dataHeadSchema = z.strictObject({
  target_by: z.string().min(1),
  params: dataRecord,
  /** The per-user values' shape: keyed objects, or a table's columns (their names, in the order of each user's cells). */
  values: z.union([z.strictObject({ kind: z.literal('keyed') }), z.strictObject({ kind: z.literal('columns'), columns: z.array(z.string()) })]),
  /** How many parts the set comes in, this head's included. */
  parts: z.number().int().min(1).max(MAX_PARTS),
});
export type DataHead = z.infer<typeof dataHeadSchema>;

export const dataPartSchema = z.strictObject({
  target: z.array(z.string()),
  /**
   * The keyed entries of this part, or a table's: each user's cells in column order as one text, and
   * each cell's length. `ids` is left out when the part's ids are its targets, in order.
   */
  values: z.union([keyedValuesSchema, z.strictObject({ ids: z.array(z.string()).optional(), cells: z.string(), lengths: z.array(z.number().int().min(0)) })]),
});
export type DataPart = z.infer<typeof dataPartSchema>;

/** Keyed per-user values' ids, as the import worker listed them (listing a million keys takes ~0.5 s). */
const keyLists = new WeakMap<object, readonly string[]>();

/** Remembers the ids of a keyed per-user values object, so cutting it into parts does not list them again. */
export function rememberKeys(values: object, keys: readonly string[]): void {
  keyLists.set(values, keys);
}

function keysOf(values: Record<string, unknown>): readonly string[] {
  let keys = keyLists.get(values);
  if (!keys) keyLists.set(values, (keys = Object.keys(values)));
  return keys;
}

/** How many users a data set has for cutting: its targets or its per-user entries, whichever is more. */
function usersOf(data: SendData): number {
  const v = data.target_with_params;
  return Math.max(data.target.length, isTableValues(v) ? v.ids.length : keysOf(v).length);
}

/** True when a data set is big enough to cross in parts. */
export function crossesInParts(data: SendData): boolean {
  return usersOf(data) > PART_USERS;
}

/** The head of a data set cut into parts of `size` users. */
export function headOf(data: SendData, size = PART_USERS): DataHead {
  const v = data.target_with_params;
  const parts = Math.max(1, Math.ceil(usersOf(data) / size));
  return { target_by: data.target_by, params: data.params, values: isTableValues(v) ? { kind: 'columns', columns: v.columns } : { kind: 'keyed' }, parts };
}

/** Part `index` of a data set cut into parts of `size` users. */
export function partOf(data: SendData, index: number, size = PART_USERS): DataPart {
  const from = index * size;
  const to = from + size;
  const v = data.target_with_params;
  if (isTableValues(v)) {
    const target = data.target.slice(from, to);
    const ids = v.ids === data.target ? target : v.ids.slice(from, to);
    return { target, values: { ...(sameList(ids, target) ? {} : { ids }), ...packedSlice(v, from, to) } };
  }
  const keys = keysOf(v);
  const values: Record<string, Record<string, unknown>> = {};
  for (let i = from; i < to && i < keys.length; i++) setOwn(values, keys[i]!, v[keys[i]!]);
  return { target: data.target.slice(from, to), values };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every part of a data set, in order (for a side that posts them all in one go). */
export function* partsOf(data: SendData, size = PART_USERS): Generator<DataPart> {
  const { parts } = headOf(data, size);
  for (let i = 0; i < parts; i++) yield partOf(data, i, size);
}

/** Why parts do not fit together: which part, in words. */
export class PartError extends Error {
  constructor(
    readonly index: number,
    message: string,
    /** True when the part took the set over the join's limit of users. */
    readonly tooLarge = false,
  ) {
    super(`part ${index + 1}: ${message}`);
  }
}

/**
 * Joins a data set's parts, in order, into the set. `add` throws a PartError for a part out of
 * order, of the wrong shape, or past the head's count; `done` for a set still missing parts.
 * `limit` caps the users received (the host's `too-large` check, before the set is whole).
 */
export function createJoin(head: DataHead, limit = Infinity) {
  const target: string[] = [];
  const table = head.values.kind === 'columns' ? createPackedBuilder(head.values.columns, PART_USERS) : undefined;
  /** True while every table part left its ids out (they are its targets): the set then holds one list. */
  let idsAreTargets = true;
  const keyed: Record<string, Record<string, unknown>> = {};
  const keys: string[] = [];
  let received = 0;
  let users = 0;
  return {
    /** Parts received so far. */
    get received() {
      return received;
    },
    /** Parts the head announced. */
    get expected() {
      return head.parts;
    },
    add(part: DataPart): void {
      if (received >= head.parts) throw new PartError(received, `the data set has ${head.parts} part(s); this one is past them`);
      const v = part.values;
      const columns = typeof v.cells === 'string' && Array.isArray(v.lengths);
      if (columns !== !!table) throw new PartError(received, `its per-user values are ${columns ? 'columns' : 'keyed'}, the head says ${head.values.kind}`);
      const c = v as { ids?: string[]; cells: string; lengths: number[] };
      const ids = columns ? (c.ids ?? part.target) : undefined;
      users += Math.max(part.target.length, ids ? ids.length : Object.keys(v).length);
      if (users > limit) throw new PartError(received, `the data set has more than ${limit.toLocaleString('en')} users`, true);
      for (const t of part.target) target.push(t);
      if (table && ids) {
        const wrong = table.add(ids, c.cells, c.lengths);
        if (wrong) throw new PartError(received, `its cells do not fit: ${wrong}`);
        if (c.ids) idsAreTargets = false;
      } else {
        for (const k of Object.keys(v)) {
          if (Object.prototype.hasOwnProperty.call(keyed, k)) throw new PartError(received, `the user ${JSON.stringify(k.slice(0, 80))} has per-user values in an earlier part too`);
          keys.push(k);
          setOwn(keyed, k, (v as Record<string, Record<string, unknown>>)[k]);
        }
      }
      received++;
    },
    /** The joined set; throws a PartError when parts are missing. */
    done(): SendData {
      if (received !== head.parts) throw new PartError(received, `the data set has ${head.parts} part(s) and ${received} arrived`);
      if (head.values.kind === 'keyed') rememberKeys(keyed, keys);
      const target_with_params = table ? table.done(idsAreTargets ? target : undefined) : keyed;
      return { target_by: head.target_by, target, params: head.params, target_with_params };
    },
  };
}
