import type { SendDetail } from '../../../shared/ipc/channels/send';
import { useSend } from '../../stores/send';
import { SendDetailView } from './SendDetailView';

/**
 * The last send's account when it belongs to this campaign (by campaign id) and has finished; a
 * send of another campaign, or one still running in the dialog, is not this campaign's to show.
 */
export function useCampaignSendResult(campaignId: string | undefined): SendDetail | undefined {
  const detail = useSend((s) => s.detail);
  if (!detail || detail.status === 'running' || campaignId === undefined || detail.campaignId !== campaignId) return undefined;
  return detail;
}

/** The last send's per-batch account (shown in the campaign's send drawer after the dialog closes). */
export function SendResultView({ detail }: { detail: SendDetail }) {
  return <SendDetailView detail={detail} headingLevel={3} />;
}
