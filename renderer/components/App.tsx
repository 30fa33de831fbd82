import { useEffect } from 'react';
import { useWorkspace } from '../stores/workspace';
import { useSend } from '../stores/send';
import { CampaignList } from './CampaignList';
import { CampaignView } from './CampaignView';
import { SendDialog } from './send/SendDialog';
import { PlatformButton } from './platform/PlatformButton';

/** The app frame: campaign list on the left, the selected campaign's review on the right. */
export function App() {
  const status = useWorkspace((s) => s.status);
  const error = useWorkspace((s) => s.error);
  const name = useWorkspace((s) => s.snapshot?.name);
  const open = useWorkspace((s) => s.open);
  const loadEnvironments = useSend((s) => s.loadEnvironments);

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
        <PlatformButton />
      </header>
      {status === 'error' && <div role="alert" className="banner error">{error}</div>}
      <div className="main">
        <CampaignList />
        <CampaignView />
      </div>
      <SendDialog />
    </div>
  );
}
