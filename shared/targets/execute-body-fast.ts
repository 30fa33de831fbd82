/**
 * The fast path of reading an execute body: the engine's own `JSON.parse`, taken only when the body
 * is one the located reader (execute-body.ts, over json.ts's offset-keeping parser) would read
 * without a single diagnostic. Then the two give the same body, so nothing is lost — and a
 * 1,000,000-target body no longer builds a node with offsets for each of its millions of values
 * before copying them out again (twice the time of JSON.parse and ~800 MB more at its peak).
 * Anything the located reader would say something about (a syntax error, a duplicate key, a number
 * whose literal text matters, an empty or repeated id, a token, a placeholder, a wrong type, stray
 * per-user values) sends the body to the located reader, which says it with its place.
 */
import { jsonOutline } from '../json-limits';
import type { ExecuteBodyData } from './types';

/** Lower-case values the located reader warns about as placeholders for `id` (execute-body.ts). */
export type Placeholders = ReadonlySet<string>;

/** How many `key: value` members the text's objects hold, or undefined when it nests past the shared limit. */
function memberCount(text: string): number | undefined {
  const o = jsonOutline(text);
  return o.tooDeepAt === -1 ? o.members : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Counts the keys of every object in a parsed value; false when a number's literal text could
 * matter (an integer beyond 2^53, which the located reader warns about as lossy).
 */
function countKeys(v: unknown, acc: { keys: number }): boolean {
  if (typeof v === 'number') return !Number.isInteger(v) || Number.isSafeInteger(v);
  if (typeof v !== 'object' || v === null) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (!countKeys(x, acc)) return false;
    return true;
  }
  const keys = Object.keys(v);
  acc.keys += keys.length;
  for (const k of keys) if (!countKeys((v as Record<string, unknown>)[k], acc)) return false;
  return true;
}

/**
 * The body of `text` when the located reader would find nothing to say about it, else undefined
 * (read it with the located reader). Never throws.
 */
export function cleanExecuteBody(text: string, placeholders: Placeholders): ExecuteBodyData | undefined {
  const members = memberCount(text);
  if (members === undefined) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(root)) return undefined;
  // The members written equal the keys kept: no key was written twice (JSON.parse keeps the last silently).
  const acc = { keys: 0 };
  if (!countKeys(root, acc) || acc.keys !== members) return undefined;
  const { id, target_by, target, params, target_with_params } = root;
  if ('apptoken' in root) return undefined;
  if ('id' in root && (typeof id !== 'string' || placeholders.has(id.toLowerCase()))) return undefined;
  if ('target_by' in root && (typeof target_by !== 'string' || target_by.trim() === '')) return undefined;
  if ('params' in root && !isObject(params)) return undefined;
  // Every id a non-empty string (numbers keep their literal text only in the located reader), none twice.
  if (!Array.isArray(target)) return undefined;
  const ids = new Set<string>();
  for (const t of target) {
    if (typeof t !== 'string' || t === '' || ids.has(t)) return undefined;
    ids.add(t);
  }
  if ('target_with_params' in root) {
    if (!isObject(target_with_params)) return undefined;
    for (const k of Object.keys(target_with_params)) if (!isObject(target_with_params[k]) || !ids.has(k)) return undefined;
  }
  return root as ExecuteBodyData;
}
