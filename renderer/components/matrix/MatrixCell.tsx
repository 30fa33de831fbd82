import { memo } from 'react';
import { fieldFailure, type NodeRender } from '../../../shared/campaign/render';
import { smsUnitName } from '../../../shared/channels/sms';
import type { Diagnostic } from '../../../shared/diagnostics';
import { failureText } from '../previews/failure';
import { useDecision } from '../../stores/review';
import { reviewMark } from '../../../shared/review/model';

const MARK_TEXT = { approved: '✓ approved', flagged: '⚑ flagged', changed: '⚠ changed since approved' } as const;

/** Badges shown in a cell before the rest are summed up as "+N" (all of them are in the tooltip and the preview). */
const BADGES = 2;

/**
 * What the person reads in the cell, up to three lines: the whole SMS text; a push's title, then
 * its body; an email's subject, then its preheader (its HTML is the preview's job). Empty output
 * says so rather than leaving a blank cell.
 */
function CellText({ render }: { render: NodeRender }) {
  const f = render.fields;
  // A field that did not render is an error, never an empty message.
  const failure = (render.failed ?? []).map((name) => fieldFailure(render, name)).find((d) => d !== undefined);
  if (failure)
    return (
      <div className="mtext">
        <span className="field-value c-error" data-testid={`field-${failure.field ?? 'text'}`} title={failure.message}>
          ⚠ {failureText(failure)}
        </span>
      </div>
    );
  const empty = <span className="muted">(empty)</span>;
  if (render.channel === 'sms')
    return (
      <div className="mtext">
        <span className="field-value" data-testid="field-text">
          {f.text}
        </span>
        {!f.text && empty}
      </div>
    );
  if (render.channel === 'email')
    return (
      <div className="mtext">
        <span className="mtitle field-value" data-testid="field-subject">
          {f.subject}
        </span>
        {!f.subject && empty}
        {f.preheader !== undefined && f.preheader !== '' && (
          <>
            {' '}
            <span className="mpre field-value" data-testid="field-preheader">
              {f.preheader}
            </span>
          </>
        )}
      </div>
    );
  return (
    <div className="mtext">
      <span className="mtitle field-value" data-testid="field-title">
        {f.title}
      </span>
      {!f.title && !f.body && empty}{' '}
      <span className="field-value" data-testid="field-body">
        {f.body}
      </span>
    </div>
  );
}

/** The small print under the text: the sender, the SMS metrics. */
function CellFacts({ render }: { render: NodeRender }) {
  const f = render.fields;
  const sender = render.channel === 'sms' ? f.from : render.channel === 'email' ? f.from_name : undefined;
  return (
    <>
      {sender !== undefined && (
        <span className="msender" data-testid={render.channel === 'sms' ? 'field-from' : 'field-from_name'} title={render.channel === 'sms' ? 'from' : 'from name'}>
          {sender}
        </span>
      )}
      {render.sms && !render.failed?.includes('text') && (
        <span className="mmetrics" data-testid="sms-metrics">
          {render.sms.characters} ch{render.sms.units !== render.sms.characters ? ` (${render.sms.units} ${smsUnitName(render.sms)})` : ''} · {render.sms.encoding} · {render.sms.segments} seg
        </span>
      )}
    </>
  );
}

function Badges({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  // One badge per finding code, errors first: a cell has room for a couple, the rest are counted.
  const byCode = new Map<string, Diagnostic>();
  for (const d of [...diagnostics].sort((a, b) => rank(a) - rank(b))) if (!byCode.has(d.code)) byCode.set(d.code, d);
  const shown = [...byCode.values()].slice(0, BADGES);
  const rest = byCode.size - shown.length;
  return (
    <>
      {shown.map((d) => (
        <span
          key={d.code}
          className={`badge badge-${d.severity}`}
          title={diagnostics
            .filter((x) => x.code === d.code)
            .map((x) => x.message)
            .join('\n')}
        >
          {d.code}
        </span>
      ))}
      {rest > 0 && (
        <span
          className="badge badge-more"
          title={[...byCode.values()]
            .slice(BADGES)
            .map((d) => `${d.code}: ${d.message}`)
            .join('\n')}
        >
          +{rest}
        </span>
      )}
    </>
  );
}

const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : d.severity === 'warning' ? 1 : 2);

/** One user × node: the message text (up to three lines), sender and SMS metrics, diagnostic badges and the review mark. */
export const MatrixCell = memo(function MatrixCell({ render, target, node, active, id }: { render: NodeRender | undefined; target: string; node: string; active: boolean; id: string }) {
  const decision = useDecision(target, node);
  const mark = reviewMark(decision, render);
  const worst = render?.diagnostics.some((d) => d.severity === 'error') ? 'error' : render?.diagnostics.some((d) => d.severity === 'warning') ? 'warning' : '';
  return (
    <div role="gridcell" id={id} aria-selected={active} className={`mcell${active ? ' active' : ''}${worst ? ` has-${worst}` : ''}${mark ? ` review-${mark}` : ''}`} data-testid={`cell-${target}-${node}`} data-review={mark ?? 'none'}>
      {!render ? (
        <span className="muted small">…</span>
      ) : (
        <>
          <CellText render={render} />
          <div className="mfoot">
            <CellFacts render={render} />
            <Badges diagnostics={render.diagnostics} />
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
