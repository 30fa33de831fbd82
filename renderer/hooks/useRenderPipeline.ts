/** Keeps the render worker loaded with the selected campaign as edited, its data, profiles and the team's settings. */
import { useEffect } from 'react';
import type { Campaign } from '../../shared/campaign/model';
import type { SendData } from '../../shared/campaign/send-data';
import type { CampaignSource } from '../../shared/campaign/source-map';
import { useProfiles } from '../stores/data';
import { useRenders } from '../stores/renders';
import { useWorkspace } from '../stores/workspace';

export function useRenderPipeline(campaign: Campaign | undefined, data: SendData | undefined, source?: CampaignSource): void {
  const profiles = useProfiles();
  const settings = useWorkspace((s) => s.settings);
  const load = useRenders((s) => s.load);
  const clear = useRenders((s) => s.clear);
  useEffect(() => {
    if (campaign && data) load({ campaign, ...(source ? { source } : {}), data, profiles, settings });
    else clear();
  }, [campaign, source, data, profiles, settings, load, clear]);
}
