import { memo } from 'react';
import type { NodeRender } from '../../../shared/campaign/render';
import { smsUnitName } from '../../../shared/channels/sms';
import { useDecision } from '../../stores/review';

/** One user × node: the rendered fields (clipped), SMS metrics, diagnostic badges and the review mark. */
export const MatrixCell = memo(function MatrixCell({ render, target, node, active, id }: { render: NodeRender | undefined; target: string; node: string; active: boolean; id: string }) {
  const decision = useDecision(target, node);
  const worst = render?.diagnostics.some((d) => d.severity === 'error') ? 'error' : render?.diagnostics.some((d) => d.severity === 'warning') ? 'warning' : '';
  return (
    <div
      role="gridcell"
      id={id}
      aria-selected={active}
      className={`mcell${active ? ' active' : ''}${worst ? ` has-${worst}` : ''}${decision ? ` review-${decision.status}` : ''}`}
      data-testid={`cell-${target}-${node}`}
      data-review={decision?.status ?? 'none'}
    >
      {!render ? (
        <span className="muted small">…</span>
      ) : (
        <>
          {Object.entries(render.fields).map(([name, value]) => (
            <div key={name} className="mfield">
              <span className="field-name">{name}</span>
              <span className="field-value" data-testid={`field-${name}`}>{value}</span>
            </div>
          ))}
          <div className="mfoot">
            {render.sms && (
              <span className="muted small" data-testid="sms-metrics">
                {render.sms.characters} ch{render.sms.units !== render.sms.characters ? ` (${render.sms.units} ${smsUnitName(render.sms)})` : ''} · {render.sms.encoding} · {render.sms.segments} seg
              </span>
            )}
            {render.diagnostics.map((d, i) => (
              <span key={i} className={`badge badge-${d.severity}`} title={d.message}>
                {d.code}
              </span>
            ))}
            {decision && (
              <span className={`review-mark ${decision.status}`} title={decision.comment ?? decision.status} data-testid="review-mark">
                {decision.status === 'approved' ? '✓ approved' : '⚑ flagged'}
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
});
