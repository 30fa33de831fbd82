/**
 * The QA report's "Email QA over all users" section: per email node, each compatibility and link
 * finding with on how many users it occurs, and each template link with its distinct rendered URLs
 * (from the full scan's tally, shared/guardrails/email-tally.ts). Everything is escaped.
 */
import { usersText, type EmailTallySummary } from '../guardrails/email-tally';
import type { LinkCheckResult } from '../ipc/channels/links';
import { linkCheckSummary, linkResultText } from './link-check-text';
import type { EmailScoreSummary } from '../guardrails/compat/score-tally';
import { emailScoresHtml } from './report-email-scores';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The section's HTML, or '' when the full scan did not run (or there is no email node). With the
 * results of the opt-in link check (by URL), each node says "link check: N broken of M" and lists the broken ones;
 * with the scan's per-client scores, each node starts with its client families' scores.
 */
export function emailQaSection(summary: EmailTallySummary | undefined, linkChecks: Readonly<Record<string, LinkCheckResult>> = {}, scores: EmailScoreSummary = {}): string {
  const nodes = Object.entries(summary ?? {});
  if (!nodes.length) return '';
  const parts = nodes.map(([node, t]) => {
    const findings = t.findings.length
      ? `<ul>${t.findings.map((f) => `<li class="${esc(f.severity)}"><code>${esc(f.code)}</code> ${esc(f.message)} <span class="muted">· ${esc(usersText(f.users, t.users))}</span></li>`).join('')}</ul>`
      : '<p class="muted">No compatibility or link finding.</p>';
    const links = t.links.length
      ? `<table><thead><tr><th>Kind</th><th>URL in the template</th><th>Users</th><th>Rendered</th></tr></thead><tbody>${t.links
          .map(
            (l) =>
              `<tr><td>${esc(l.kind)}${l.personalised ? ' <span class="tag">personalised</span>' : ''}</td><td><code>${esc(l.template || '(empty)')}</code></td><td>${esc(usersText(l.users, t.users))}</td><td>${l.distinct}${l.capped ? '+' : ''} distinct${
                l.personalised ? `<ul>${l.variants.map((v) => `<li><code>${esc(v.url)}</code> × ${v.users}</li>`).join('')}</ul>` : ''
              }</td></tr>`,
          )
          .join('')}</tbody></table>`
      : '';
    const checked = linkCheckSummary([...new Set(t.links.flatMap((l) => l.variants.map((v) => v.url)))], linkChecks);
    const check = checked
      ? `<p class="${checked.broken.length ? 'error' : 'muted'}">link check: ${checked.broken.length} broken of ${checked.checked}</p>${
          checked.broken.length ? `<ul>${checked.broken.map((r) => `<li class="error"><code>${esc(r.url)}</code> ${esc(linkResultText(r))}</li>`).join('')}</ul>` : ''
        }`
      : '';
    return `<h3>${esc(node)} <span class="muted">(${t.users} users)</span></h3>${emailScoresHtml(scores[node])}<h4>Compatibility and links</h4>${findings}${links ? `<h4>Links and images</h4>${links}` : ''}${check}`;
  });
  return `<h2>Email QA over all users</h2>\n${parts.join('\n')}\n`;
}
