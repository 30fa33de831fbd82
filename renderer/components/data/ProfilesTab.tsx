import { useData, useProfiles } from '../../stores/data';
import { FileImportButton } from './FileImportButton';

/** Profiles for preview (stand-ins for the platform's stored attributes), kept apart from send data. */
export function ProfilesTab({ campaign }: { campaign: string }) {
  const profiles = useProfiles();
  const source = useData((s) => s.profilesSource);
  const startImport = useData((s) => s.startImport);
  const reset = useData((s) => s.resetProfiles);
  const count = Object.keys(profiles).length;
  const attrs = new Set<string>();
  for (const p of Object.values(profiles).slice(0, 500)) for (const k of Object.keys(p ?? {})) attrs.add(k);
  return (
    <div className="data-tab" role="tabpanel" aria-label="Profiles" data-testid="profiles-tab">
      <div className="data-row">
        <strong data-testid="profiles-count">{count.toLocaleString()} profile(s)</strong>
        <span className="muted">
          {source ? (
            <>
              from <code>{source}</code>
            </>
          ) : (
            'from the workspace profiles/ folder'
          )}
        </span>
        {attrs.size > 0 && (
          <span className="muted small">
            attributes: {[...attrs].slice(0, 12).join(', ')}
            {attrs.size > 12 ? '…' : ''}
          </span>
        )}
        <span className="spacer" />
        <FileImportButton testId="import-profiles" onInput={(input) => void startImport(campaign, input, 'profiles', true)}>
          Import profiles…
        </FileImportButton>
        {source && <button onClick={reset}>Use workspace profiles</button>}
      </div>
      <p className="muted small">Profiles are for preview only. Values passed in a send (params, per-user params) are never written into them, as on the platform.</p>
    </div>
  );
}
