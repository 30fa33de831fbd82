/**
 * The QA report: one self-contained HTML file (inline styles, no scripts, no remote resources)
 * with the campaign, a data summary, diagnostics, each reviewed render, and the decisions.
 * Email HTML is embedded in sandboxed iframes (no scripts) so the report never runs template code.
 */
import type { Diagnostic } from '../diagnostics';
import { formatPlace } from '../diagnostics';
import { formatProgress, type Decision, type ReviewProgress } from './model';
import type { EmailTallySummary } from '../guardrails/email-tally';
import { emailQaSection } from './report-email-qa';

export interface ReportCell {
  target: string;
  node: string;
  channel: string;
  fields: Record<string, string>;
  diagnostics: Diagnostic[];
  decision?: Decision;
}

export interface ReportInput {
  campaign: { name: string; id: string; type: string; file: string; nodes: { key: string; channel: string }[] };
  data: { targets: number; params: string[]; perUserColumns: string[]; profiles: number; source?: string };
  diagnostics: Diagnostic[];
  progress: ReviewProgress;
  cells: ReportCell[];
  generatedAt: string;
  /** Scan totals over all users, when the full scan finished. */
  scan?: { users: number; withErrors: number; withWarnings: number };
  /** The full scan's email QA over all users (compatibility and link findings with user counts, rendered link variants). */
  emailQa?: EmailTallySummary;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:32px;color:#1c2430;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2e8;padding-bottom:4px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #dde2e8;padding:4px 8px;text-align:left;vertical-align:top}
.muted{color:#5f6b7a}.error{color:#b42318}.warning{color:#b54708}.info{color:#175cd3}
.cell{border:1px solid #dde2e8;border-radius:8px;padding:12px;margin:12px 0;break-inside:avoid}
.approved{border-left:4px solid #067647}.flagged{border-left:4px solid #b42318}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f7f9;padding:8px;border-radius:6px;margin:4px 0}
iframe{width:100%;height:420px;border:1px solid #dde2e8;border-radius:6px;background:#fff}
.tag{font-size:11px;text-transform:uppercase;border:1px solid currentColor;border-radius:4px;padding:0 4px}`;

function diagList(ds: readonly Diagnostic[]): string {
  if (!ds.length) return '<p class="muted">None.</p>';
  return `<ul>${ds.map((d) => `<li class="${d.severity}"><b>${escapeHtml(d.severity)}</b> <code>${escapeHtml(d.code)}</code> ${escapeHtml(d.message)}${formatPlace(d) ? ` <span class="muted">— ${escapeHtml(formatPlace(d))}</span>` : ''}</li>`).join('')}</ul>`;
}

function cellHtml(c: ReportCell): string {
  const status = c.decision?.status ?? 'not reviewed';
  const fields = Object.entries(c.fields)
    .map(([name, value]) =>
      name === 'html'
        ? `<div><b>${escapeHtml(name)}</b><iframe sandbox="" referrerpolicy="no-referrer" title="${escapeHtml(`${c.target} ${c.node} html`)}" srcdoc="${escapeHtml(value)}"></iframe></div>`
        : `<div><b>${escapeHtml(name)}</b><pre>${escapeHtml(value)}</pre></div>`,
    )
    .join('');
  return `<section class="cell ${c.decision?.status ?? ''}"><h3>${escapeHtml(c.target)} × ${escapeHtml(c.node)} <span class="tag">${escapeHtml(c.channel)}</span> — <span class="${c.decision?.status === 'flagged' ? 'error' : ''}">${escapeHtml(status)}</span></h3>
${c.decision ? `<p>${c.decision.comment ? `Comment: <q>${escapeHtml(c.decision.comment)}</q> ` : ''}<span class="muted">${escapeHtml(c.decision.by ? `${c.decision.by}, ` : '')}${escapeHtml(c.decision.at)}</span></p>` : ''}
${fields}${c.diagnostics.length ? `<h4>Diagnostics</h4>${diagList(c.diagnostics)}` : ''}</section>`;
}

/** Builds the report document. Everything from the workspace is escaped; nothing executes. */
export function buildReportHtml(r: ReportInput): string {
  const c = r.campaign;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src about:">
<title>QA report — ${escapeHtml(c.name)}</title><style>${CSS}</style></head><body>
<h1>QA report — ${escapeHtml(c.name)}</h1>
<p class="muted">Campaign ID <code>${escapeHtml(c.id)}</code> · ${escapeHtml(c.type)} · ${escapeHtml(c.file)} · generated ${escapeHtml(r.generatedAt)}</p>
<p><b>${escapeHtml(formatProgress(r.progress))}</b> (${r.progress.approved} approved)</p>
<h2>Journey</h2><ol>${c.nodes.map((n) => `<li>${escapeHtml(n.key)} <span class="tag">${escapeHtml(n.channel)}</span></li>`).join('')}</ol>
<h2>Data</h2><table><tbody>
<tr><th>Targets</th><td>${r.data.targets}${r.data.source ? ` <span class="muted">from ${escapeHtml(r.data.source)}</span>` : ''}</td></tr>
<tr><th>Params</th><td>${escapeHtml(r.data.params.join(', ') || '—')}</td></tr>
<tr><th>Per-user columns</th><td>${escapeHtml(r.data.perUserColumns.join(', ') || '—')}</td></tr>
<tr><th>Profiles (preview)</th><td>${r.data.profiles}</td></tr>
${r.scan ? `<tr><th>Full scan</th><td>${r.scan.users} users · ${r.scan.withErrors} with errors · ${r.scan.withWarnings} with warnings</td></tr>` : ''}
</tbody></table>
<h2>Campaign diagnostics</h2>${diagList(r.diagnostics)}
${emailQaSection(r.emailQa)}<h2>Reviewed renders (${r.cells.length})</h2>
${r.cells.map(cellHtml).join('\n')}
</body></html>
`;
}
