import type { NodeRender } from '../../../shared/campaign/render';
import type { Diagnostic } from '../../../shared/diagnostics';
import { useMemo } from 'react';
import { findingKeyer, summaryLinks, usersText, type NodeEmailTally } from '../../../shared/guardrails/email-tally';
import { useRenders } from '../../stores/renders';
import { useLinkCheck } from '../../stores/link-check';
import { LinkCheckButton, LinkResult } from './LinkCheck';
import { EmailScores } from './EmailScores';
import { UsersNote } from './UsersNote';

const isCompat = (code: string) => code.startsWith('email-client-');
const isLink = (code: string) => code.startsWith('email-link-');

/** One finding with, once the full scan is done, on how many users it occurs. */
function FindingItem({ d, tally, keyOf }: { d: Pick<Diagnostic, 'code' | 'message' | 'severity'>; tally?: NodeEmailTally; keyOf?: (d: Pick<Diagnostic, 'code' | 'message'>) => { key: string } }) {
  const users = keyOf && tally?.findings.find((f) => f.key === keyOf(d).key)?.users;
  return (
    <li className={d.severity} data-testid="qa-finding" data-code={d.code}>
      {d.message}
      {tally && users !== undefined && <UsersNote users={users} of={tally.users} />}
    </li>
  );
}

/**
 * The email preview's per-client scores (EmailScores.tsx), "Compatibility" and "Links" sections: this user's findings, and once the full
 * scan is done, on how many users each occurs, the findings only other users have (a conditional
 * block), and every template link with its distinct rendered URLs.
 */
export function EmailQa({ render }: { render: NodeRender }) {
  const tally = useRenders((s) => (s.scan.status === 'done' ? s.scan.emailQa?.[render.node] : undefined));
  const mine = render.diagnostics;
  const html = render.fields.html ?? '';
  // Keyed as the scan counted them: a link finding under its template URL, without line numbers.
  const keyOf = useMemo(() => (tally ? findingKeyer(summaryLinks(tally), html) : undefined), [tally, html]);
  const myKeys = new Set(keyOf ? mine.map((d) => keyOf(d).key) : []);
  const others = (test: (code: string) => boolean) => (tally?.findings ?? []).filter((f) => test(f.code) && !myKeys.has(f.key));
  const compat = mine.filter((d) => isCompat(d.code));
  const links = mine.filter((d) => isLink(d.code));
  const otherCompat = others(isCompat);
  const otherLinks = others(isLink);
  const checked = useLinkCheck((s) => s.results);
  return (
    <div className="email-qa" data-testid="email-qa">
      <EmailScores html={html} node={render.node} />
      <details className="qa-section" data-testid="qa-compat" open={compat.length > 0}>
        <summary>Compatibility ({compat.length})</summary>
        {compat.length === 0 && <p className="muted small">No HTML or CSS this user's email uses is unsupported by the checked clients.</p>}
        <ul>
          {compat.map((d, i) => (
            <FindingItem key={i} d={d} tally={tally} keyOf={keyOf} />
          ))}
        </ul>
        {otherCompat.length > 0 && (
          <>
            <p className="small">Only in other users' emails:</p>
            <ul data-testid="qa-compat-others">
              {otherCompat.map((f) => (
                <FindingItem key={f.key} d={f} tally={tally} keyOf={() => f} />
              ))}
            </ul>
          </>
        )}
        {!tally && <p className="muted small">Run the full scan to see on how many users each finding occurs.</p>}
      </details>
      <details className="qa-section" data-testid="qa-links" open={links.length > 0}>
        <summary>Links ({links.length})</summary>
        {links.length === 0 && <p className="muted small">No problem found in this user's links and images.</p>}
        <ul>
          {links.map((d, i) => (
            <FindingItem key={i} d={d} tally={tally} keyOf={keyOf} />
          ))}
        </ul>
        {otherLinks.length > 0 && (
          <>
            <p className="small">Only in other users' emails:</p>
            <ul>
              {otherLinks.map((f) => (
                <FindingItem key={f.key} d={f} tally={tally} keyOf={() => f} />
              ))}
            </ul>
          </>
        )}
        {tally && tally.links.length > 0 && (
          <table className="qa-links" data-testid="qa-link-table">
            <thead>
              <tr>
                <th>{tally.users} users</th>
                <th>URL in the template</th>
                <th>Rendered</th>
              </tr>
            </thead>
            <tbody>
              {tally.links.map((l) => (
                <tr key={`${l.kind} ${l.template}`} data-testid="qa-link" data-personalised={l.personalised}>
                  <td>
                    {l.kind}
                    {l.personalised && (
                      <span className="badge badge-info" title="The URL holds Twig: each user may get a different one">
                        personalised
                      </span>
                    )}
                  </td>
                  <td>
                    <code>{l.template || '(empty)'}</code>
                    {!l.personalised && <LinkResult r={checked[l.variants[0]?.url ?? '']} />} <span className="muted small">· {usersText(l.users, tally.users)}</span>
                  </td>
                  <td data-testid="qa-link-variants">
                    {l.distinct}
                    {l.capped ? '+' : ''} distinct
                    {l.personalised && (
                      <ul>
                        {l.variants.map((v) => (
                          <li key={v.url}>
                            <code>{v.url}</code> <span className="muted">× {v.users}</span>
                            <LinkResult r={checked[v.url]} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tally && <LinkCheckButton tally={tally} />}
      </details>
    </div>
  );
}
