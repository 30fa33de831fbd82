/**
 * The current data's targets as a set, for "is this user in the data?" (the selection, the compare
 * picks, the review progress, the report). Built once per target list (a list is replaced, never
 * changed), in slices with the window drawing between them: a set of a million ids built at once
 * held the window for over a second after an import. Until it is built, a few lookups scan the list.
 */
import { useEffect, useState } from 'react';
import { nextTask } from './next-task';

/** Ids added per slice (a few ms each). */
const SLICE = 20_000;

const built = new WeakMap<readonly string[], Set<string>>();
const building = new WeakMap<readonly string[], Promise<Set<string>>>();

/** The set of these targets once built, else undefined (and its building is started). */
export function targetSetNow(targets: readonly string[]): Set<string> | undefined {
  const s = built.get(targets);
  if (s) return s;
  if (targets.length <= SLICE) {
    const small = new Set(targets);
    built.set(targets, small);
    return small;
  }
  void targetSet(targets);
  return undefined;
}

/** The set of these targets, built in slices. */
export function targetSet(targets: readonly string[]): Promise<Set<string>> {
  const s = built.get(targets);
  if (s) return Promise.resolve(s);
  if (targets.length <= SLICE) return Promise.resolve(targetSetNow(targets)!);
  let p = building.get(targets);
  if (!p) {
    p = (async () => {
      const set = new Set<string>();
      for (let i = 0; i < targets.length; i += SLICE) {
        for (let j = i; j < i + SLICE && j < targets.length; j++) set.add(targets[j]!);
        await nextTask();
      }
      built.set(targets, set);
      building.delete(targets);
      return set;
    })();
    building.set(targets, p);
  }
  return p;
}

/** True when `t` is one of the targets (by the set once built; by scanning the list until then, ~1 ms per million). */
export function hasTarget(targets: readonly string[], t: string): boolean {
  const s = targetSetNow(targets);
  return s ? s.has(t) : targets.includes(t);
}

/** The set of these targets once built (the component renders again when it is). */
export function useTargetSet(targets: readonly string[]): Set<string> | undefined {
  const [, ready] = useState(0);
  const now = targetSetNow(targets);
  useEffect(() => {
    if (now) return;
    let live = true;
    void targetSet(targets).then(() => live && ready((n) => n + 1));
    return () => {
      live = false;
    };
  }, [targets, now]);
  return now;
}
