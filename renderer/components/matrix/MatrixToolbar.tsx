import { useEffect, useState } from 'react';
import type { CampaignNode } from '../../../shared/campaign/model';
import { useRenders } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { useNextProblem } from '../../hooks/useNextProblem';
import { useDebounced } from '../../hooks/useDebounced';
import { useComparePicks } from '../../hooks/useSelection';
import type { RowFilter } from '../../workers/render-protocol';

/** Filter (all, problems, errors, warnings), search by id or value, next problem, scan progress and the side-by-side switch. */
export function MatrixToolbar({ nodes }: { nodes: CampaignNode[] }) {
  const filter = useUi((s) => s.filter);
  const storedSearch = useUi((s) => s.search);
  const mode = useUi((s) => s.mode);
  const compareCount = useComparePicks().length;
  const setUi = useUi((s) => s.set);
  const setQuery = useRenders((s) => s.setQuery);
  const gen = useRenders((s) => s.gen);
  const scan = useRenders((s) => s.scan);
  const rows = useRenders((s) => (s.indices ? s.indices.length : s.targets.length));
  const total = useRenders((s) => s.targets.length);
  const startScan = useRenders((s) => s.startScan);
  const cancelScan = useRenders((s) => s.cancelScan);
  const next = useNextProblem(nodes[0]?.key, 1);
  const [search, setSearch] = useState(storedSearch);
  const settled = useDebounced(search, 150);

  useEffect(() => setUi({ search: settled }), [settled, setUi]);
  useEffect(() => setQuery(filter, storedSearch), [filter, storedSearch, gen, setQuery]);

  return (
    <div className="toolbar matrix-toolbar" role="toolbar" aria-label="Matrix">
      <label>
        Show{' '}
        <select value={filter} onChange={(e) => setUi({ filter: e.target.value as RowFilter })} data-testid="row-filter" aria-label="Show users">
          <option value="all">All users</option>
          <option value="problems">Users with errors or warnings</option>
          <option value="errors">Users with errors</option>
          <option value="warnings">Users with warnings</option>
        </select>
      </label>
      <input type="search" placeholder="Search id or value…" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search users by id or attribute value" data-testid="row-search" />
      <button onClick={() => next()} disabled={scan.status !== 'done'} title="Next user with an error or warning (N)" data-testid="next-problem">Next problem ↓</button>
      <span className="muted small" data-testid="row-count">{rows.toLocaleString()} of {total.toLocaleString()} users</span>
      <span className="spacer" />
      <span className="scan small" data-testid="scan-status" data-scan={scan.status}>
        {scan.status === 'running' && (
          <>
            <progress max={scan.total || 1} value={scan.done} aria-label="Checking every user" /> {scan.done.toLocaleString()} / {scan.total.toLocaleString()} <button onClick={cancelScan}>Cancel</button>
          </>
        )}
        {scan.status === 'done' && (
          <span title={scan.ms !== undefined ? `checked in ${scan.ms} ms` : undefined}>
            All {scan.total.toLocaleString()} checked: <b className="c-error">{scan.withErrors.toLocaleString()}</b> with errors, <b className="c-warning">{scan.withWarnings.toLocaleString()}</b> with warnings
          </span>
        )}
        {scan.status === 'cancelled' && (
          <>Check stopped at {scan.done.toLocaleString()} <button onClick={startScan}>Resume</button></>
        )}
      </span>
      <button aria-pressed={mode === 'compare'} onClick={() => setUi({ mode: mode === 'compare' ? 'matrix' : 'compare' })} data-testid="compare-toggle" title="Pick users with the checkboxes">
        Side by side{compareCount ? ` (${compareCount})` : ''}
      </button>
    </div>
  );
}
