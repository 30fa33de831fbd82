import { useEffect } from 'react';
import type { Campaign } from '../../../shared/campaign/model';
import { fieldFailure, type NodeRender } from '../../../shared/campaign/render';
import { failureText } from './failure';
import { useSelection } from '../../hooks/useSelection';
import { useRenders, useRow } from '../../stores/renders';
import { useUi } from '../../stores/ui';
import { DiagnosticList } from '../DiagnosticList';
import { ReviewControls } from '../review/ReviewControls';
import { EmailPreview } from './EmailPreview';
import { NotificationPreview } from './NotificationPreview';
import { ProvenanceLegend } from './ProvenanceText';
import { SmsPreview } from './SmsPreview';
import { ValueTable } from './ValueTable';
import { PanelBoundary } from '../layout/PanelBoundary';

/** PreviewPane inside its own error boundary: if it fails, it says so with a Retry and the rest of the window stays. */
export function PreviewPane(props: { campaign: Campaign }) {
  return (
    <PanelBoundary id="preview" label="the preview">
      <PreviewPaneBody {...props} />
    </PanelBoundary>
  );
}

/** The selected cell's channel preview, its diagnostics and guardrail findings, and the review controls. */
function PreviewPaneBody({ campaign }: { campaign: Campaign }) {
  const selected = useSelection();
  const provenanceOn = useUi((s) => s.provenance);
  const set = useUi((s) => s.set);
  const want = useRenders((s) => s.want);
  const gen = useRenders((s) => s.gen);
  const status = useRenders((s) => s.status);
  const requestProvenance = useRenders((s) => s.requestProvenance);
  const row = useRow(selected?.target ?? '');
  const render = row?.find((r) => r.node === selected?.node);
  const provenance = useRenders((s) => (s.provenance && s.provenance.target === selected?.target && s.provenance.node === selected?.node ? s.provenance : undefined));

  useEffect(() => want('preview', selected ? [selected.target] : []), [selected, want]);
  useEffect(() => {
    if (provenanceOn && selected && status === 'ready') requestProvenance(selected.target, selected.node);
  }, [provenanceOn, selected, gen, status, requestProvenance]);

  if (!selected || !campaign.nodes.some((n) => n.key === selected.node))
    return (
      <aside className="preview-pane empty muted" aria-label="Preview">
        Select a cell (click, or focus the matrix and use the arrow keys) to preview it.
      </aside>
    );
  const segments = provenanceOn ? provenance?.fields : undefined;
  return (
    <aside className="preview-pane" aria-label="Preview" data-testid="preview-pane">
      <header className="preview-head">
        <h2>
          <span data-testid="preview-target">{selected.target}</span> × {selected.node}
        </h2>
        <label className="small">
          <input type="checkbox" checked={provenanceOn} onChange={(e) => set({ provenance: e.target.checked })} data-testid="provenance-toggle" /> Highlight values by source
        </label>
      </header>
      {provenanceOn && <ProvenanceLegend />}
      {provenanceOn && provenance && !provenance.exact && <p className="small muted">Some values are used in conditions or filters: their places were found by searching the output.</p>}
      {!render ? (
        <p className="muted">Rendering…</p>
      ) : (
        <>
          {render.failed ? (
            <RenderFailure render={render} />
          ) : (
            <>
              {render.channel === 'sms' && <SmsPreview render={render} segments={segments} />}
              {render.channel === 'email' && <EmailPreview render={render} segments={segments} />}
              {(render.channel === 'webpush' || render.channel === 'push') && <NotificationPreview render={render} segments={segments} />}
            </>
          )}
          <ReviewControls target={selected.target} node={selected.node} />
          <h3 className="section">Diagnostics</h3>
          {render.diagnostics.length ? <DiagnosticList diagnostics={render.diagnostics} /> : <p className="muted small">None for this user and node.</p>}
          <ValueTable render={render} />
        </>
      )}
    </aside>
  );
}

/**
 * In place of the channel preview when a field did not render: an empty bubble or a message with a
 * hole in it would look like what the user gets, and it is not what the platform would send.
 */
function RenderFailure({ render }: { render: NodeRender }) {
  return (
    <div role="alert" className="banner error" data-testid="preview-error">
      <strong>This message cannot be previewed: {render.failed!.length === 1 ? 'a field does' : `${render.failed!.length} fields do`} not render, so it is not what would be sent.</strong>
      <ul>
        {render.failed!.map((f) => {
          const d = fieldFailure(render, f);
          return (
            <li key={f}>
              <code>{f}</code> {d ? failureText(d, true) : 'did not render'}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
