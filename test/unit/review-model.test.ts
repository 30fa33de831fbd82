import { describe, expect, it } from 'vitest';
import { decide, emptyReview, formatProgress, parseReview, reviewPath, reviewProgress, serializeReview } from '../../shared/review/model';
import { buildReportHtml } from '../../shared/review/report';
import { outputFingerprint } from '../../shared/review/fingerprint';

const at = '2025-01-01T00:00:00.000Z';

describe('review model', () => {
  it("the review file of a campaign lives in reviews/ under the campaign's stem", () => {
    expect(reviewPath('campaigns/promo-journey.yaml')).toBe('reviews/promo-journey.json');
  });

  it('progress counts approved and flagged cells among current users and nodes', () => {
    let r = emptyReview('campaigns/a.yaml');
    r = decide(r, 'u1', 'sms', { status: 'approved', at });
    r = decide(r, 'u2', 'sms', { status: 'flagged', comment: 'name missing', at });
    r = decide(r, 'gone', 'sms', { status: 'approved', at });
    const p = reviewProgress(r, new Set(['u1', 'u2', 'u3']), ['sms', 'webpush']);
    expect(formatProgress(p)).toBe('2 of 6 reviewed, 1 flagged');
  });

  it('clearing a decision removes the cell and an emptied user', () => {
    const r = decide(decide(emptyReview('c'), 'u1', 'sms', { status: 'approved', at }), 'u1', 'sms', undefined);
    expect(r.decisions).toEqual({});
  });

  it('serialises with sorted keys and parses back; a broken file is an error value', () => {
    const r = decide(decide(emptyReview('campaigns/a.yaml'), 'u2', 'sms', { status: 'approved', at }), 'u1', 'sms', { status: 'flagged', comment: 'x', at });
    const text = serializeReview(r);
    expect(text.indexOf('"u1"')).toBeLessThan(text.indexOf('"u2"'));
    expect(parseReview(text)).toEqual({ ok: true, review: r });
    expect(parseReview('{"version":2}').ok).toBe(false);
    expect(parseReview('{').ok).toBe(false);
  });
});

describe('QA report', () => {
  it('is one self-contained HTML file that escapes template output and embeds email HTML without scripts', () => {
    const html = buildReportHtml({
      campaign: { name: 'Promo <b>', id: 'C1', type: 'single-stage', file: 'campaigns/a.yaml', nodes: [{ key: 'email', channel: 'email' }] },
      data: { targets: 2, params: ['p'], perUserColumns: ['c'], profiles: 1 },
      diagnostics: [{ code: 'unused-param', severity: 'info', message: '"p" unused' }],
      progress: { cells: 2, reviewed: 1, approved: 0, flagged: 1 },
      cells: [{ target: 'u1', node: 'email', channel: 'email', fields: { subject: 'Hi <you>', html: '<script>alert(1)</script><p>x</p>' }, diagnostics: [], decision: { status: 'flagged', comment: 'wrong "name"', at } }],
      generatedAt: at,
    });
    expect(html).toContain('Promo &lt;b&gt;');
    expect(html).toContain('Hi &lt;you&gt;');
    expect(html).toContain('1 of 2 reviewed, 1 flagged');
    expect(html).toContain('wrong &quot;name&quot;');
    expect(html).toContain('<iframe sandbox=""');
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('names the reviewer and the data source, lists changed renders first and counts the unreviewed ones, each with the values it used', () => {
    const approvedOutput = { fields: { text: 'Hi Aoife, your Play-X-Get-Y offer' } };
    const html = buildReportHtml({
      campaign: { name: 'Promo', id: 'C1', type: 'multistage', file: 'campaigns/p.yaml', nodes: [{ key: 'sms', channel: 'sms' }] },
      data: { targets: 3, params: ['promo_name'], perUserColumns: [], profiles: 1, source: 'pasted text (imported, not saved)' },
      reviewer: 'Dana <Quinn>',
      diagnostics: [],
      progress: { cells: 3, reviewed: 1, approved: 1, flagged: 0 },
      cells: [
        {
          target: 'u1',
          node: 'sms',
          channel: 'sms',
          fields: { text: 'Hi Aoife, your Bet-5 offer' },
          diagnostics: [],
          decision: { status: 'approved', at, by: 'Dana', output: outputFingerprint(approvedOutput), source: 'requests/p.json' },
          values: [
            { name: 'promo_name', value: 'Bet-5', source: 'params' },
            { name: 'first_name', value: 'Aoife', source: 'profile' },
          ],
        },
        { target: 'u2', node: 'sms', channel: 'sms', fields: { text: 'Hi , your Bet-5 offer' }, diagnostics: [], values: [{ name: 'first_name', value: '', source: 'empty' }] },
      ],
      unreviewedTotal: 2,
      generatedAt: at,
    });
    expect(html).toContain('Reviewer: Dana &lt;Quinn&gt;');
    expect(html).toContain('Data from pasted text (imported, not saved)');
    expect(html).toContain('Changed since approved (1)');
    expect(html).toContain('Not reviewed (2) <span class="muted">(the first 1 shown)</span>');
    expect(html.indexOf('Changed since approved')).toBeLessThan(html.indexOf('Not reviewed ('));
    expect(html).toContain('data from requests/p.json');
    expect(html).toContain('<td><code>first_name</code></td><td>Aoife</td><td>profile</td>');
    expect(html).toContain('<td><code>first_name</code></td><td></td><td>empty</td>');
    expect(html).not.toContain('Approved (');
  });
});
