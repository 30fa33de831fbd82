import type { NodeRender } from '../../../shared/campaign/render';
import { checkFromName, smsUnitName } from '../../../shared/channels/sms';
import type { Segment } from '../../workers/render-protocol';
import { ProvenanceText } from './ProvenanceText';

/** An SMS as a phone shows it: the from name, the bubble, and the carrier's view (characters, encoding, segments). */
export function SmsPreview({ render, segments }: { render: NodeRender; segments?: Record<string, Segment[]> }) {
  const from = render.fields.from;
  const m = render.sms;
  const rule = from !== undefined ? checkFromName(from) : undefined;
  const nonGsm = new Set(m?.nonGsm ?? []);
  return (
    <div className="phone" data-testid="preview-sms">
      <div className="phone-header">
        <div className="avatar" aria-hidden>
          {(from ?? '?').slice(0, 1).toUpperCase()}
        </div>
        <div className="phone-from" data-testid="sms-from">
          {from !== undefined ? <ProvenanceText text={from} segments={segments?.from} /> : <span className="muted">(sender set by the platform)</span>}
        </div>
      </div>
      <div className="phone-body">
        <div className="bubble" data-testid="sms-text">
          <ProvenanceText text={render.fields.text ?? ''} segments={segments?.text} mark={nonGsm} />
        </div>
      </div>
      {m && (
        <dl className="metrics" data-testid="sms-metrics-preview">
          <dt>Characters</dt>
          <dd>{m.characters}</dd>
          {/* What the carrier counts, when it differs from the characters (€ [ ] count two septets, most emoji two code units). */}
          {m.units !== m.characters && (
            <>
              <dt>{smsUnitName(m).replace(/^./, (c) => c.toUpperCase())}</dt>
              <dd data-testid="sms-units">{m.units}</dd>
            </>
          )}
          <dt>Encoding</dt>
          <dd className={m.encoding === 'UCS-2' ? 'warn' : ''}>{m.encoding}</dd>
          <dt>Segments</dt>
          <dd className={m.segments > 10 ? 'warn' : ''}>{m.segments}</dd>
        </dl>
      )}
      {m && m.nonGsm.length > 0 && (
        <p className="small">
          UCS-2 forced by{' '}
          {m.nonGsm.map((c) => (
            <mark key={c} className="ucs2">
              {c}
            </mark>
          ))}
        </p>
      )}
      {rule && (
        <p className={`small rule ${rule.length && rule.chars ? 'ok' : 'bad'}`} data-testid="sms-from-rule">
          From name rule: 3 to 11 characters, letters and digits only, no spaces — “{from}” has {[...from!].length} character{[...from!].length === 1 ? '' : 's'}
          {rule.length && rule.chars ? ': passes.' : rule.length ? ', not purely alphanumeric.' : ', outside 3–11.'}
        </p>
      )}
    </div>
  );
}
