import type { NodeEmailTally } from '../../../shared/guardrails/email-tally';
import type { LinkCheckResult } from '../../../shared/ipc/channels/links';
import { linkCheckSummary, linkResultText } from '../../../shared/review/link-check-text';
import { checkableUrls, useLinkCheck } from '../../stores/link-check';

/** One URL's result as a short mark: ✓ 200, ↪ 301 → final, ✗ 404, ✗ timeout. */
export function LinkResult({ r }: { r?: LinkCheckResult }) {
  if (!r) return null;
  return (
    <span className={r.ok ? 'link-ok' : 'link-broken'} data-testid="qa-link-result" data-ok={r.ok} title={r.detail}>
      {' '}
      {linkResultText(r)}
    </span>
  );
}

/**
 * The button of the opt-in link check: off until clicked, and it says where the requests go.
 * While it runs, a spinner and a cancel; then a summary of broken links.
 */
export function LinkCheckButton({ tally }: { tally: NodeEmailTally }) {
  const { results, running, error, check, cancel } = useLinkCheck();
  const urls = checkableUrls(tally);
  if (urls.length === 0) return null;
  const hosts = new Set(urls.map((u) => new URL(u).host));
  const summary = linkCheckSummary(urls, results);
  return (
    <div className="link-check" data-testid="qa-link-check">
      <button type="button" onClick={() => void check(urls)} disabled={running} data-testid="qa-link-check-run">
        Check {urls.length} link{urls.length === 1 ? '' : 's'} over the network
      </button>{' '}
      {running && (
        <>
          <span className="spinner" role="status" aria-label="Checking links" />{' '}
          <button type="button" onClick={() => void cancel()} data-testid="qa-link-check-cancel">
            Cancel
          </button>
        </>
      )}
      <p className="muted small">
        Makes a HEAD request (or a one-byte GET) to {hosts.size} host{hosts.size === 1 ? '' : 's'} ({[...hosts].slice(0, 3).join(', ')}
        {hosts.size > 3 ? '…' : ''}), from this computer, without cookies or tokens. Nothing is requested until you click.
      </p>
      {summary && !running && (
        <p data-testid="qa-link-check-summary" className={summary.broken.length ? 'error' : 'muted small'}>
          Link check: {summary.broken.length} broken of {summary.checked}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
