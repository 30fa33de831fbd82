import { useState } from 'react';
import { usePlatform } from '../../stores/platform';
import { ActiveBadge, FailureView, ProblemList } from './FailureView';
import { ImportPreview } from './ImportPreview';

/** The environment's API-triggered campaigns: search, pages, and a preview to import from. */
export function CampaignBrowser() {
  const browse = usePlatform((s) => s.browse);
  const load = usePlatform((s) => s.loadCampaigns);
  const previewCampaign = usePlatform((s) => s.previewCampaign);
  const preview = usePlatform((s) => s.preview);
  const [search, setSearch] = useState(browse.search);
  const page = Math.floor(browse.offset / browse.limit) + 1;
  return (
    <section aria-label="Live campaigns">
      <form
        className="pager"
        onSubmit={(e) => {
          e.preventDefault();
          void load({ search });
        }}
      >
        <input type="search" placeholder="Search titles" aria-label="Search campaign titles" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="platform-search" />
        <button type="submit" disabled={browse.busy}>
          Search
        </button>
        <button type="button" onClick={() => void load({})} disabled={browse.busy}>
          Refresh
        </button>
        {browse.busy && <span className="muted">Loading…</span>}
      </form>
      {browse.failure && <FailureView failure={browse.failure} />}
      <ProblemList problems={browse.problems} />
      {!browse.failure && browse.loaded && browse.rows.length === 0 && <p className="muted">No API-triggered campaigns{browse.search ? ` match “${browse.search}”` : ''}.</p>}
      {browse.rows.length > 0 && (
        <table className="platform-table" data-testid="platform-campaigns">
          <thead>
            <tr>
              <th>Title</th>
              <th>Campaign ID</th>
              <th>Channels</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {browse.rows.map((r) => (
              <tr key={r.id} data-testid={`platform-campaign-${r.id}`}>
                <td>
                  {r.title || <span className="muted">(untitled)</span>}
                  {Object.keys(r.other).length > 0 && (
                    <details className="small">
                      <summary className="muted">{Object.keys(r.other).length} more field(s)</summary>
                      <code>{JSON.stringify(r.other)}</code>
                    </details>
                  )}
                </td>
                <td>
                  <code>{r.id}</code>
                </td>
                <td>{r.channels.join(', ') || <span className="muted">—</span>}</td>
                <td>
                  <ActiveBadge active={r.active} />
                </td>
                <td>
                  <button onClick={() => void previewCampaign(r.id)} disabled={preview?.busy} data-testid={`preview-${r.id}`}>
                    Preview &amp; import…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="pager">
        <button onClick={() => void load({ offset: Math.max(0, browse.offset - browse.limit) })} disabled={browse.busy || browse.offset === 0} data-testid="platform-prev">
          Previous
        </button>
        <span className="muted" data-testid="platform-page">
          Page {page}
        </span>
        <button onClick={() => void load({ offset: browse.offset + browse.limit })} disabled={browse.busy || !browse.hasMore} data-testid="platform-next">
          Next
        </button>
      </div>
      <ImportPreview />
    </section>
  );
}
