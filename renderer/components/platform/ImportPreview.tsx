import { templateFields } from '../../../shared/campaign/model';
import { usePlatform } from '../../stores/platform';
import { ActiveBadge, FailureView, ProblemList, UnmappedFields, liveExtras } from './FailureView';

/** What importing a live campaign would write: its nodes and texts, what is not mapped, and the file. */
export function ImportPreview() {
  const p = usePlatform((s) => s.preview);
  const importPreviewed = usePlatform((s) => s.importPreviewed);
  const close = usePlatform((s) => s.close);
  if (!p) return null;
  if (p.busy && !p.live) return <div className="preview-box muted">Reading campaign {p.campaignId}…</div>;
  if (p.failure) return <FailureView failure={p.failure} testId="preview-failure" />;
  if (!p.live) return null;
  const c = p.live.campaign;
  return (
    <div className="preview-box" data-testid="import-preview" aria-label="Import preview">
      <h3>
        {c.name} <code>{c.id}</code> <ActiveBadge active={p.live.active} /> <span className="muted">· {c.type}</span>
      </h3>
      <ProblemList problems={p.live.problems} />
      {p.live.notes.map((n, i) => (
        <div key={i} className="banner warning">
          {n}
        </div>
      ))}
      <table className="platform-table">
        <thead>
          <tr>
            <th>Node</th>
            <th>Field</th>
            <th>Template</th>
          </tr>
        </thead>
        <tbody>
          {c.nodes.flatMap((n) =>
            templateFields(n).map((f) => (
              <tr key={`${n.key}.${f.name}`} data-testid={`preview-field-${n.key}-${f.name}`}>
                <td>
                  <span className={`channel channel-${n.channel}`}>{n.channel}</span> {n.name ?? n.key}
                </td>
                <td>{f.name}</td>
                <td>
                  <code>{f.source}</code>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <UnmappedFields fields={liveExtras(p.live)} />
      <div className="actions">
        {p.imported?.state === 'exists' ? (
          <>
            <span role="alert" data-testid="import-exists">
              <code>{p.imported.path}</code> already exists in the workspace.
            </span>
            <button className="primary" onClick={() => void importPreviewed(true)} disabled={p.busy} data-testid="import-replace">
              Replace it
            </button>
          </>
        ) : p.imported?.state === 'written' ? (
          <>
            <span role="status" data-testid="import-done">
              Imported as <code>{p.imported.path}</code>.
            </span>
            <button onClick={close}>Review it</button>
          </>
        ) : (
          <button className="primary" onClick={() => void importPreviewed(false)} disabled={p.busy} data-testid="import-campaign">
            Import as {p.path}
          </button>
        )}
      </div>
    </div>
  );
}
