import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import type { ChannelResult } from '../../../shared/ipc/contract';

type Deliveries = ChannelResult<'send.deliveries'>;

/** Per user: delivered and clicked, from webhook postbacks matched by the batches' external_message_id. */
export function DeliveriesPanel({ sendId }: { sendId: string }) {
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<Deliveries>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!open) return;
    let live = true;
    const load = () =>
      call('send.deliveries', { sendId })
        .then((d) => live && setData(d))
        .catch((e: Error) => live && setError(e.message));
    void load();
    const off = api.on('webhook.events', () => void load());
    return () => {
      live = false;
      off();
    };
  }, [open, sendId]);
  const rows = data?.rows ?? [];
  const delivered = rows.filter((r) => r.deliveredAt).length;
  const clicked = rows.filter((r) => r.clickedAt).length;
  return (
    <details className="deliveries" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} data-testid="deliveries">
      <summary>Deliveries{data ? ` — ${delivered.toLocaleString()} delivered, ${clicked.toLocaleString()} clicked` : ''}</summary>
      {error && <p className="c-error">{error}</p>}
      {data && (
        <>
          <p className="small muted">
            From webhook postbacks to <code>{data.receiverUrl}</code>, matched by each batch's <code>external_message_id</code>.
          </p>
          <table className="batches">
            <thead>
              <tr>
                <th>User</th>
                <th>Batch</th>
                <th>Delivered</th>
                <th>Clicked</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 500).map((r) => (
                <tr key={r.user} data-testid={`delivery-${r.user}`}>
                  <td>
                    <code>{r.user}</code>
                  </td>
                  <td>{r.batch + 1}</td>
                  <td>{r.deliveredAt ?? '—'}</td>
                  <td>{r.clickedAt ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length > 500 && <p className="small muted">Showing 500 of {rows.length.toLocaleString()} users.</p>}
        </>
      )}
    </details>
  );
}
