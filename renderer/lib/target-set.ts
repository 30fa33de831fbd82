/**
 * The current data's targets as a set, for "is this user in the data?" (the selection, the compare
 * picks, the review progress, the report). Built once per target list (a list is replaced, never
 * changed), in slices with the window drawing between them: a set of a million ids built at once
 * held the window for over a second after an import. Until it is built, a few lookups scan the list.
 *
 * A big list's set is a hash index over the list itself: an open-addressing table of positions in
 * one typed array, sized for the whole list before the first id goes in. A `Set` of a million ids
 * grows by rehashing all it holds (its last doubling moved half a million ids in one 90–140 ms
 * task, however small the slices), and a set split into small shards spent its slices copying the
 * shards' tables through the young generation; the index allocates once and holds no object per id.
 * It iterates in the list's order, each id once.
 */
import { useEffect, useState } from 'react';
import { nextTask } from './next-task';

/** Ids added per slice (a few ms each). */
const SLICE = 20_000;

/** The targets as a set: how many distinct ids, whether one is there, and each once in the list's order. */
export interface TargetSet extends Iterable<string> {
  readonly size: number;
  has(t: string): boolean;
}

/** FNV-1a over the id's UTF-16 units. */
function hashOf(t: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** A big list's set, filled by `addUpTo` in slices: slot = position + 1, 0 = empty, probed linearly. */
class ListIndex implements TargetSet {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Positions whose id came earlier in the list too (skipped when iterating). */
  private readonly repeats = new Set<number>();
  private filled = 0;
  size = 0;

  constructor(private readonly list: readonly string[]) {
    // At most half full, so probes stay short.
    let capacity = 16;
    while (capacity < list.length * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The slot holding `t`, or the empty slot where it would go. */
  private slotOf(t: string): number {
    const { slots, mask, list } = this;
    let s = hashOf(t) & mask;
    while (slots[s] !== 0 && list[slots[s]! - 1] !== t) s = (s + 1) & mask;
    return s;
  }

  /** Adds the list's ids up to position `end`; true when the whole list is in. */
  addUpTo(end: number): boolean {
    const last = Math.min(end, this.list.length);
    for (let i = this.filled; i < last; i++) {
      const s = this.slotOf(this.list[i]!);
      if (this.slots[s] !== 0) this.repeats.add(i);
      else {
        this.slots[s] = i + 1;
        this.size++;
      }
    }
    this.filled = last;
    return last === this.list.length;
  }

  has(t: string): boolean {
    return this.slots[this.slotOf(t)] !== 0;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.list.length; i++) if (!this.repeats.has(i)) yield this.list[i]!;
  }
}

const built = new WeakMap<readonly string[], TargetSet>();
const building = new WeakMap<readonly string[], Promise<TargetSet>>();

/** The set of these targets once built, else undefined (and its building is started). */
export function targetSetNow(targets: readonly string[]): TargetSet | undefined {
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
export function targetSet(targets: readonly string[]): Promise<TargetSet> {
  const s = built.get(targets);
  if (s) return Promise.resolve(s);
  if (targets.length <= SLICE) return Promise.resolve(targetSetNow(targets)!);
  let p = building.get(targets);
  if (!p) {
    p = (async () => {
      const set = new ListIndex(targets);
      for (let end = SLICE; !set.addUpTo(end); end += SLICE) await nextTask();
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
export function useTargetSet(targets: readonly string[]): TargetSet | undefined {
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
