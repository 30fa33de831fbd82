/**
 * How one link-check result reads, the same in the email preview and the QA report:
 * "✓ 200", "↪ 301 → https://final", "✗ 404", "✗ timeout".
 */
import type { LinkCheckResult } from '../ipc/channels/links';

/** A link-check result as a short mark with its status or error. */
export function linkResultText(r: Pick<LinkCheckResult, 'ok' | 'status' | 'error' | 'finalUrl' | 'redirects'>): string {
  if (r.ok && r.redirects.length > 0) return `↪ ${r.redirects.length} redirect${r.redirects.length === 1 ? '' : 's'} → ${r.finalUrl} (${r.status})`;
  if (r.ok) return `✓ ${r.status}`;
  if (r.error === 'http') return `✗ ${r.status}`;
  return `✗ ${r.error ?? 'failed'}`;
}

/** "link check: N broken of M" over the checked URLs of a node (cancelled ones are not counted), or undefined when none was checked. */
export function linkCheckSummary(urls: readonly string[], results: Readonly<Record<string, LinkCheckResult>>): { broken: LinkCheckResult[]; checked: number } | undefined {
  const done = urls.map((u) => results[u]).filter((r): r is LinkCheckResult => r !== undefined && r.error !== 'cancelled');
  if (done.length === 0) return undefined;
  return { broken: done.filter((r) => !r.ok), checked: done.length };
}
