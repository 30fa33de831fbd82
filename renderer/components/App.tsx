import { useEffect, useState, type MouseEvent } from 'react';
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
import { FontWarmup } from './matrix/FontWarmup';

/**
 * The app frame: a skip link to the review matrix (the first Tab stop), the top bar, campaigns and
 * the journey on the left, the selected campaign's review workspace on the right.
 */
export function App() {
  const status = useWorkspace((s) => s.status);
  const error = useWorkspace((s) => s.error);
  const name = useWorkspace((s) => s.snapshot?.name);
  const dir = useWorkspace((s) => s.snapshot?.dir);
  // The campaign view waits for the workspace's remembered view (which campaign, which panes): else
  // it would first render, and send to the render worker, the default campaign it is about to leave.
  const viewReady = useUi((s) => s.workspace) === dir;
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
      <a className="skip-link" href="#review-matrix" onClick={skipToMatrix}>
        Skip to the review matrix
      </a>
      <header className="topbar">
        <span className="brand">Preflight</span>
        <span className="workspace-name" data-testid="workspace-name">
          {name ? `Workspace: ${name}` : ''}
        </span>
        <span className="spacer" />
        <button onClick={() => setSettingsOpen(true)} data-testid="open-settings">
          Checks…
        </button>
        <SendTopbar />
        <PlatformButton />
      </header>
      <InterruptedBanner />
      <FaultsBanner />
      {error && (
        <div role="alert" className="banner error">
          {error}
        </div>
      )}
      <div className="main" style={{ gridTemplateColumns: `${left}px 6px minmax(0, 1fr)` }}>
        <CampaignList />
        <Splitter orientation="vertical" label="Resize campaign list" size={left} min={160} max={480} onSize={(n) => setPane('left', n)} />
        {viewReady ? <CampaignView /> : <main className="content" id="main" tabIndex={-1} />}
      </div>
      <SendDialog />
      <ConfirmationBanner />
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      <FontWarmup />
    </div>
  );
}

/** Focus the matrix (or, with none on screen, the campaign's content) without touching the URL. */
function skipToMatrix(e: MouseEvent) {
  e.preventDefault();
  (document.getElementById('review-matrix') ?? document.getElementById('main'))?.focus();
}
