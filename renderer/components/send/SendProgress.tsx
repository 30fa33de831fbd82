import { useSend } from '../../stores/send';
import { BatchTable } from './BatchTable';
import { duration, plural } from './format';

/** The running send: a progress bar with counts and ETA, cancel, and the per-batch table. */
export function SendProgress() {
  const detail = useSend((s) => s.detail);
  const progress = useSend((s) => s.progress);
  const cancelSend = useSend((s) => s.cancelSend);
  if (!detail) return <p className="muted">Starting…</p>;
  const bc = progress?.batchCounts ?? detail.batchCounts;
  const done = bc.acknowledged + bc.failed + bc.unknown;
  const total = detail.batchCount;
  const running = (progress?.status ?? detail.status) === 'running';
  return (
    <div className="send-progress" data-testid="send-progress">
      <progress max={total} value={done} aria-label="Batches done" />
      <div className="progress-facts">
        <span>
          {done.toLocaleString()} of {plural(total, 'batch', 'batches')}
        </span>
        <span className="status-acknowledged">{bc.acknowledged} acknowledged</span>
        <span className="status-failed">{bc.failed} failed</span>
        <span className="status-unknown">{bc.unknown} unknown</span>
        <span>{bc.sending} in flight</span>
        <span className="muted">{running ? `ETA ${progress?.etaMs == null ? '…' : duration(progress.etaMs)}` : detail.status}</span>
        {running && (
          <button onClick={() => void cancelSend()} data-testid="cancel-send" title="Stops starting new batches; those in flight finish">
            Cancel
          </button>
        )}
      </div>
      <BatchTable batches={detail.batches} />
    </div>
  );
}
