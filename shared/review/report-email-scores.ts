/**
 * The QA report's per-client scores of one email node over all users (from the full scan's score
 * tally, shared/guardrails/compat/score-tally.ts): each checked client family's score (lowest,
 * median, highest, how many users have each), a bar of the median, and each feature a family does
 * not fully support with its lines and on how many users' emails it is. Everything is escaped.
 */
import { linesText } from '../guardrails/compat';
import { distributionText, familyFeatureText, spreadText, type NodeScoreTally } from '../guardrails/compat/score-tally';
import { usersText } from '../guardrails/email-tally';
import { CANIEMAIL_SOURCE } from '../guardrails/compat/data';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A bar of a score (inline styles: the report is one self-contained file, and prints). */
const bar = (score: number) =>
  `<span style="display:inline-block;width:80px;height:8px;border-radius:4px;overflow:hidden;background:#b42318;vertical-align:middle"><span style="display:block;height:8px;width:${Math.max(0, Math.min(100, score)).toFixed(1)}%;background:#067647"></span></span>`;

/** The HTML of one node's scores, or '' when there are none (scores off, or no scan). */
export function emailScoresHtml(t: NodeScoreTally | undefined): string {
  if (!t || !t.users) return '';
  const rows = t.families
    .map((f) => {
      const features = t.features.filter((x) => x.families.some((ff) => ff.family === f.family));
      const list = features.length
        ? `<ul>${features
            .map((x) => {
              const ff = x.families.find((y) => y.family === f.family)!;
              return `<li class="${ff.share.unsupported > 0 ? 'warning' : ''}"><code>${esc(x.title)}</code> ${esc(familyFeatureText(ff))} (${esc(linesText(x.lines, x.lineCount))}) <span class="muted">· ${esc(usersText(x.users, t.users))}</span></li>`;
            })
            .join('')}</ul>`
        : '<span class="muted">supports everything the email uses</span>';
      const spread = distributionText(f.score);
      return `<tr><th>${esc(f.name)} <span class="muted">(${f.clients} ${f.clients === 1 ? 'client' : 'clients'})</span></th><td>${bar(f.score.median)} ${esc(spreadText(f.score))}${spread ? `<br><span class="muted">${esc(spread)}</span>` : ''}</td><td>${list}</td></tr>`;
    })
    .join('');
  return `<h4>Client support over ${t.users} users: ${esc(spreadText(t.overall))} overall</h4><table><thead><tr><th>Client family</th><th>Score</th><th>Features not fully supported</th></tr></thead><tbody>${rows}</tbody></table><p class="muted">Scores weighted as Mailpit's HTML check weighs them (each feature by how much of the email uses it; the worst one sets the score), from ${esc(CANIEMAIL_SOURCE.package)} data of ${esc(CANIEMAIL_SOURCE.updated)}. The bar shows the median.</p>`;
}
