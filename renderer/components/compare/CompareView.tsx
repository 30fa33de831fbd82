import { useEffect, useMemo } from 'react';
import { diffWordsWithSpace } from 'diff';
import type { CampaignNode } from '../../../shared/campaign/model';
import type { NodeRender } from '../../../shared/campaign/render';
import { useRenders } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { useComparePicks, useSelection } from '../../hooks/useSelection';
import { PanelBoundary } from '../layout/PanelBoundary';

/** Text with the words that differ from the reference marked: added here highlighted, missing here struck through. */
function Diffed({ text, reference }: { text: string; reference: string | undefined }) {
  if (reference === undefined || reference === text) return <>{text}</>;
  return (
    <>
      {diffWordsWithSpace(reference, text).map((part, i) =>
        part.removed ? (
          <del key={i} className="diff-del" title="in the first column, not here">
            {part.value}
          </del>
        ) : (
          <span key={i} className={part.added ? 'diff-add' : undefined}>
            {part.value}
          </span>
        ),
      )}
    </>
  );
}

function Column({ title, render, reference }: { title: string; render: NodeRender | undefined; reference: NodeRender | undefined }) {
  return (
    <section className="compare-col" data-testid={`compare-${title}`}>
      <h3>{title}</h3>
      {!render ? (
        <p className="muted">Rendering…</p>
      ) : (
        Object.entries(render.fields).map(([name, value]) => (
          <div key={name} className="compare-field">
            <div className="field-name">{name}</div>
            <div className="field-value">
              <Diffed text={value} reference={reference?.fields[name]} />
            </div>
          </div>
        ))
      )}
      {render && render.diagnostics.length > 0 && (
        <div className="badges">
          {render.diagnostics.map((d, i) => (
            <span key={i} className={`badge badge-${d.severity}`} title={d.message}>
              {d.code}
            </span>
          ))}
        </div>
      )}
    </section>
  );
}

/** CompareView inside its own error boundary: if it fails, it says so with a Retry and the rest of the window stays. */
export function CompareView(props: { nodes: CampaignNode[] }) {
  return (
    <PanelBoundary id="compare" label="side by side">
      <CompareViewBody {...props} />
    </PanelBoundary>
  );
}

/**
 * Side by side: two to four users on one node, or one user across every node. Words that differ
 * from the first column are highlighted (package `diff`).
 */
function CompareViewBody({ nodes }: { nodes: CampaignNode[] }) {
  const stored = useUi((s) => s.compare);
  const picks = useComparePicks();
  // Only users in the current data are compared (a pick of a user no longer there waits, unshown).
  const compare = useMemo(() => ({ ...stored, targets: picks }), [stored, picks]);
  const selected = useSelection();
  const setUi = useUi((s) => s.set);
  const rows = useRenders((s) => s.rows);
  const want = useRenders((s) => s.want);
  const node = compare.node && nodes.some((n) => n.key === compare.node) ? compare.node : (selected?.node ?? nodes[0]?.key);
  const user = selected?.target ?? compare.targets[0];
  const users = compare.kind === 'users' ? compare.targets : user ? [user] : [];
  useEffect(() => want('compare', users), [users.join('\u0000'), want]); // eslint-disable-line react-hooks/exhaustive-deps

  const columns = useMemo(() => {
    if (compare.kind === 'nodes') return nodes.map((n) => ({ title: n.key, render: user ? rows[user]?.find((r) => r.node === n.key) : undefined }));
    return compare.targets.map((t) => ({ title: t, render: rows[t]?.find((r) => r.node === node) }));
  }, [compare, nodes, rows, node, user]);

  return (
    <div className="compare" data-testid="compare-view">
      <div className="toolbar">
        <div role="radiogroup" aria-label="Compare">
          <label>
            <input type="radio" checked={compare.kind === 'users'} onChange={() => setUi({ compare: { ...stored, kind: 'users' } })} /> Users on one node
          </label>
          <label>
            <input type="radio" checked={compare.kind === 'nodes'} onChange={() => setUi({ compare: { ...stored, kind: 'nodes' } })} /> One user across all nodes
          </label>
        </div>
        {compare.kind === 'users' && (
          <select value={node} onChange={(e) => setUi({ compare: { ...stored, node: e.target.value } })} aria-label="Node">
            {nodes.map((n) => (
              <option key={n.key} value={n.key}>
                {n.key}
              </option>
            ))}
          </select>
        )}
        {compare.kind === 'users' && compare.targets.length > 0 && <button onClick={() => setUi({ compare: { ...stored, targets: [] } })}>Clear picks</button>}
        <span className="spacer" />
        <button onClick={() => setUi({ mode: 'matrix' })}>Back to matrix</button>
      </div>
      {compare.kind === 'users' && compare.targets.length < 2 ? (
        <p className="muted">Pick two to four users with the checkboxes in the matrix (Back to matrix), then come back here.</p>
      ) : compare.kind === 'nodes' && !user ? (
        <p className="muted">Select a cell in the matrix to pick the user.</p>
      ) : (
        <div className="compare-cols" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(200px, 1fr))` }}>
          {columns.map((c) => (
            <Column key={c.title} title={c.title} render={c.render} reference={compare.kind === 'users' ? columns[0]?.render : undefined} />
          ))}
        </div>
      )}
    </div>
  );
}
