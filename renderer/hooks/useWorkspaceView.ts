/** Restores the per-workspace view (pane sizes, campaign, filters…) when a workspace opens, remembers the selected campaign, and loads its review. */
import { useEffect } from 'react';
import { useReview } from '../stores/review';
import { useUi } from '../stores/ui';
import { useWorkspace } from '../stores/workspace';

export function useWorkspaceView(): void {
  const dir = useWorkspace((s) => s.snapshot?.dir);
  const selected = useWorkspace((s) => s.selected);
  useEffect(() => {
    if (!dir) return;
    useUi.getState().hydrate(dir);
    const remembered = useUi.getState().campaign;
    if (remembered) useWorkspace.getState().select(remembered);
  }, [dir]);
  useEffect(() => {
    if (!selected) return;
    if (useUi.getState().campaign !== selected) useUi.getState().set({ campaign: selected, selected: undefined });
    void useReview.getState().load(selected);
  }, [selected]);
}
