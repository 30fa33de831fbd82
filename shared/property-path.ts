/**
 * Dotted property paths that come from outside (`messages.9.sms_text` in the sandbox's live
 * campaign editor): a segment that names `__proto__`, `constructor` or `prototype` walks from a
 * plain object into Object.prototype, where one write changes every object of the process (a
 * polluted key then fails every strict schema until restart). Such paths are refused, in the IPC
 * schema and again in the setter.
 */

/** Names that lead from an object to its prototype or constructor. */
export const PROTOTYPE_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The first segment of a dotted `path` that is one of PROTOTYPE_KEYS, if any. */
export function prototypeSegment(path: string): string | undefined {
  return path.split('.').find((p) => PROTOTYPE_KEYS.includes(p));
}

/** Why a dotted path from outside cannot be used (a prototype segment, an empty part), or undefined. */
export function propertyPathProblem(path: string): string | undefined {
  const bad = prototypeSegment(path);
  if (bad !== undefined) return `"${path}" goes through "${bad}", which is not a property of the data`;
  if (path.split('.').some((p) => p === '')) return `"${path}" has an empty part`;
  return undefined;
}
