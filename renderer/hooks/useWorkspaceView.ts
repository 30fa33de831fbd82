/**
 * Restores the per-workspace view (pane sizes, campaign, filters…) when a workspace opens, remembers
 * the selected campaign, and loads its review. On the sample workspace's first start it opens the
 * promo journey (real users) rather than the first file (the gate update's placeholder USER_ID).
 */
import { useEffect } from 'react';
import { useReview } from '../stores/review';
import { useUi } from '../stores/ui';
import { useWorkspace } from '../stores/workspace';
import { SAMPLE_FIRST_CAMPAIGN, isSampleWorkspace } from '../components/start/sample';

export function useWorkspaceView(): void {
  const dir = useWorkspace((s) => s.snapshot?.dir);
  const selected = useWorkspace((s) => s.selected);
  useEffect(() => {
    if (!dir) return;
    useUi.getState().hydrate(dir);
    const remembered = useUi.getState().campaign;
    if (remembered) useWorkspace.getState().select(remembered);
    else if (isSampleWorkspace(useWorkspace.getState().model)) useWorkspace.getState().select(SAMPLE_FIRST_CAMPAIGN);
  }, [dir]);
  useEffect(() => {
    // The effect above may just have selected the remembered campaign: this render's value is then
    // stale, and acting on it would reset the view it restored.
    if (!selected || useWorkspace.getState().selected !== selected) return;
    if (useUi.getState().campaign !== selected) useUi.getState().switchCampaign(selected);
    void useReview.getState().load(selected);
  }, [selected]);
}
