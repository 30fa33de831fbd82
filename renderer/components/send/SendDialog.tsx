import { useSend } from '../../stores/send';

/** The confirmation step: states environment, campaign id and recipient count before anything is sent. */
export function SendDialog() {
  const pending = useSend((s) => s.pending);
  const busy = useSend((s) => s.busy);
  const error = useSend((s) => s.error);
  const environments = useSend((s) => s.environments);
  const cancel = useSend((s) => s.cancel);
  const confirm = useSend((s) => s.confirm);
  if (!pending) return null;
  const env = environments.find((e) => e.id === pending.environmentId);
  return (
    <div className="modal-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="send-title" className="modal" data-testid="send-dialog">
        <h2 id="send-title">Send “{pending.campaignName}”?</h2>
        <dl className="facts">
          <dt>Environment</dt>
          <dd data-testid="confirm-environment">{env?.name ?? pending.environmentId}{env?.production ? ' (production)' : ''}</dd>
          <dt>Campaign ID</dt>
          <dd><code>{pending.campaignId}</code></dd>
          <dt>Recipients</dt>
          <dd data-testid="confirm-recipients">{pending.data.target.length}</dd>
        </dl>
        {error && <div role="alert" className="banner error">{error}</div>}
        <div className="actions">
          <button onClick={cancel} disabled={busy}>Cancel</button>
          <button className="primary" data-testid="confirm-send" onClick={() => void confirm()} disabled={busy} autoFocus>
            {busy ? 'Sending…' : `Send to ${pending.data.target.length} recipient${pending.data.target.length === 1 ? '' : 's'}`}
          </button>
        </div>
      </div>
    </div>
  );
}
