/**
 * The selected cell and the compare picks as the screen may show them: only users who are in the
 * current data. The stored choice stays (an undo that brings a user back brings the selection back);
 * what is derived here is whether it may be shown, so a user who is not in the data never is.
 */
import { useMemo } from 'react';
import { useRenders } from '../stores/renders';
import { useUi } from '../stores/ui';
import { hasTarget } from '../lib/target-set';

/** The selected cell, when its user is in the current data. */
export function useSelection(): { target: string; node: string } | undefined {
  const selected = useUi((s) => s.selected);
  const present = useRenders((s) => !!selected && hasTarget(s.targets, selected.target));
  return present ? selected : undefined;
}

/** The users picked for side by side who are in the current data, in the order they were picked. */
export function useComparePicks(): string[] {
  const picks = useUi((s) => s.compare.targets);
  const targets = useRenders((s) => s.targets);
  return useMemo(() => picks.filter((t) => hasTarget(targets, t)), [picks, targets]);
}

/** The selected user outside React (editor hover), when in the current data. */
export function selectedTarget(): string | undefined {
  const t = useUi.getState().selected?.target;
  return t !== undefined && hasTarget(useRenders.getState().targets, t) ? t : undefined;
}
