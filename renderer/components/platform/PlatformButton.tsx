/**
 * The platform slot in the top bar: opens the Platform panel (also from the app menu's "browse
 * platform" command) and shows whether the selected campaign matches the live one, checked
 * automatically when the selection or the environment changes; warns above the send dialog when
 * the live template differs.
 */
import { useEffect } from 'react';
import { api } from '../../api/client';
import { usePlatform } from '../../stores/platform';
import { useSelectedCampaign, useWorkspace } from '../../stores/workspace';
import { PlatformPanel } from './PlatformPanel';
import { PreSendLiveCheck } from './PreSendLiveCheck';
import './platform.css';

function LiveBadge() {
  const entry = useSelectedCampaign();
  const check = usePlatform((s) => (entry ? s.live[entry.file] : undefined));
  const environmentId = usePlatform((s) => s.environmentId);
  const file = entry?.file;
  const campaign = entry?.campaign;
  const hasCampaign = campaign !== undefined;
  // Only a new selection or environment triggers a check (edits are re-checked on request), so
  // typing in the editor does not call the platform on every keystroke.
  useEffect(() => {
    if (!file || !hasCampaign) return;
    const current = usePlatform.getState();
    const latest = useWorkspace.getState().model?.campaigns.find((x) => x.file === file)?.campaign;
    if (latest) void current.checkLive(file, latest);
  }, [file, hasCampaign, environmentId]);
  if (!check || check.busy || check.environmentId !== environmentId) return null;
  if (check.failure)
    return (
      <span className="platform-badge failed" data-testid="live-badge" title={check.failure.message}>
        live: unknown
      </span>
    );
  if (!check.comparison) return null;
  return check.comparison.differs ? (
    <span className="platform-badge differs" data-testid="live-badge">
      live differs
    </span>
  ) : (
    <span className="platform-badge same" data-testid="live-badge">
      matches live
    </span>
  );
}

export function PlatformButton() {
  const open = usePlatform((s) => s.open);
  const openPanel = usePlatform((s) => s.openPanel);
  const loadEnvironments = usePlatform((s) => s.loadEnvironments);
  useEffect(() => {
    void loadEnvironments();
    return api.on('app.command', (c) => {
      if (c.command === 'browse-platform') openPanel('browse');
    });
  }, [openPanel, loadEnvironments]);
  return (
    <>
      <button className="platform-button" onClick={() => openPanel()} data-testid="platform-button" title="Browse the platform's live campaigns, import, check against live, follow up sends">
        Platform <LiveBadge />
      </button>
      {open && <PlatformPanel />}
      <PreSendLiveCheck />
    </>
  );
}
