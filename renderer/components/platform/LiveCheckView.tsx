import { useSelectedCampaign } from '../../stores/workspace';
import { usePlatform, type LiveCheck } from '../../stores/platform';
import { FailureView, ProblemList, UnmappedFields, ActiveBadge, liveExtras } from './FailureView';
import { TextDiff } from './TextDiff';

const STATUS_TEXT = { same: 'same', changed: 'changed', 'local-only': 'only in the workspace', 'live-only': 'only on the platform' } as const;

/** The comparison of one workspace campaign with the live one, field by field. */
export function LiveComparisonView({ check }: { check: LiveCheck }) {
  if (check.busy) return <p className="muted">Reading the live campaign…</p>;
  if (check.failure) return <FailureView failure={check.failure} testId="live-failure" />;
  const c = check.comparison;
  if (!c || !check.live) return null;
  const changed = c.fields.filter((f) => f.status !== 'same').length;
  return (
    <div data-testid="live-comparison" data-differs={c.differs}>
      {c.differs ? (
        <div role="alert" className="banner warning" data-testid="live-differs">
          The live template differs from the workspace in {changed} field{changed === 1 ? '' : 's'}. The platform sends its own copy, not the workspace's: what you reviewed is not what will be sent.
        </div>
      ) : (
        <div role="status" className="banner ok" data-testid="live-same">
          The workspace campaign matches the live one, field for field.
        </div>
      )}
      <p className="muted">
        Live campaign <code>{c.campaignId}</code> <ActiveBadge active={check.live.active} /> · checked {check.checkedAt ? new Date(check.checkedAt).toLocaleTimeString() : ''}
      </p>
      {c.warnings.map((w, i) => (
        <div key={i} className="banner warning" data-testid="live-warning">
          {w}
        </div>
      ))}
      <ProblemList problems={check.live.problems} />
      <table className="platform-table field-diff">
        <thead>
          <tr>
            <th>Message</th>
            <th>Field</th>
            <th>Status</th>
            <th>Workspace</th>
            <th>Live (differences marked)</th>
          </tr>
        </thead>
        <tbody>
          {c.fields.map((f) => (
            <tr key={`${f.messageType}.${f.field}`} data-testid={`diff-${f.node ?? f.messageType}-${f.field}`} data-status={f.status}>
              <td>
                {f.message}
                {f.node ? <span className="muted"> ({f.node})</span> : null}
              </td>
              <td>{f.field}</td>
              <td className={`status-${f.status}`}>{STATUS_TEXT[f.status]}</td>
              <td className="text">{f.local ?? <span className="muted">—</span>}</td>
              <td className="text">{f.status === 'changed' ? <TextDiff local={f.local ?? ''} live={f.live ?? ''} /> : (f.live ?? <span className="muted">—</span>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <UnmappedFields fields={liveExtras(check.live)} />
    </div>
  );
}

/** "Check against live" for the selected workspace campaign. */
export function LiveCheckView() {
  const entry = useSelectedCampaign();
  const check = usePlatform((s) => (entry ? s.live[entry.file] : undefined));
  const run = usePlatform((s) => s.checkLive);
  if (!entry?.campaign) return <p className="muted">Select a valid workspace campaign to compare it with the live one.</p>;
  const campaign = entry.campaign;
  const stale = check?.compared !== undefined && check.compared !== JSON.stringify(campaign);
  return (
    <section aria-label="Check against live">
      <div className="pager">
        <span>
          <strong>{campaign.name}</strong> <code>{campaign.id}</code> <span className="muted">({entry.file})</span>
        </span>
        <button className="primary" onClick={() => void run(entry.file, campaign)} disabled={check?.busy} data-testid="check-live">
          {check ? 'Check again' : 'Check against live'}
        </button>
        {stale && <span className="muted">The campaign changed since this check.</span>}
      </div>
      {check && <LiveComparisonView check={check} />}
    </section>
  );
}
