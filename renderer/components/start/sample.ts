/**
 * The sample workspace (examples/ in the repository, opened on first start) and whether the person
 * has dismissed its "Start here" guide. The guide is for the sample only: a workspace of the team's
 * own needs no tour. Recognised by its promo journey (the platform document's journey, with real
 * users) rather than by folder, because the app and the tests open copies of it.
 */
import type { WorkspaceModel } from '../../../shared/workspace/model';

/** The sample's campaign with real users: opened first instead of the gate update's placeholder USER_ID. */
export const SAMPLE_FIRST_CAMPAIGN = 'campaigns/promo-journey.yaml';
const SAMPLE_CAMPAIGN_ID = 'Campaign_ID';
const DISMISSED_KEY = 'preflight.start-here.dismissed';

/** True for the sample workspace (or a copy of it): it holds the promo journey of the platform document. */
export function isSampleWorkspace(model: WorkspaceModel | undefined): boolean {
  return !!model?.campaigns.some((c) => c.file === SAMPLE_FIRST_CAMPAIGN && c.campaign?.id === SAMPLE_CAMPAIGN_ID);
}

/** Whether the guide was dismissed on this computer (app-wide, not per workspace: it is seen once). */
export function startHereDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === 'yes';
  } catch {
    return false;
  }
}

export function dismissStartHere(): void {
  try {
    localStorage.setItem(DISMISSED_KEY, 'yes');
  } catch {
    /* storage disabled: the guide comes back next time, which is harmless */
  }
}
