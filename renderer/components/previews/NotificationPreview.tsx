import type { NodeRender } from '../../../shared/campaign/render';
import { useUi } from '../../stores/ui';
import { limitsFor, truncateAt, type NotificationLimit } from '../../../shared/guardrails/webpush-limits';
import type { Segment } from '../../workers/render-protocol';
import { ProvenanceText } from './ProvenanceText';

function host(url: string | undefined): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

/**
 * A remote icon or image: shown as its address until the person allows remote images for this
 * message (loading it tells the image's host that someone looked), then as the image itself.
 */
function RemoteImage({ url, kind, allowed }: { url: string; kind: 'icon' | 'image'; allowed: boolean }) {
  if (allowed && /^https?:\/\//i.test(url)) return <img className={`remote-${kind}`} src={url} alt={kind === 'icon' ? 'notification icon' : 'notification image'} data-testid={`push-${kind}`} />;
  return (
    <div className={`remote-${kind}`} title={url} data-testid={`push-${kind}`}>
      <span aria-hidden className="small">
        {kind === 'icon' ? host(url).slice(0, 1).toUpperCase() || 'i' : 'image'}
      </span>
      {kind === 'image' && <span className="small muted">{url}</span>}
    </div>
  );
}

function Card({ limit, render, segments, allowed }: { limit: NotificationLimit; render: NodeRender; segments?: Record<string, Segment[]>; allowed: boolean }) {
  const title = truncateAt(render.fields.title ?? '', limit.title);
  const body = truncateAt(render.fields.body ?? '', limit.body);
  const origin = host(render.fields.url) || host(render.fields.icon) || 'your-site';
  return (
    <figure className={`notif notif-${limit.platform}`} data-testid={`notif-${limit.platform}`}>
      <figcaption className="small muted">
        {limit.label} · cut at ~{limit.title}/{limit.body}
      </figcaption>
      <div className="notif-card">
        {render.fields.icon ? (
          <RemoteImage url={render.fields.icon} kind="icon" allowed={allowed} />
        ) : (
          <div className="remote-icon" aria-hidden>
            {(host(render.fields.url) || 'app').slice(0, 1).toUpperCase()}
          </div>
        )}
        <div className="notif-text">
          <div className="notif-title">{title.truncated ? <span title={render.fields.title}>{title.text}</span> : <ProvenanceText text={title.text} segments={segments?.title} />}</div>
          <div className="notif-body">{body.truncated ? <span title={render.fields.body}>{body.text}</span> : <ProvenanceText text={body.text} segments={segments?.body} />}</div>
          {limit.channel === 'webpush' && (
            <div className="notif-origin small muted">
              {limit.platform.startsWith('firefox') ? 'via Firefox' : 'Google Chrome'} · {origin}
            </div>
          )}
          {(title.truncated || body.truncated) && (
            <div className="small warn" data-testid="notif-truncated">
              truncated here
            </div>
          )}
        </div>
      </div>
      {render.fields.image && <RemoteImage url={render.fields.image} kind="image" allowed={allowed} />}
      {render.fields['buttons[0].label'] !== undefined && (
        <div className="notif-buttons">
          {Object.keys(render.fields)
            .filter((k) => /^buttons\[\d+\]\.label$/.test(k))
            .map((k) => (
              <span key={k} className="notif-button">
                {render.fields[k]}
              </span>
            ))}
        </div>
      )}
    </figure>
  );
}

/** Web push (Chrome on Windows, macOS, Android; Firefox) or mobile push (iOS, Android) as each platform shows it, cut at its limits. */
export function NotificationPreview({ render, segments }: { render: NodeRender; segments?: Record<string, Segment[]> }) {
  const channel = render.channel === 'push' ? 'push' : 'webpush';
  const key = `${render.target}\u0000${render.node}`;
  const allowed = useUi((s) => !!s.imagesAllowed[key]);
  const allowImages = useUi((s) => s.allowImages);
  const remote = [render.fields.icon, render.fields.image].some((u) => !!u && /^https?:\/\//i.test(u));
  return (
    <div className="notifs" data-testid={`preview-${channel}`}>
      {remote && !allowed && (
        <div className="notice small">
          Icon and image are shown as their addresses.{' '}
          <button onClick={() => allowImages(key)} data-testid="allow-push-images">
            Load images for this message
          </button>
        </div>
      )}
      <div className="full-text small">
        <div>
          <span className="field-name">title</span> <ProvenanceText text={render.fields.title ?? ''} segments={segments?.title} /> <span className="muted">({[...(render.fields.title ?? '')].length} ch)</span>
        </div>
        <div>
          <span className="field-name">body</span> <ProvenanceText text={render.fields.body ?? ''} segments={segments?.body} /> <span className="muted">({[...(render.fields.body ?? '')].length} ch)</span>
        </div>
        {render.fields.url !== undefined && (
          <div>
            <span className="field-name">url</span> <code>{render.fields.url}</code>
          </div>
        )}
      </div>
      {limitsFor(channel).map((l) => (
        <Card key={l.platform} limit={l} render={render} segments={segments} allowed={allowed} />
      ))}
    </div>
  );
}
