import type { WorkspaceCampaign } from '../../shared/workspace/model';
import { useSelectedFile, useWorkspace } from '../stores/workspace';
import { useUi } from '../stores/ui';

const NONE: WorkspaceCampaign[] = [];

/** The workspace's campaign files (unsaved ones marked •; invalid ones show their error count) and the selected campaign's nodes as a flow. */
export function CampaignList() {
  const campaigns = useWorkspace((s) => s.model?.campaigns ?? NONE);
  const selected = useSelectedFile();
  const drafts = useWorkspace((s) => s.drafts);
  const select = useWorkspace((s) => s.select);
  const current = campaigns.find((c) => c.file === selected)?.campaign;
  const selectedCell = useUi((s) => s.selected);
  return (
    <nav className="sidebar" aria-label="Campaigns">
      <h2>Campaigns</h2>
      <ul>
        {campaigns.map((c) => (
          <li key={c.file}>
            <button className={c.file === selected ? 'campaign selected' : 'campaign'} aria-current={c.file === selected} onClick={() => select(c.file)} data-testid={`campaign-${c.file}`}>
              <span className="campaign-name">
                {c.campaign?.name ?? c.file}
                {drafts[c.file] !== undefined ? ' •' : ''}
              </span>
              <span className="campaign-meta">{c.campaign ? `${c.campaign.type} · ${c.campaign.nodes.length} node${c.campaign.nodes.length > 1 ? 's' : ''}` : `${c.diagnostics.length} error(s)`}</span>
            </button>
          </li>
        ))}
      </ul>
      {current && (
        <>
          <h2>{current.type === 'multistage' ? 'Journey' : 'Message'}</h2>
          <ol className="flow" aria-label="Nodes in order" data-testid="node-flow">
            {current.nodes.map((n, i) => (
              <li key={n.key} className={selectedCell?.node === n.key ? 'current' : undefined}>
                <span className="step">{i + 1}</span>
                <span className="node-key">{n.name ?? n.key}</span>
                <span className={`channel channel-${n.channel}`}>{n.channel}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </nav>
  );
}
