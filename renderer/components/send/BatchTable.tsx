import { useMemo, useState } from 'react';
import type { BatchRow, BatchStateName } from '../../../shared/ipc/channels/send';
import { batchMessage, batchStatusText, sortBatches, type BatchSort } from '../../../shared/send/batch-text';
import { duration, plural, STATE_LABEL } from './format';

/** Batches a person can choose to re-send, skip or export: failed or unknown, and not re-sent already. */
export const selectable = (b: BatchRow) => (b.state === 'failed' || b.state === 'unknown') && !b.resentAs;

const FILTERS: BatchStateName[] = ['unknown', 'failed', 'never-sent', 'sending', 'acknowledged'];

/**
 * Per-batch account in words: status and the platform's message (the raw reply one click away),
 * HTTP status, attempts and time; filtered by status, sorted, and — when `onSelect` is given —
 * selectable one by one or all failed / all unknown at once.
 */
export function BatchTable({ batches, selected, onSelect }: { batches: BatchRow[]; selected?: Set<number>; onSelect?: (indexes: number[], on: boolean) => void }) {
  const [filter, setFilter] = useState<BatchStateName | ''>('');
  const [sort, setSort] = useState<BatchSort>('batch');
  const counts = useMemo(() => {
    const c = new Map<BatchStateName, number>();
    for (const b of batches) c.set(b.state, (c.get(b.state) ?? 0) + 1);
    return c;
  }, [batches]);
  const rows = useMemo(() => sortBatches(filter ? batches.filter((b) => b.state === filter) : batches, sort), [batches, filter, sort]);
  const pick = (state: BatchStateName) => batches.filter((b) => b.state === state && selectable(b)).map((b) => b.index);
  const failed = pick('failed');
  const unknown = pick('unknown');
  return (
    <div className="batch-table">
      <div className="batch-tools">
        <label>
          Show{' '}
          <select value={filter} onChange={(e) => setFilter(e.target.value as BatchStateName | '')} data-testid="batch-filter" aria-label="Show batches with status">
            <option value="">all {plural(batches.length, 'batch', 'batches')}</option>
            {FILTERS.filter((f) => counts.has(f)).map((f) => (
              <option key={f} value={f}>
                {STATE_LABEL[f]} ({counts.get(f)})
              </option>
            ))}
          </select>
        </label>
        <label>
          Sort by{' '}
          <select value={sort} onChange={(e) => setSort(e.target.value as BatchSort)} data-testid="batch-sort" aria-label="Sort batches by">
            <option value="batch">batch number</option>
            <option value="status">status (unknown and failed first)</option>
            <option value="http">HTTP status</option>
            <option value="time">time (slowest first)</option>
            <option value="attempts">attempts (most first)</option>
          </select>
        </label>
        {onSelect && (
          <>
            <button onClick={() => onSelect(failed, true)} disabled={failed.length === 0} data-testid="select-failed">
              Select all failed ({failed.length})
            </button>
            <button onClick={() => onSelect(unknown, true)} disabled={unknown.length === 0} data-testid="select-unknown">
              Select all unknown ({unknown.length})
            </button>
            <button onClick={() => onSelect([...(selected ?? [])], false)} disabled={!selected?.size}>
              Clear selection
            </button>
          </>
        )}
      </div>
      <div className="batch-table-wrap" tabIndex={0} role="region" aria-label="Batches">
        <table className="batches">
          <thead>
            <tr>
              {onSelect && (
                <th>
                  <span className="visually-hidden">Select</span>
                </th>
              )}
              <th>Batch</th>
              <th>Targets</th>
              <th>Status</th>
              <th>Message</th>
              <th>HTTP</th>
              <th>Attempts</th>
              <th>Time</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.index} data-testid={`batch-${b.index}`}>
                {onSelect && <td>{selectable(b) && <input type="checkbox" aria-label={`Select batch ${b.index + 1}`} checked={selected?.has(b.index) ?? false} onChange={(e) => onSelect([b.index], e.target.checked)} />}</td>}
                <td>{b.index + 1}</td>
                <td>{b.targets.toLocaleString()}</td>
                <td className={`status-${b.state}`}>
                  <span data-testid="batch-status">{batchStatusText(b)}</span>
                  {b.skipped && <span className="small muted"> · skipped</span>}
                  {b.resentAs && (
                    <span className="small muted">
                      {' '}
                      · re-sent as <code>{b.resentAs}</code>
                    </span>
                  )}
                  {b.interrupted && <span className="small muted"> · in flight when the app stopped</span>}
                  {b.repeated && <span className="small c-error"> · sent by two runs at once</span>}
                </td>
                <td className="batch-message">
                  <span data-testid="batch-message">{batchMessage(b)}</span>
                  {b.response != null && (
                    <details className="raw-reply">
                      <summary>reply</summary>
                      <pre>{typeof b.response === 'string' ? b.response : JSON.stringify(b.response, null, 2)}</pre>
                    </details>
                  )}
                </td>
                <td>{b.httpStatus ?? '—'}</td>
                <td>{b.attempts}</td>
                <td>{duration(b.durationMs)}</td>
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={onSelect ? 8 : 7} className="muted">
                  No batch has this status.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
