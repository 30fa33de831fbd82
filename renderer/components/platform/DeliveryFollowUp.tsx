import { FailureView } from './FailureView';
import { FOLLOW_UP_POLL, useDeliveryFollowUp } from './useDeliveryFollowUp';
import './platform.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Delivery follow-up of one send: the platform's per-user errors ("Not personalized": 3 users)
 * mapped to users and batches, and webhook deliveries matched by external_message_id. Mountable
 * anywhere a send id is known (send history, the platform panel).
 */
export function DeliveryFollowUp({ sendId }: { sendId: string }) {
  const f = useDeliveryFollowUp(sendId);
  const auto = f.polls < FOLLOW_UP_POLL.maxPolls && !f.error;
  return (
    <section className="delivery-follow-up" aria-label="Delivery follow-up" data-testid="delivery-follow-up" data-loading={f.loading}>
      <div className="pager">
        <strong>Delivery follow-up</strong>
        {f.send && (
          <span className="muted">
            campaign <code>{f.send.campaignId}</code> · {f.send.environment.name} · sent {new Date(f.send.createdAt).toLocaleString()} · {plural(f.send.recipients, 'recipient')}
          </span>
        )}
        <button onClick={f.refresh} disabled={f.loading} data-testid="follow-up-refresh">
          {f.loading ? 'Checking…' : 'Refresh'}
        </button>
        <span className="muted small">{auto ? `Checking automatically (${f.polls} of ${FOLLOW_UP_POLL.maxPolls})` : 'Automatic checks finished; use Refresh'}</span>
      </div>
      {f.error && (
        <div role="alert" className="banner error">
          {f.error}
        </div>
      )}
      {f.failure && <FailureView failure={f.failure} testId="follow-up-failure" />}
      {f.errors && (
        <>
          {f.errors.groups.length === 0 ? (
            <p role="status" data-testid="follow-up-none">
              No delivery errors reported for this send so far (checked {new Date(f.errors.checkedAt).toLocaleTimeString()}). The platform logs errors after it processes the send, which can take minutes.
            </p>
          ) : (
            <ul className="followup-groups" data-testid="follow-up-groups">
              {f.errors.groups.map((g) => (
                <li key={g.message} data-testid={`follow-up-group-${g.message}`}>
                  <strong>“{g.message}”</strong>: {plural(g.users.length, 'user')}
                  {g.otherRows > 0 && <span className="muted"> (+{plural(g.otherRows, 'row')} for users outside this send)</span>}
                  <div className="followup-users">
                    {g.users.map((u) => (
                      <span key={u.user} data-testid={`follow-up-user-${u.user}`}>
                        {u.user}
                        {u.batch !== undefined ? ` (batch ${u.batch + 1})` : ''}{' '}
                      </span>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {f.errors.truncated && <div className="banner warning">There are more error rows than Preflight reads at once; the counts above are partial.</div>}
        </>
      )}
      {f.deliveries && (
        <p className="muted" data-testid="follow-up-webhooks">
          Webhook events matched by external_message_id: {f.deliveries.rows.filter((r) => r.deliveredAt).length} delivered, {f.deliveries.rows.filter((r) => r.clickedAt).length} clicked.
        </p>
      )}
    </section>
  );
}
