import type { Diagnostic } from '../../../shared/diagnostics';

const SHOWN = 50;

/** Where a diagnostic is, in the user's terms: file, row (header = row 1), column, JSON line/column or path. */
export function placeText(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.file) parts.push(d.file);
  if (d.row !== undefined) parts.push(`row ${d.row}`);
  if (d.line !== undefined && d.line !== d.row) parts.push(`line ${d.line}`);
  if (d.path) parts.push(d.path);
  if (d.column !== undefined) parts.push(typeof d.column === 'number' ? `column ${d.column}` : `column "${d.column}"`);
  return parts.join(' · ');
}

/**
 * Import diagnostics a person can read: severity, place and the message (which quotes the offending
 * text). Long lists show the first 50 and a count per kind for the rest.
 */
export function DataDiagnostics({ diagnostics, testId = 'data-diagnostics' }: { diagnostics: readonly Diagnostic[]; testId?: string }) {
  if (diagnostics.length === 0) return null;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  const rest = diagnostics.slice(SHOWN);
  const restByCode = new Map<string, number>();
  for (const d of rest) restByCode.set(d.code, (restByCode.get(d.code) ?? 0) + 1);
  return (
    <div data-testid={testId}>
      <div className="data-diag-summary small">{[counts.error && `${counts.error} error(s)`, counts.warning && `${counts.warning} warning(s)`, counts.info && `${counts.info} note(s)`].filter(Boolean).join(' · ')}</div>
      <ul className="data-diags">
        {diagnostics.slice(0, SHOWN).map((d, i) => (
          <li key={i} className={`diag diag-${d.severity}`} data-code={d.code}>
            <span className="badge">{d.severity}</span> {placeText(d) && <span className="place">{placeText(d)}: </span>}
            {d.message}
          </li>
        ))}
        {rest.length > 0 && (
          <li className="muted">
            …and {rest.length.toLocaleString()} more: {[...restByCode].map(([c, n]) => `${n.toLocaleString()} × ${c}`).join(', ')}
          </li>
        )}
      </ul>
    </div>
  );
}
