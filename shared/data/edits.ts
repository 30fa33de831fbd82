/**
 * Edits of a loaded data set (issue 13: data crosses each boundary once). The whole set crosses a
 * boundary once per import, paste, undo or load; after that only edits travel: to the host
 * (`data.edit`, host/held-data.ts) and to the render worker (renderer/workers/worker-data.ts). Every
 * side applies them with `applyEdits`, so the host, the worker and the UI hold equal data.
 */
import { z } from 'zod';
import type { SendData } from '../campaign/send-data';
import { dataRecord } from '../ipc/schemas';
import { isTableValues, withoutUser } from '../campaign/per-user';

const userId = z.string().max(10_000);
const valueName = z.string().min(1).max(500);

/** One edit of a data set. `value` absent removes the param or the user's value. */
export const dataEditSchema = z.discriminatedUnion('kind', [
  /** The attribute users are targeted by. */
  z.strictObject({ kind: z.literal('target-by'), targetBy: z.string().min(1).max(200) }),
  /** Every shared param at once (the params panel edits them as one object; a few values). */
  z.strictObject({ kind: z.literal('params'), params: dataRecord }),
  /** One shared param set, or removed when `value` is absent. */
  z.strictObject({ kind: z.literal('param'), name: valueName, value: z.unknown().optional() }),
  /** One user's own value set, or removed when `value` is absent. */
  z.strictObject({ kind: z.literal('user-value'), user: userId, name: valueName, value: z.unknown().optional() }),
  /** A user added at the end of the targets, with its own values if given. */
  z.strictObject({ kind: z.literal('add-user'), user: userId, values: dataRecord.optional() }),
  /** A user removed from the targets, with its own values. */
  z.strictObject({ kind: z.literal('remove-user'), user: userId }),
]);
export type DataEdit = z.infer<typeof dataEditSchema>;

/** A list of edits as it crosses a boundary (applied in order, all or none). */
export const dataEditsSchema = z.array(dataEditSchema).min(1).max(1000);

/** Why an edit could not be applied: which edit (its index in the list), which field, in words. */
export interface EditError {
  index: number;
  path: string;
  message: string;
}

export type EditResult = { ok: true; data: SendData } | { ok: false; error: EditError };

const hasOwn = Object.prototype.hasOwnProperty;

/** A copy of a keyed object without a prototype, so a key such as `__proto__` stays a key. */
function copyRecord<T>(r: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = Object.create(null);
  for (const k of Object.keys(r)) out[k] = r[k]!;
  return out;
}

function applyOne(d: SendData, e: DataEdit): SendData | string {
  switch (e.kind) {
    case 'target-by':
      return { ...d, target_by: e.targetBy };
    case 'params':
      return { ...d, params: e.params };
    case 'param': {
      const params = copyRecord(d.params);
      if (e.value === undefined) {
        if (!hasOwn.call(params, e.name)) return `there is no param "${e.name}" to remove`;
        delete params[e.name];
      } else params[e.name] = e.value;
      return { ...d, params };
    }
    case 'user-value': {
      if (!d.target.includes(e.user)) return `"${e.user}" is not a target`;
      const twp = d.target_with_params;
      if (isTableValues(twp)) return 'per-user values from a table import are edited by importing again (remap), not one by one';
      const keyed = copyRecord(twp);
      const own = copyRecord(hasOwn.call(keyed, e.user) ? keyed[e.user]! : {});
      if (e.value === undefined) {
        if (!hasOwn.call(own, e.name)) return `"${e.user}" has no value "${e.name}" to remove`;
        delete own[e.name];
      } else own[e.name] = e.value;
      keyed[e.user] = own;
      return { ...d, target_with_params: keyed };
    }
    case 'add-user': {
      if (d.target.includes(e.user)) return `"${e.user}" is a target already`;
      const twp = d.target_with_params;
      if (e.values && Object.keys(e.values).length) {
        if (isTableValues(twp)) return 'per-user values from a table import are edited by importing again (remap), not one by one';
        const keyed = copyRecord(twp);
        keyed[e.user] = e.values;
        return { ...d, target: [...d.target, e.user], target_with_params: keyed };
      }
      return { ...d, target: [...d.target, e.user] };
    }
    case 'remove-user': {
      const at = d.target.indexOf(e.user);
      if (at < 0) return `"${e.user}" is not a target`;
      const target = d.target.filter((t) => t !== e.user);
      const twp = d.target_with_params;
      if (isTableValues(twp)) return { ...d, target, target_with_params: withoutUser(twp, e.user) };
      if (!hasOwn.call(twp, e.user)) return { ...d, target };
      const keyed = copyRecord(twp);
      delete keyed[e.user];
      return { ...d, target, target_with_params: keyed };
    }
  }
}

/**
 * Applies edits in order to a data set, all or none: the data given is never changed (parts no
 * edit touches are shared with the result). An edit that does not fit the data (a user who is not
 * a target, a param that is not there) gives the error with its index and field; nothing changes.
 */
export function applyEdits(data: SendData, edits: readonly DataEdit[]): EditResult {
  let d = data;
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]!;
    const r = applyOne(d, e);
    if (typeof r === 'string') return { ok: false, error: { index: i, path: `edits.${i}${'user' in e ? '.user' : 'name' in e ? '.name' : ''}`, message: r } };
    d = r;
  }
  return { ok: true, data: d };
}

/**
 * The edits that turn `before` into `after`, when they share their big parts (the same targets
 * array and per-user values object, as the data store keeps them when only params or the target
 * attribute change); undefined when they do not (an import, a paste, an undo: a new data set).
 * Reference checks only: O(size of the edit), never a walk over the users.
 */
export function editsBetween(before: SendData, after: SendData): DataEdit[] | undefined {
  if (before.target !== after.target || before.target_with_params !== after.target_with_params) return undefined;
  const edits: DataEdit[] = [];
  if (before.target_by !== after.target_by) edits.push({ kind: 'target-by', targetBy: after.target_by });
  if (before.params !== after.params) edits.push({ kind: 'params', params: after.params });
  return edits;
}
