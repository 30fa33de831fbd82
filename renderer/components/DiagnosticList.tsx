import type { Diagnostic } from '../../shared/diagnostics';
import { formatPlace } from '../../shared/diagnostics';

/** A compact list of diagnostics with severity badges and their place. */
export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  if (!diagnostics.length) return null;
  return (
    <ul className="diagnostics" aria-label="Diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i} className={`diag diag-${d.severity}`}>
          <span className="badge">{d.severity}</span> <code>{d.code}</code> {d.message}
          {formatPlace(d) && <span className="muted"> — {formatPlace(d)}</span>}
        </li>
      ))}
    </ul>
  );
}
