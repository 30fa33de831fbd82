import { useEffect, useState } from 'react';
import type { ChannelResult } from '../../../shared/ipc/contract';
import { call } from '../../api/client';
import { usePlatform } from '../../stores/platform';
import { DeliveryFollowUp } from './DeliveryFollowUp';

type Summary = ChannelResult<'send.history'>[number];

/** Picks a send from the history and shows its delivery follow-up. */
export function FollowUpTab() {
  const sendId = usePlatform((s) => s.followUpSendId);
  const show = usePlatform((s) => s.showFollowUp);
  const [sends, setSends] = useState<Summary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    call('send.history', {})
      .then((list) => {
        setSends(list);
        if (!usePlatform.getState().followUpSendId && list[0]) show(list[0].sendId);
      })
      .catch((e: Error) => setError(`The send history could not be read: ${e.message}`));
  }, [show]);
  return (
    <section aria-label="Delivery follow-up">
      {error && (
        <div role="alert" className="banner error">
          {error}
        </div>
      )}
      {sends && sends.length === 0 && <p className="muted">No sends yet. Send a campaign, then come back here to see what the platform reports for it.</p>}
      {sends && sends.length > 0 && (
        <label className="pager">
          Send
          <select value={sendId ?? ''} onChange={(e) => show(e.target.value)} data-testid="follow-up-send">
            {sends.map((s) => (
              <option key={s.sendId} value={s.sendId}>
                {new Date(s.createdAt).toLocaleString()} · {s.campaignId} · {s.environment.name} · {s.recipients} recipient(s){s.kind === 'test' ? ' · test' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {sendId && <DeliveryFollowUp key={sendId} sendId={sendId} />}
    </section>
  );
}
