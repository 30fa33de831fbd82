import { useCallback, useEffect, useState } from 'react';
import type { UnknownFollowUpView } from '../../../shared/ipc/channels/send';
import { api, call } from '../../api/client';

/**
 * Before re-sending unknown batches: what delivery follow-up knows about their users, as the main
 * side computed it (webhook events by external_message_id, the platform's list/push-devices
 * errors). Reloaded when webhook events arrive, and on request.
 */
export function UnknownFollowUp({ sendId }: { sendId: string }) {
  const [data, setData] = useState<UnknownFollowUpView>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const load = useCallback(() => {
    setLoading(true);
    call('send.unknownFollowUp', { sendId })
      .then(
        (d) => {
          setData(d);
          setError(undefined);
        },
        (e: Error) => setError(e.message),
      )
      .finally(() => setLoading(false));
  }, [sendId]);
  useEffect(() => {
    load();
    return api.on('webhook.events', () => load());
  }, [load]);
  return (
    <section className="unknown-follow-up" aria-label="What is known about the unknown batches" data-testid="unknown-follow-up">
      <strong>Before re-sending unknown batches: what delivery follow-up knows</strong>{' '}
      <button onClick={load} disabled={loading}>
        {loading ? 'Checking…' : 'Check again'}
      </button>
      {error && <p className="c-error small">{error}</p>}
      {data && (
        <>
          <ul>
            {data.batches.map((b) => (
              <li key={b.index} data-testid={`unknown-follow-up-${b.index}`} className={b.verdict === 'acted' ? 'c-warning' : undefined}>
                Batch {b.index + 1}: {b.summary}
              </li>
            ))}
          </ul>
          <p className="small muted">
            Webhook events to <code>{data.receiverUrl}</code> matched by external_message_id, and the platform's delivery errors (list/push-devices){data.platformProblem ? ` — not read: ${data.platformProblem}` : ''}; checked {new Date(data.checkedAt).toLocaleTimeString()}.
            Events can take minutes to arrive.
          </p>
        </>
      )}
    </section>
  );
}
