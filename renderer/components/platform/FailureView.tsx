import type { PlatformFailure } from '../../../shared/ipc/channels/platform';

/** A platform call that gave nothing usable: the plain message, and the raw answer when it could not be read. */
export function FailureView({ failure, testId = 'platform-failure' }: { failure: PlatformFailure; testId?: string }) {
  return (
    <div role="alert" className="banner error" data-testid={testId}>
      <div>{failure.message}</div>
      {failure.raw !== undefined && (
        <details open>
          <summary>The platform's answer, as received</summary>
          <pre className="raw" data-testid="platform-raw">
            {failure.raw}
          </pre>
        </details>
      )}
    </div>
  );
}

/** Places in a platform answer that could not be read (the rest was used). */
export function ProblemList({ problems }: { problems: { path: string; message: string }[] }) {
  if (!problems.length) return null;
  return (
    <div className="banner warning" data-testid="platform-problems">
      Parts of the platform's answer could not be read and were skipped:
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path}</code>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Platform fields Preflight does not map: kept and shown, never dropped. */
export function UnmappedFields({ fields }: { fields: { path: string; value: unknown }[] }) {
  if (!fields.length) return null;
  return (
    <details className="unmapped" data-testid="unmapped-fields">
      <summary>
        {fields.length} platform field{fields.length === 1 ? '' : 's'} Preflight does not map (kept for reference)
      </summary>
      <table className="platform-table">
        <tbody>
          {fields.map((f) => (
            <tr key={f.path}>
              <td>
                <code>{f.path}</code>
              </td>
              <td>
                <code>{JSON.stringify(f.value)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** A live campaign's unmapped fields plus the response's own unknown top-level fields. */
export function liveExtras(live: { unmapped: { path: string; value: unknown }[]; envelopeExtra: Record<string, unknown> }) {
  return [...live.unmapped, ...Object.entries(live.envelopeExtra).map(([k, value]) => ({ path: `(response) ${k}`, value }))];
}

/** Live status of a platform campaign. */
export function ActiveBadge({ active }: { active?: boolean }) {
  if (active === undefined) return <span className="active-badge inactive">status unknown</span>;
  return (
    <span className={`active-badge ${active ? 'active' : 'inactive'}`} data-testid="active-badge">
      {active ? 'active' : 'inactive'}
    </span>
  );
}
