import { memo } from 'react';
import { fieldFailure, type NodeRender } from '../../../shared/campaign/render';
import { failureText } from '../previews/failure';
import { useDecision } from '../../stores/review';
import { reviewMark } from '../../../shared/review/model';

const MARK_TEXT = { approved: '✓ approved', flagged: '⚑ flagged', changed: '⚠ changed since approved' } as const;

/** One user × node: the rendered fields (clipped), SMS metrics, diagnostic badges and the review mark. */
export const MatrixCell = memo(function MatrixCell({ render, target, node, active, id }: { render: NodeRender | undefined; target: string; node: string; active: boolean; id: string }) {
  const decision = useDecision(target, node);
  const mark = reviewMark(decision, render);
  const worst = render?.diagnostics.some((d) => d.severity === 'error') ? 'error' : render?.diagnostics.some((d) => d.severity === 'warning') ? 'warning' : '';
  return (
    <div
      role="gridcell"
      id={id}
      aria-selected={active}
      className={`mcell${active ? ' active' : ''}${worst ? ` has-${worst}` : ''}${mark ? ` review-${mark}` : ''}`}
      data-testid={`cell-${target}-${node}`}
      data-review={mark ?? 'none'}
    >
      {!render ? (
        <span className="muted small">…</span>
      ) : (
        <>
          {Object.entries(render.fields).map(([name, value]) => {
            // A field that did not render is an error, never an empty message.
            const failure = fieldFailure(render, name);
            return (
              <div key={name} className="mfield">
                <span className="field-name">{name}</span>
                {failure ? (
                  <span className="field-value c-error" data-testid={`field-${name}`} title={failure.message}>⚠ {failureText(failure)}</span>
                ) : (
                  <span className="field-value" data-testid={`field-${name}`}>{value}</span>
                )}
              </div>
            );
          })}
          <div className="mfoot">
            {render.sms && !render.failed?.includes('text') && (
              <span className="muted small" data-testid="sms-metrics">
                {render.sms.characters} ch · {render.sms.encoding} · {render.sms.segments} seg
              </span>
            )}
            {render.diagnostics.map((d, i) => (
              <span key={i} className={`badge badge-${d.severity}`} title={d.message}>
                {d.code}
              </span>
            ))}
            {decision && mark && (
              <span className={`review-mark ${mark}`} title={mark === 'changed' ? `Approved${decision.by ? ` by ${decision.by}` : ''} at ${decision.at}; the render is different now` : (decision.comment ?? decision.status)} data-testid="review-mark">
                {MARK_TEXT[mark]}
              </span>
            )}
          </div>
        </>
      )}
    </div>
  );
});
