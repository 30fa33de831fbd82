import { useSend } from '../../stores/send';
import { SendPreview } from './SendPreview';
import { SendProgress } from './SendProgress';
import './send.css';

/** The send dialog: preview and confirmation, then the progress of the send until it ends. */
export function SendDialog() {
  const request = useSend((s) => s.request);
  const draft = useSend((s) => s.draft);
  const error = useSend((s) => s.error);
  const running = useSend((s) => s.sendId !== undefined && (s.progress?.status ?? s.detail?.status) === 'running');
  const detail = useSend((s) => s.detail);
  if (!request && !draft && !running) return null;
  const title = running ? `Sending to ${detail?.environment.name ?? ''}…` : draft?.kind === 'resend' ? 'Re-send batches?' : `Send “${request?.campaignName ?? draft?.campaignId}”?`;
  return (
    <div className="modal-backdrop send-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="send-title" className="modal send-modal" data-testid="send-dialog">
        {running ? (
          <>
            <h2 id="send-title">{title}</h2>
            <SendProgress />
          </>
        ) : (
          <SendPreview title={title} />
        )}
        {error && (
          <div role="alert" className="banner error">
            {error}
          </div>
        )}
      </div>
    </div>
  );
}
