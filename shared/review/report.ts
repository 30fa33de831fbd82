/**
 * The QA report: one self-contained HTML file (inline styles, no scripts, no remote resources)
 * with who reviewed, the campaign, where its data came from, diagnostics, and the renders: those
 * changed since they were approved first, then flagged, approved and not reviewed ones, each with
 * the values it used and where they came from. Email HTML is embedded in sandboxed iframes (no
 * scripts) so the report never runs template code.
 */
import type { Diagnostic } from '../diagnostics';
import { formatPlace } from '../diagnostics';
import { VALUE_SOURCE_LABELS, type ValueSource } from '../campaign/send-data';
import { formatProgress, reviewMark, type Decision, type ReviewMark, type ReviewProgress } from './model';
import type { EmailTallySummary } from '../guardrails/email-tally';
import type { EmailScoreSummary } from '../guardrails/compat/score-tally';
import type { LinkCheckResult } from '../ipc/channels/links';
import { emailQaSection } from './report-email-qa';

export interface ReportCell {
  target: string;
  node: string;
  channel: string;
  fields: Record<string, string>;
  diagnostics: Diagnostic[];
  decision?: Decision;
  /** Every attribute the render referenced, its value (empty when none) and where it came from. */
  values?: { name: string; value: unknown; source: ValueSource }[];
}

export interface ReportInput {
  campaign: { name: string; id: string; type: string; file: string; nodes: { key: string; channel: string }[] };
  data: { targets: number; params: string[]; perUserColumns: string[]; profiles: number; source?: string };
  /** Who exported the report (the name set in the settings). */
  reviewer?: string;
  diagnostics: Diagnostic[];
  progress: ReviewProgress;
  /** Reviewed renders and (the first of) the renders not reviewed yet. */
  cells: ReportCell[];
  /** How many renders are not reviewed in all (the cells hold at most the first of them). */
  unreviewedTotal?: number;
  generatedAt: string;
  /** Scan totals over all users, when the full scan finished. */
  scan?: { users: number; withErrors: number; withWarnings: number };
  /** The full scan's email QA over all users (compatibility and link findings with user counts, rendered link variants). */
  emailQa?: EmailTallySummary;
  /** The full scan's per-client scores over all users, by email node. */
  emailScores?: EmailScoreSummary;
  /** Results of the opt-in network link check, by URL (absent when nobody ran it). */
  linkChecks?: Record<string, LinkCheckResult>;
}

/** A render's values in the report's shape, from a render's sources and values. */
export function reportValues(r: { sources: Record<string, ValueSource>; values: Record<string, unknown> }): NonNullable<ReportCell['values']> {
  return Object.keys(r.sources).map((name) => ({ name, value: r.sources[name] === 'empty' ? '' : r.values[name], source: r.sources[name] as ValueSource }));
}

