/** "Next problem": the next row (after the selected one, wrapping) whose user has an error or warning in the full scan. */
import { useCallback } from 'react';
import { useRenders } from '../stores/renders';
import { useUi } from '../stores/ui';
import { SEV_ERROR, SEV_WARNING } from '../workers/render-protocol';

/** Returns a function that finds and selects the next problem row; it answers the row index or -1. */
export function useNextProblem(firstNode: string | undefined, direction: 1 | -1 = 1): () => number {
  return useCallback(() => {
    const { scan, targets, indices } = useRenders.getState();
    const ui = useUi.getState();
    if (!scan.severity || !firstNode) return -1;
    const count = indices ? indices.length : targets.length;
    const at = (row: number) => (indices ? indices[row]! : row);
    const selectedIndex = ui.selected ? targets.indexOf(ui.selected.target) : -1;
    let startRow = -1;
    if (selectedIndex >= 0) for (let r = 0; r < count; r++) if (at(r) === selectedIndex) startRow = r;
    for (let k = 1; k <= count; k++) {
      const row = (((startRow + direction * k) % count) + count) % count;
      if (scan.severity[at(row)]! & (SEV_ERROR | SEV_WARNING)) {
        ui.select(targets[at(row)]!, ui.selected?.node ?? firstNode);
        return row;
      }
    }
    return -1;
  }, [firstNode, direction]);
}
