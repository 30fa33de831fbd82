import type { BatchRow } from '../../../shared/ipc/channels/send';
import { duration, STATE_LABEL } from './format';

/** Per-batch account: state, HTTP status, the platform's response and the duration. */
export function BatchTable({ batches, selected, onSelect }: { batches: BatchRow[]; selected?: Set<number>; onSelect?: (index: number, on: boolean) => void }) {
  return (
    // A scrolling box: focusable and named so the keyboard can scroll it too.
    <div className="batch-table-wrap" tabIndex={0} role="region" aria-label="Batches">
      <table className="batches">
        <thead>
          <tr>
            {onSelect && <th aria-label="Select" />}
            <th>Batch</th><th>Targets</th><th>Status</th><th>HTTP</th><th>Attempts</th><th>Time</th><th>Response</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.index} data-testid={`batch-${b.index}`}>
              {onSelect && (
                <td>
                  {(b.state === 'failed' || b.state === 'unknown') && (
                    <input type="checkbox" aria-label={`Select batch ${b.index + 1}`} checked={selected?.has(b.index) ?? false} onChange={(e) => onSelect(b.index, e.target.checked)} />
                  )}
                </td>
              )}
              <td>{b.index + 1}</td>
              <td>{b.targets.toLocaleString()}</td>
              <td className={`status-${b.state}`}>
                {STATE_LABEL[b.state]}
                {b.skipped && ' (skipped)'}
                {b.interrupted && ' (in flight at a crash)'}
              </td>
              <td>{b.httpStatus ?? '—'}</td>
              <td>{b.attempts}</td>
              <td>{duration(b.durationMs)}</td>
              <td>
                <code className="response" title={b.reason}>{b.response != null ? JSON.stringify(b.response) : (b.reason ?? '')}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
