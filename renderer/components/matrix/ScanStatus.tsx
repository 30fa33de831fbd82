import { useShallow } from 'zustand/react/shallow';
import { useRenders } from '../../stores/renders';

/**
 * The full scan of every user (run in the render worker): progress with Cancel while it runs, then
 * how many users have errors and warnings. Campaign-wide, so it sits in the campaign header.
 */
export function ScanStatus() {
  const scan = useRenders(useShallow((s) => ({ status: s.scan.status, done: s.scan.done, total: s.scan.total, withErrors: s.scan.withErrors, withWarnings: s.scan.withWarnings, ms: s.scan.ms })));
  const startScan = useRenders((s) => s.startScan);
  const cancelScan = useRenders((s) => s.cancelScan);
  return (
    <span className="scan small" data-testid="scan-status" data-scan={scan.status}>
      {scan.status === 'running' && (
        <>
          <progress max={scan.total || 1} value={scan.done} aria-label="Checking every user" /> {scan.done.toLocaleString()} / {scan.total.toLocaleString()} <button onClick={cancelScan}>Cancel</button>
        </>
      )}
      {scan.status === 'done' && (
        <span title={scan.ms !== undefined ? `checked in ${scan.ms} ms` : undefined}>
          All {scan.total.toLocaleString()} checked: <b className="c-error">{scan.withErrors.toLocaleString()}</b> with errors · <b className="c-warning">{scan.withWarnings.toLocaleString()}</b> with warnings
        </span>
      )}
      {scan.status === 'cancelled' && (
        <>
          Check stopped at {scan.done.toLocaleString()} <button onClick={startScan}>Resume</button>
        </>
      )}
    </span>
  );
}
