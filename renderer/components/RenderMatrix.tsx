import type { CampaignNode } from '../../shared/campaign/model';
import type { NodeRender } from '../../shared/campaign/render';

/** Rows are users, columns are nodes; each cell shows the node's rendered fields for that user. */
export function RenderMatrix({ nodes, targets, renders, status }: { nodes: CampaignNode[]; targets: string[]; renders: NodeRender[]; status: string }) {
  const byKey = new Map(renders.map((r) => [`${r.target}\u0000${r.node}`, r]));
  return (
    <table className="matrix" data-testid="render-matrix" data-render-state={status}>
      <thead>
        <tr>
          <th scope="col">User</th>
          {nodes.map((n) => (
            <th scope="col" key={n.key}>
              {n.key} <span className={`channel channel-${n.channel}`}>{n.channel}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {targets.map((t) => (
          <tr key={t} data-testid={`row-${t}`}>
            <th scope="row">{t}</th>
            {nodes.map((n) => {
              const r = byKey.get(`${t}\u0000${n.key}`);
              return (
                <td key={n.key} data-testid={`cell-${t}-${n.key}`}>
                  {r && <RenderCell render={r} />}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RenderCell({ render }: { render: NodeRender }) {
  return (
    <div className="cell">
      {Object.entries(render.fields).map(([name, value]) => (
        <div key={name} className="field">
          <span className="field-name">{name}</span>
          <span className="field-value" data-testid={`field-${name}`}>{value}</span>
        </div>
      ))}
      {render.sms && (
        <div className="muted small" data-testid="sms-metrics">
          {render.sms.characters} chars · {render.sms.encoding} · {render.sms.segments} segment{render.sms.segments === 1 ? '' : 's'}
        </div>
      )}
      {render.diagnostics.length > 0 && (
        <div className="badges">
          {render.diagnostics.map((d, i) => (
            <span key={i} className={`badge badge-${d.severity}`} title={d.message}>
              {d.code}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
