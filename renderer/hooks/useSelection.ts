/**
 * The selected cell and the compare picks as the screen may show them: only users who are in the
 * current data. The stored choice stays (an undo that brings a user back brings the selection back);
 * what is derived here is whether it may be shown, so a user who is not in the data never is.
 */
import { useMemo } from 'react';
import { useRenders } from '../stores/renders';
import { useUi } from '../stores/ui';

const sets = new WeakMap<readonly string[], Set<string>>();

/** The current data's targets as a set, built once per target list (a list is replaced, never changed). */
export function targetSet(targets: readonly string[]): Set<string> {
  let s = sets.get(targets);
  if (!s) sets.set(targets, (s = new Set(targets)));
  return s;
}

/** The selected cell, when its user is in the current data. */
export function useSelection(): { target: string; node: string } | undefined {
  const selected = useUi((s) => s.selected);
  const present = useRenders((s) => !!selected && targetSet(s.targets).has(selected.target));
  return present ? selected : undefined;
}

/** The users picked for side by side who are in the current data, in the order they were picked. */
export function useComparePicks(): string[] {
  const picks = useUi((s) => s.compare.targets);
  const targets = useRenders((s) => s.targets);
  return useMemo(() => {
    const present = targetSet(targets);
    return picks.filter((t) => present.has(t));
  }, [picks, targets]);
}

/** The selected user outside React (editor hover), when in the current data. */
export function selectedTarget(): string | undefined {
  const t = useUi.getState().selected?.target;
  return t !== undefined && targetSet(useRenders.getState().targets).has(t) ? t : undefined;
}
