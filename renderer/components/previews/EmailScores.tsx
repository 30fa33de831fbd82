import { useMemo } from 'react';
import { CANIEMAIL_SOURCE, linesText } from '../../../shared/guardrails/compat';
import { grade, percentText, scoreEmail, type FeatureScore, type SupportShare } from '../../../shared/guardrails/compat/score';
import { distributionText, familyFeatureText, scoresEnabled, spreadText, type NodeScoreTally, type TalliedFeature } from '../../../shared/guardrails/compat/score-tally';
import { useRenders } from '../../stores/renders';
import { useWorkspace } from '../../stores/workspace';
import { UsersNote } from './UsersNote';

/** A stacked bar: supported, partly supported, not supported (as Mailpit draws each score). */
function ScoreBar({ share }: { share: SupportShare }) {
  const label = `${percentText(share.supported)} supported, ${percentText(share.partial)} partly, ${percentText(share.unsupported)} not supported`;
  return (
    <span className={`score-bar ${grade(share)}`} role="img" aria-label={label} title={label}>
      <span className="score-yes" style={{ width: `${share.supported}%` }} />
      <span className="score-partial" style={{ width: `${share.partial}%` }} />
      <span className="score-no" style={{ width: `${Math.max(0, 100 - share.supported - share.partial)}%` }} />
    </span>
  );
}

/** One feature a family does not fully support: which of its clients, the lines, and (after the scan) how many users have it. */
function FeatureItem({ f, family, tally }: { f: Pick<FeatureScore, 'title' | 'lines' | 'lineCount' | 'families'>; family: string; tally?: NodeScoreTally }) {
  const ff = f.families.find((x) => x.family === family);
  if (!ff) return null;
  const users = tally?.features.find((t) => t.title === f.title)?.users;
  return (
    <li className={ff.share.unsupported > 0 ? 'warning' : ''} data-testid="qa-score-feature" data-feature={f.title}>
      <code>{f.title}</code> {familyFeatureText(ff)} ({linesText(f.lines, f.lineCount)}){tally && users !== undefined && <UsersNote users={users} of={tally.users} />}
    </li>
  );
}

/**
 * The email preview's per-client scores: for this user's email, each checked client family's
 * support percentage with a bar and the features it does not fully support (with their lines);
 * after the full scan, each family's score over all users and on how many users each feature is,
 * including features only other users' emails have (a conditional block).
 */
export function EmailScores({ html, node }: { html: string; node: string }) {
  const settings = useWorkspace((s) => s.settings);
  const tally = useRenders((s) => (s.scan.status === 'done' ? s.scan.emailScores?.[node] : undefined));
  const clients = settings.email?.clients;
  const on = scoresEnabled(settings);
  const mine = useMemo(() => (on ? scoreEmail(html, clients) : undefined), [on, html, clients]);
  if (!mine) return null;
  const myTitles = new Set(mine.features.map((f) => f.title));
  const others: TalliedFeature[] = (tally?.features ?? []).filter((f) => !myTitles.has(f.title));
  return (
    <details className="qa-section" data-testid="qa-scores" open>
      <summary>
        Client support: <span data-testid="qa-score-overall">{percentText(mine.overall.supported)}</span> overall
        {tally && (
          <span className="muted" data-testid="qa-score-overall-users">
            {' '}
            · all {tally.users} users: {spreadText(tally.overall)}
          </span>
        )}
      </summary>
      <table className="qa-scores">
        <thead>
          <tr>
            <th>Client family</th>
            <th>This user</th>
            <th>{tally ? `All ${tally.users} users` : 'All users'}</th>
          </tr>
        </thead>
        {mine.families.map((fam) => {
          const all = tally?.families.find((f) => f.family === fam.family);
          // The family's worst first: what it does not support before what it supports partly.
          const worst = (f: FeatureScore) => {
            const ff = f.families.find((x) => x.family === fam.family)!;
            return (ff.share.unsupported * 2 + ff.share.partial) * f.weight;
          };
          const features = mine.features.filter((f) => f.families.some((x) => x.family === fam.family)).sort((a, b) => worst(b) - worst(a));
          const otherFeatures = others.filter((f) => f.families.some((x) => x.family === fam.family));
          return (
            <tbody key={fam.family} data-testid="qa-score" data-family={fam.family}>
              <tr>
                <th scope="row">
                  {fam.name} <span className="muted small">({fam.clients === 1 ? '1 client' : `${fam.clients} clients`})</span>
                </th>
                <td data-testid="qa-score-user">
                  <ScoreBar share={fam.score} /> {percentText(fam.score.supported)}
                </td>
                <td data-testid="qa-score-users">
                  {all ? (
                    <>
                      {spreadText(all.score)}
                      {distributionText(all.score) && <div className="muted small">{distributionText(all.score)}</div>}
                    </>
                  ) : (
                    <span className="muted">after the full scan</span>
                  )}
                </td>
              </tr>
              {(features.length > 0 || otherFeatures.length > 0) && (
                <tr>
                  <td colSpan={3}>
                    {/* Closed at first: the table of scores stays one screen; each family opens to its features. */}
                    <details data-testid="qa-score-features">
                      <summary className="small">
                        {features.length} {features.length === 1 ? 'feature' : 'features'} not fully supported{otherFeatures.length > 0 ? `, ${otherFeatures.length} more only in other users' emails` : ''}
                      </summary>
                      <ul>
                        {features.map((f) => (
                          <FeatureItem key={f.title} f={f} family={fam.family} tally={tally} />
                        ))}
                      </ul>
                      {otherFeatures.length > 0 && (
                        <>
                          <span className="small">Only in other users' emails:</span>
                          <ul data-testid="qa-score-others">
                            {otherFeatures.map((f) => (
                              <FeatureItem key={f.title} f={f} family={fam.family} tally={tally} />
                            ))}
                          </ul>
                        </>
                      )}
                    </details>
                  </td>
                </tr>
              )}
            </tbody>
          );
        })}
      </table>
      <p className="muted small" data-testid="qa-score-source">
        Weighted as Mailpit's HTML check weighs them (each feature by how much of the email uses it; the worst one sets the score), from {CANIEMAIL_SOURCE.package} data of {CANIEMAIL_SOURCE.updated}.{!tally && ' Run the full scan to see every user’s scores.'}
      </p>
    </details>
  );
}
