import { createPortal } from 'react-dom';
import { useSend } from '../../stores/send';
import { useWorkspace } from '../../stores/workspace';
import { LiveDifferenceWarning } from './LiveDifferenceWarning';

/**
 * While a send is being confirmed, warns above the dialog when the workspace template differs from
 * the live one in the send's environment: the platform renders its own copy, not the one reviewed.
 */
export function PreSendLiveCheck() {
  const request = useSend((s) => s.request);
  const entry = useWorkspace((s) => {
    if (!request) return undefined;
    const all = s.model?.campaigns ?? [];
    return all.find((c) => c.file === request.campaignFile && c.campaign?.id === request.campaignId) ?? all.find((c) => c.campaign?.id === request.campaignId);
  });
  if (!request || !entry?.campaign) return null;
  return createPortal(
    <div className="pre-send-live-check">
      <LiveDifferenceWarning file={entry.file} campaign={entry.campaign} environmentId={request.environmentId} />
    </div>,
    document.body,
  );
}
