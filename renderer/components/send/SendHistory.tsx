import { useEffect, useState } from 'react';
import type { ChannelArgs } from '../../../shared/ipc/contract';
import type { SendDetail, SendSummary } from '../../../shared/ipc/channels/send';
import { call } from '../../api/client';
import { useSend } from '../../stores/send';
import { SendDetailView } from './SendDetailView';
import { downloadText } from '../data/download';

type Filter = ChannelArgs<'send.history'>;

/** Every send from its journal: filter by environment, campaign and status; open one to see every batch; export as CSV. */
export function SendHistory() {
  const open = useSend((s) => s.historyOpen);
  const openHistory = useSend((s) => s.openHistory);
  const environments = useSend((s) => s.environments);
  const [filter, setFilter] = useState<Filter>({});
  const [rows, setRows] = useState<SendSummary[]>([]);
  const [detail, setDetail] = useState<SendDetail>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!open) return;
    call('send.history', filter).then(setRows, (e: Error) => setError(e.message));
  }, [open, filter]);
  if (!open) return null;
  const set = (k: keyof Filter, v: string) => setFilter((f) => ({ ...f, [k]: v || undefined }));
  return (
    <div className="modal-backdrop send-backdrop">
      <div role="dialog" aria-modal="true" aria-labelledby="history-title" className="modal send-modal wide" data-testid="send-history">
        <h2 id="history-title">Send history</h2>
        <div className="filters">
          <select aria-label="Environment" value={filter.environmentId ?? ''} onChange={(e) => set('environmentId', e.target.value)}>
            <option value="">All environments</option>
            {environments.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </select>
          <input aria-label="Campaign" placeholder="Campaign id" value={filter.campaignId ?? ''} onChange={(e) => set('campaignId', e.target.value)} />
          <select aria-label="Status" value={filter.status ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any status</option>
            <option value="needs-attention">Needs attention</option>
            <option value="interrupted">Interrupted</option>
            <option value="cancelled">Cancelled</option>
            <option value="completed">Completed</option>
            <option value="running">Running</option>
          </select>
          <span className="spacer" />
          <button
            onClick={() =>
              void call('send.historyCsv', filter).then(
                (r) => downloadText('preflight-send-history.csv', r.csv, 'text/csv'),
                (e: Error) => setError(e.message),
              )
            }
          >
            Export CSV
          </button>
          <button onClick={() => openHistory(false)}>Close</button>
        </div>
        {error && (
          <div role="alert" className="banner error">
            {error}
          </div>
        )}
        <table className="batches history">
          <thead>
            <tr>
              <th>When</th>
              <th>Environment</th>
              <th>Campaign</th>
              <th>Kind</th>
              <th>Recipients</th>
              <th>Status</th>
              <th>Acknowledged</th>
              <th>Failed</th>
              <th>Unknown</th>
              <th>Never sent</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.sendId} className={detail?.sendId === s.sendId ? 'selected' : ''} onClick={() => void call('send.status', { sendId: s.sendId }).then(setDetail, (e: Error) => setError(e.message))} data-testid={`history-${s.sendId}`}>
                {/* When it went out (its confirmation), not when its preview was opened. */}
                <td>
                  <time dateTime={s.startedAt ?? s.createdAt}>{new Date(s.startedAt ?? s.createdAt).toLocaleString()}</time>
                </td>
                <td>
                  {s.environment.name}
                  {s.environment.production ? ' (prod)' : ''}
                </td>
                <td>
                  <code>{s.campaignId}</code>
                </td>
                <td>{s.kind}</td>
                <td>{s.recipients.toLocaleString()}</td>
                <td>{s.status}</td>
                <td className="status-acknowledged">{s.targetCounts.acknowledged.toLocaleString()}</td>
                <td className="status-failed">{s.targetCounts.failed.toLocaleString()}</td>
                <td className="status-unknown">{s.targetCounts.unknown.toLocaleString()}</td>
                <td>{s.targetCounts.neverSent.toLocaleString()}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={10} className="muted">
                  No sends match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
        {detail && <SendDetailView detail={detail} headingLevel={3} />}
      </div>
    </div>
  );
}