/** A report cell's mark: its decision, `changed` when an approval no longer covers it, or unreviewed. */
export function cellMark(c: ReportCell): ReviewMark | 'unreviewed' {
  return reviewMark(c.decision, c) ?? 'unreviewed';
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
.approved{border-left:4px solid #067647}.flagged{border-left:4px solid #b42318}.changed{border-left:4px solid #b54708}
pre{white-space:pre-wrap;word-break:break-word;background:#f6f7f9;padding:8px;border-radius:6px;margin:4px 0}
iframe{width:100%;height:420px;border:1px solid #dde2e8;border-radius:6px;background:#fff}
.tag{font-size:11px;text-transform:uppercase;border:1px solid currentColor;border-radius:4px;padding:0 4px}`;

function diagList(ds: readonly Diagnostic[]): string {
  if (!ds.length) return '<p class="muted">None.</p>';
  return `<ul>${ds.map((d) => `<li class="${d.severity}"><b>${escapeHtml(d.severity)}</b> <code>${escapeHtml(d.code)}</code> ${escapeHtml(d.message)}${formatPlace(d) ? ` <span class="muted">— ${escapeHtml(formatPlace(d))}</span>` : ''}</li>`).join('')}</ul>`;
}

const MARK_WORDS: Record<ReviewMark | 'unreviewed', string> = { approved: 'approved', flagged: 'flagged', changed: 'changed since approved', unreviewed: 'not reviewed' };

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function valuesHtml(values: NonNullable<ReportCell['values']>): string {
  if (!values.length) return '';
  return `<table class="values"><thead><tr><th>Attribute</th><th>Value</th><th>From</th></tr></thead><tbody>${values
    .map((v) => `<tr><td><code>${escapeHtml(v.name)}</code></td><td>${escapeHtml(valueText(v.value))}</td><td>${escapeHtml(VALUE_SOURCE_LABELS[v.source])}</td></tr>`)
    .join('')}</tbody></table>`;
}

function cellHtml(c: ReportCell): string {
  const mark = cellMark(c);
  const fields = Object.entries(c.fields)
    .map(([name, value]) =>
      name === 'html' ? `<div><b>${escapeHtml(name)}</b><iframe sandbox="" referrerpolicy="no-referrer" title="${escapeHtml(`${c.target} ${c.node} html`)}" srcdoc="${escapeHtml(value)}"></iframe></div>` : `<div><b>${escapeHtml(name)}</b><pre>${escapeHtml(value)}</pre></div>`,
    )
    .join('');
  const d = c.decision;
  const who = d ? `${d.by ? `${d.by}, ` : ''}${d.at}${d.source ? ` · data from ${d.source}` : ''}` : '';
  const changed = mark === 'changed' ? `<p class="warning">The render is not the one approved: it changed after the approval (${escapeHtml(who)}). It needs a new review.</p>` : '';
  return `<section class="cell ${mark}"><h3>${escapeHtml(c.target)} × ${escapeHtml(c.node)} <span class="tag">${escapeHtml(c.channel)}</span> — <span class="${mark === 'flagged' ? 'error' : mark === 'changed' ? 'warning' : ''}">${escapeHtml(MARK_WORDS[mark])}</span></h3>
${changed}${d && mark !== 'changed' ? `<p>${d.comment ? `Comment: <q>${escapeHtml(d.comment)}</q> ` : ''}<span class="muted">${escapeHtml(who)}</span></p>` : d?.comment ? `<p>Comment: <q>${escapeHtml(d.comment)}</q></p>` : ''}
${fields}${valuesHtml(c.values ?? [])}${c.diagnostics.length ? `<h4>Diagnostics</h4>${diagList(c.diagnostics)}` : ''}</section>`;
}

const GROUPS: { mark: ReviewMark | 'unreviewed'; title: string }[] = [
  { mark: 'changed', title: 'Changed since approved' },
  { mark: 'flagged', title: 'Flagged' },
  { mark: 'approved', title: 'Approved' },
  { mark: 'unreviewed', title: 'Not reviewed' },
];

/** Builds the report document. Everything from the workspace is escaped; nothing executes. */
export function buildReportHtml(r: ReportInput): string {
  const c = r.campaign;
  const groups = GROUPS.map((g) => ({ ...g, cells: r.cells.filter((x) => cellMark(x) === g.mark) }));
  const count = (g: (typeof groups)[number]) => (g.mark === 'unreviewed' ? Math.max(r.unreviewedTotal ?? 0, g.cells.length) : g.cells.length);
  const section = (g: (typeof groups)[number]) => {
    const n = count(g);
    if (n === 0) return '';
    const more = n > g.cells.length ? ` <span class="muted">(the first ${g.cells.length} shown)</span>` : '';
    return `<h2>${escapeHtml(g.title)} (${n})${more}</h2>\n${g.cells.map(cellHtml).join('\n')}`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src about:">
<title>QA report — ${escapeHtml(c.name)}</title><style>${CSS}</style></head><body>
<h1>QA report — ${escapeHtml(c.name)}</h1>
<p class="muted">Campaign ID <code>${escapeHtml(c.id)}</code> · ${escapeHtml(c.type)} · ${escapeHtml(c.file)} · generated ${escapeHtml(r.generatedAt)}</p>
<p>Reviewer: ${r.reviewer ? escapeHtml(r.reviewer) : '<span class="warning">not set (set a name in the settings)</span>'} · Data from ${r.data.source ? escapeHtml(r.data.source) : 'nowhere yet'}</p>
<p><b>${escapeHtml(formatProgress(r.progress))}</b> (${r.progress.approved} approved${count(groups[0]!) ? `, <span class="warning">${count(groups[0]!)} changed since approved</span>` : ''})</p>
<h2>Journey</h2><ol>${c.nodes.map((n) => `<li>${escapeHtml(n.key)} <span class="tag">${escapeHtml(n.channel)}</span></li>`).join('')}</ol>
<h2>Data</h2><table><tbody>
<tr><th>Targets</th><td>${r.data.targets}${r.data.source ? ` <span class="muted">from ${escapeHtml(r.data.source)}</span>` : ''}</td></tr>
<tr><th>Params</th><td>${escapeHtml(r.data.params.join(', ') || '—')}</td></tr>
<tr><th>Per-user columns</th><td>${escapeHtml(r.data.perUserColumns.join(', ') || '—')}</td></tr>
<tr><th>Profiles (preview)</th><td>${r.data.profiles}</td></tr>
${r.scan ? `<tr><th>Full scan</th><td>${r.scan.users} users · ${r.scan.withErrors} with errors · ${r.scan.withWarnings} with warnings</td></tr>` : ''}
</tbody></table>
<h2>Campaign diagnostics</h2>${diagList(r.diagnostics)}
${emailQaSection(r.emailQa, r.linkChecks, r.emailScores)}${groups.map(section).join('\n')}
</body></html>
`;
}
