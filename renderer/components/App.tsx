import { useEffect, useState } from 'react';
import { useWorkspace } from '../stores/workspace';
import { useSend } from '../stores/send';
import { useUi } from '../stores/ui';
import { useWorkspaceView } from '../hooks/useWorkspaceView';
import { CampaignList } from './CampaignList';
import { CampaignView } from './CampaignView';
import { Splitter } from './layout/Splitter';
import { SettingsDialog } from './review/SettingsDialog';
import { SendDialog } from './send/SendDialog';
import { SendTopbar } from './send/SendTopbar';
import { InterruptedBanner } from './send/InterruptedBanner';
import { FaultsBanner } from './send/FaultsBanner';
import { ConfirmationBanner } from './send/ConfirmationBanner';
import { PlatformButton } from './platform/PlatformButton';

/** The app frame: campaigns and the journey on the left, the selected campaign's review workspace on the right. */
export function App() {
  const status = useWorkspace((s) => s.status);
  const error = useWorkspace((s) => s.error);
  const name = useWorkspace((s) => s.snapshot?.name);
  const open = useWorkspace((s) => s.open);
  const loadEnvironments = useSend((s) => s.loadEnvironments);
  const left = useUi((s) => s.panes.left);
  const setPane = useUi((s) => s.setPane);
  const [settingsOpen, setSettingsOpen] = useState(false);
  useWorkspaceView();

  useEffect(() => {
    void open();
    void loadEnvironments();
  }, [open, loadEnvironments]);

  useEffect(() => {
    document.getElementById('root')?.setAttribute('data-app-state', status);
  }, [status]);

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Preflight</span>
        <span className="workspace-name" data-testid="workspace-name">{name ? `Workspace: ${name}` : ''}</span>
        <span className="spacer" />
        <button onClick={() => setSettingsOpen(true)} data-testid="open-settings">Checks…</button>
        <SendTopbar />
        <PlatformButton />
      </header>
      <InterruptedBanner />
      <FaultsBanner />
      {error && <div role="alert" className="banner error">{error}</div>}
      <div className="main" style={{ gridTemplateColumns: `${left}px 6px minmax(0, 1fr)` }}>
        <CampaignList />
        <Splitter orientation="vertical" label="Resize campaign list" size={left} min={160} max={480} onSize={(n) => setPane('left', n)} />
        <CampaignView />
      </div>
      <SendDialog />
      <ConfirmationBanner />
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
