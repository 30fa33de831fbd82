import { useMemo, useState } from 'react';
import type { NodeRender } from '../../../shared/campaign/render';
import { scanHtml } from '../../../shared/guardrails';
import { useUi } from '../../stores/ui';
import type { Segment } from '../../workers/render-protocol';
import { ProvenanceText } from './ProvenanceText';
import { emailDocument, hasRemoteImages } from './email-doc';
import { LinkList } from './LinkList';
import { EmailFrame } from './EmailFrame';
import { EmailQa } from './EmailQa';

/** An email as an inbox row (from, subject, preheader), its HTML in a sandboxed frame at desktop or mobile width, and its plain-text part. */
export function EmailPreview({ render, segments }: { render: NodeRender; segments?: Record<string, Segment[]> }) {
  const width = useUi((s) => s.emailWidth);
  const dark = useUi((s) => s.emailDark);
  const fit = useUi((s) => s.emailFit);
  const set = useUi((s) => s.set);
  const key = `${render.target}\u0000${render.node}`;
  const allowed = useUi((s) => !!s.imagesAllowed[key]);
  const allowImages = useUi((s) => s.allowImages);
  const [tab, setTab] = useState<'html' | 'text'>('html');
  const html = render.fields.html ?? '';
  const remote = hasRemoteImages(html);
  const doc = useMemo(() => emailDocument(html, { allowImages: allowed, dark, segments: segments?.html }), [html, allowed, dark, segments]);
  const links = useMemo(() => scanHtml(html).links, [html]);
  return (
    <div className="email" data-testid="preview-email">
      <div className="inbox-row" data-testid="email-inbox-row">
        <span className="inbox-from">
          <ProvenanceText text={render.fields.from_name ?? '(from name set on the platform)'} segments={segments?.from_name} />
        </span>
        <span className="inbox-subject">
          <ProvenanceText text={render.fields.subject ?? ''} segments={segments?.subject} testId="email-subject" />
        </span>
        {render.fields.preheader !== undefined && (
          <span className="inbox-preheader">
            {' '}
            — <ProvenanceText text={render.fields.preheader} segments={segments?.preheader} />
          </span>
        )}
      </div>
      <div className="toolbar" role="toolbar" aria-label="Email preview options">
        <div role="tablist" aria-label="Part">
          <button role="tab" aria-selected={tab === 'html'} onClick={() => setTab('html')}>
            HTML
          </button>
          <button role="tab" aria-selected={tab === 'text'} onClick={() => setTab('text')} data-testid="email-text-tab">
            Plain text
          </button>
        </div>
        <span className="spacer" />
        <label>
          Width{' '}
          <select value={width} onChange={(e) => set({ emailWidth: Number(e.target.value) as 600 | 375 })} aria-label="Email width">
            <option value={600}>Desktop 600 px</option>
            <option value={375}>Mobile 375 px</option>
          </select>
        </label>
        <select value={fit} onChange={(e) => set({ emailFit: e.target.value as 'fit' | 'actual' })} aria-label="Email zoom" data-testid="email-fit">
          <option value="fit">Fit to pane</option>
          <option value="actual">Actual size</option>
        </select>
        <label>
          <input type="checkbox" checked={dark} onChange={(e) => set({ emailDark: e.target.checked })} /> Dark mode (simulated)
        </label>
      </div>
      {remote && !allowed && (
        <div className="notice" data-testid="images-blocked">
          Remote images are blocked.{' '}
          <button onClick={() => allowImages(key)} data-testid="allow-images">
            Load images for this message
          </button>
        </div>
      )}
      {remote && allowed && (
        <div className="notice small" data-testid="images-allowed">
          Remote images allowed for this message.
        </div>
      )}
      {tab === 'html' ? (
        <EmailFrame doc={doc} width={width} title={`Email HTML for ${render.target}`} />
      ) : (
        <pre className="plain" data-testid="email-plain">
          {render.fields.text ? <ProvenanceText text={render.fields.text} segments={segments?.text} /> : <span className="muted">No plain-text part.</span>}
        </pre>
      )}
      <LinkList links={links} />
      <EmailQa render={render} />
    </div>
  );
}
