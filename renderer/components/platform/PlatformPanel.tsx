import { useEffect } from 'react';
import { usePlatform, type PlatformTab } from '../../stores/platform';
import { CampaignBrowser } from './CampaignBrowser';
import { ConnectionTest } from './ConnectionTest';
import { FollowUpTab } from './FollowUpTab';
import { LiveCheckView } from './LiveCheckView';

const TABS: { id: PlatformTab; label: string }[] = [
  { id: 'browse', label: 'Live campaigns' },
  { id: 'live', label: 'Check against live' },
  { id: 'follow-up', label: 'Delivery follow-up' },
];

/** The Platform dialog: environment, connection test, live campaigns, check against live, follow-up. */
export function PlatformPanel() {
  const tab = usePlatform((s) => s.tab);
  const setTab = usePlatform((s) => s.setTab);
  const close = usePlatform((s) => s.close);
  const environments = usePlatform((s) => s.environments);
  const environmentId = usePlatform((s) => s.environmentId);
  const setEnvironment = usePlatform((s) => s.setEnvironment);
  const error = usePlatform((s) => s.error);
  const env = environments.find((e) => e.id === environmentId);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  return (
    <div className="modal-backdrop platform-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div role="dialog" aria-modal="true" aria-labelledby="platform-title" className="modal platform-panel" data-testid="platform-panel">
        <header>
          <h2 id="platform-title">Platform</h2>
          <label>
            Environment{' '}
            <select value={environmentId} onChange={(e) => setEnvironment(e.target.value)} data-testid="platform-environment">
              {environments.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                  {e.production ? ' (production)' : ''}
                </option>
              ))}
            </select>
          </label>
          {env && (
            <span className="muted small">
              {env.region === 'sandbox' ? 'built-in sandbox' : env.region.toUpperCase()} · {env.authMode === 'oauth' ? 'OAuth client credentials' : 'app token'} · <code>{env.baseUrl}</code>
            </span>
          )}
          <button onClick={close} aria-label="Close the platform panel" data-testid="platform-close">
            Close
          </button>
        </header>
        {error && (
          <div role="alert" className="banner error">
            {error}
          </div>
        )}
        <ConnectionTest />
        <div role="tablist" className="platform-tabs">
          {TABS.map((t) => (
            <button key={t.id} role="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)} data-testid={`platform-tab-${t.id}`}>
              {t.label}
            </button>
          ))}
        </div>
        <div className="platform-body" role="tabpanel">
          {tab === 'browse' && <CampaignBrowser />}
          {tab === 'live' && <LiveCheckView />}
          {tab === 'follow-up' && <FollowUpTab />}
        </div>
      </div>
    </div>
  );
}
