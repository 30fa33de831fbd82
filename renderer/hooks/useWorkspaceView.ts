/**
 * Loads the review of the campaign shown, when the shown campaign (or the workspace) changes. The
 * remembered view itself is put in place by the workspace store when a workspace opens, and which
 * campaign is shown is derived (stores/workspace.ts `shownCampaignFile`): nothing is copied here.
 */
import { useEffect } from 'react';
import { useReview } from '../stores/review';
import { useSelectedFile, useWorkspace } from '../stores/workspace';

export function useWorkspaceView(): void {
  const dir = useWorkspace((s) => s.snapshot?.dir);
  const file = useSelectedFile();
  useEffect(() => {
    if (dir && file) void useReview.getState().load(file);
  }, [dir, file]);
}
