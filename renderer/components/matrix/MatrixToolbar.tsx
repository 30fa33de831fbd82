import type { CampaignNode } from '../../../shared/campaign/model';
import { useRenders } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { useNextProblem } from '../../hooks/useNextProblem';
import { useComparePicks } from '../../hooks/useSelection';
import type { RowFilter } from '../../workers/render-protocol';

/**
 * Filter (all, problems, errors, warnings), search by id or value, next problem, the row count, the
 * side-by-side switch and the key list: one line where the window allows (the full scan's status
 * sits in the campaign header, see ScanStatus). The filter and search are the view store's (their
 * one home); the renders store asks the worker for the matching rows when they change.
 */
export function MatrixToolbar({ nodes }: { nodes: CampaignNode[] }) {
  const filter = useUi((s) => s.filter);
  const search = useUi((s) => s.search);
  const mode = useUi((s) => s.mode);
  const keysHint = useUi((s) => s.keysHint);
  const compareCount = useComparePicks().length;
  const setUi = useUi((s) => s.set);
  const scanDone = useRenders((s) => s.scan.status === 'done');
  const rows = useRenders((s) => (s.indices ? s.indices.length : s.targets.length));
  const total = useRenders((s) => s.targets.length);
  const next = useNextProblem(nodes[0]?.key, 1);

  return (
    <div className="toolbar matrix-toolbar" role="toolbar" aria-label="Matrix">
      <select value={filter} onChange={(e) => setUi({ filter: e.target.value as RowFilter })} data-testid="row-filter" aria-label="Show users">
        <option value="all">All users</option>
        <option value="problems">With problems</option>
        <option value="errors">With errors</option>
        <option value="warnings">With warnings</option>
      </select>
      <input type="search" placeholder="Search id or value" value={search} onChange={(e) => setUi({ search: e.target.value })} aria-label="Search users by id or attribute value" data-testid="row-search" />
      <button onClick={() => next()} disabled={!scanDone} title="Next user with an error or warning (N)" data-testid="next-problem">
        Next problem
      </button>
      <span className="muted small" data-testid="row-count">
        {rows.toLocaleString()} of {total.toLocaleString()} users
      </span>
      <span className="spacer" />
      <button aria-pressed={mode === 'compare'} onClick={() => setUi({ mode: mode === 'compare' ? 'matrix' : 'compare' })} data-testid="compare-toggle" title="Pick users with the checkboxes">
        Side by side{compareCount ? ` (${compareCount})` : ''}
      </button>
      <button aria-expanded={keysHint} aria-controls="matrix-keys" onClick={() => setUi({ keysHint: !keysHint })} title="Keys of the matrix">
        Keys
      </button>
    </div>
  );
}
