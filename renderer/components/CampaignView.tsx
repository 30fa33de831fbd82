import { useRenders } from '../hooks/useRenders';
import { useSelectedCampaign, useWorkspace } from '../stores/workspace';
import { useSend } from '../stores/send';
import { DiagnosticList } from './DiagnosticList';
import { RenderMatrix } from './RenderMatrix';
import { SendResultView } from './send/SendResultView';
import { DataPanel } from './data/DataPanel';

/** The selected campaign: its nodes, the users × nodes render matrix and the send button. */
export function CampaignView() {
  const entry = useSelectedCampaign();
  const profiles = useWorkspace((s) => s.model?.profiles);
  const environments = useSend((s) => s.environments);
  const prepare = useSend((s) => s.prepare);

  const data = entry?.request?.data;
  const { renders, diagnostics: campaignDiagnostics, status, error } = useRenders(entry?.campaign, data, profiles);

  if (!entry) return <main className="content empty">No campaign selected.</main>;
  if (!entry.campaign)
    return (
      <main className="content">
        <h1>{entry.file}</h1>
        <DiagnosticList diagnostics={entry.diagnostics} />
      </main>
    );
  const c = entry.campaign;
  const sandbox = environments.find((e) => e.builtin);
  return (
    <main className="content">
      <div className="campaign-header">
        <div>
          <h1 data-testid="campaign-title">{c.name}</h1>
          <div className="muted">
            Campaign ID <code>{c.id}</code> · {c.type} · target_by <code>{data?.target_by ?? c.target_by}</code> · {data?.target.length ?? 0} target(s)
            {entry.request && <> · data from <code>{entry.request.file}</code></>}
          </div>
          <ol className="flow" aria-label="Journey">
            {c.nodes.map((n) => (
              <li key={n.key}>
                <span className={`channel channel-${n.channel}`}>{n.channel}</span> {n.key}
              </li>
            ))}
          </ol>
        </div>
        <button
          className="primary"
          data-testid="send-button"
          disabled={!data || !sandbox || data.target.length === 0}
          onClick={() => data && sandbox && prepare({ campaignId: c.id, campaignName: c.name, data, environmentId: sandbox.id })}
        >
          Send…
        </button>
      </div>
      {error && <div role="alert" className="banner error">Rendering failed: {error}</div>}
      <DataPanel data={data} />
      <DiagnosticList diagnostics={campaignDiagnostics} />
      {data ? <RenderMatrix status={status} nodes={c.nodes} targets={data.target} renders={renders} /> : <p className="muted">No request data for this campaign: add requests/{entry.file.replace(/^.*\//, '').replace(/\.[^.]+$/, '')}.json</p>}
      <SendResultView />
    </main>
  );
}
