import type { WorkspaceCampaign } from '../../shared/workspace/model';
import { useWorkspace } from '../stores/workspace';

const NONE: WorkspaceCampaign[] = [];

/** Lists the workspace's campaign files; invalid ones show their first error. */
export function CampaignList() {
  const campaigns = useWorkspace((s) => s.model?.campaigns ?? NONE);
  const selected = useWorkspace((s) => s.selected);
  const select = useWorkspace((s) => s.select);
  return (
    <nav className="sidebar" aria-label="Campaigns">
      <h2>Campaigns</h2>
      <ul>
        {campaigns.map((c) => (
          <li key={c.file}>
            <button
              className={c.file === selected ? 'campaign selected' : 'campaign'}
              aria-current={c.file === selected}
              onClick={() => select(c.file)}
              data-testid={`campaign-${c.file}`}
            >
              <span className="campaign-name">{c.campaign?.name ?? c.file}</span>
              <span className="campaign-meta">{c.campaign ? `${c.campaign.type} · ${c.campaign.nodes.length} node${c.campaign.nodes.length > 1 ? 's' : ''}` : `${c.diagnostics.length} error(s)`}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
