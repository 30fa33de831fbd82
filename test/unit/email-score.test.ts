import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { countNodes, grade, percentText, scoreEmail, scoreIssues } from '../../shared/guardrails/compat/score';
import { emailCompatibility } from '../../shared/guardrails/compat';
import { distributionText, EmailScoreTally, spreadText } from '../../shared/guardrails/compat/score-tally';
import { loadCampaign } from '../../shared/campaign/load';
import { evaluate } from '../../shared/pipeline';
import type { SendData } from '../../shared/campaign/send-data';
import { emailQaSection } from '../../shared/review/report-email-qa';

// Four paragraphs: four nodes, so a feature on one of them weighs 1/4 (Mailpit's occurrences ÷ nodes).
const fourNodes = (style1: string, style2 = '') => `<p style="${style1}">a</p>\n<p style="${style2}">b</p>\n<p>c</p>\n<p>d</p>`;

describe('per-client scores of one email (Mailpit’s rule)', () => {
  it('an email every checked client supports scores 100% for each family and overall', () => {
    const s = scoreEmail('<p>Hello</p><p><b>there</b></p>');
    expect(s.overall).toEqual({ supported: 100, partial: 0, unsupported: 0 });
    expect(s.families.map((f) => f.name)).toEqual(['Apple Mail', 'Gmail', 'Outlook', 'Yahoo! Mail', 'Samsung Email', 'Mozilla Thunderbird']);
    expect(s.families.every((f) => f.score.supported === 100)).toBe(true);
    expect(s.features).toEqual([]);
  });

  it('border-radius on one of four nodes costs Outlook for Windows a quarter: 75%, and lists the feature with its line', () => {
    const s = scoreEmail(fourNodes('color:red', 'border-radius:6px'), ['outlook.windows']);
    expect(s.nodes).toBe(4);
    expect(s.families).toEqual([{ family: 'outlook', name: 'Outlook', clients: 1, score: { supported: 75, partial: 0, unsupported: 25 } }]);
    expect(s.features).toHaveLength(1);
    expect(s.features[0]).toMatchObject({ title: 'border-radius', lines: [2], weight: 0.25, families: [{ family: 'outlook', clients: [{ name: 'Outlook (Windows)', support: 'unsupported' }] }] });
  });

  it('the worst feature sets the score: two unsupported features do not add up', () => {
    // border-radius on 1 of 4 nodes (25%), background-image on 2 of 4 (50%): Outlook for Windows scores 50%, not 25%.
    const s = scoreEmail(fourNodes('border-radius:6px;background-image:url(a.png)', 'background-image:url(b.png)'), ['outlook.windows']);
    expect(s.families[0]!.score).toEqual({ supported: 50, partial: 0, unsupported: 50 });
    expect(s.features.map((f) => f.title)).toEqual(['background-image', 'border-radius']);
  });

  it('a family scores over its own clients: box-shadow is unsupported by 2 of Gmail’s 4 clients and partial in the other 2', () => {
    // One node of five: weight 0.2; 50% unsupported and 50% partial → 10 + 10 off.
    const s = scoreEmail('<div style="box-shadow:0 1px 2px #000">x</div><p>a</p><p>b</p><p>c</p><p>d</p>', ['gmail', 'apple-mail']);
    const gmail = s.families.find((f) => f.family === 'gmail')!;
    expect(gmail.clients).toBe(4);
    expect(gmail.score).toEqual({ supported: 80, partial: 10, unsupported: 10 });
    expect(s.families.find((f) => f.family === 'apple-mail')!.score.supported).toBe(100);
    // Overall, over the 6 checked clients: 2 unsupported, 2 partial, each a third, weighted 0.2.
    expect(s.overall.unsupported).toBeCloseTo(100 / 15);
    expect(s.overall.partial).toBeCloseTo(100 / 15);
    expect(
      s.features[0]!.families.find((f) => f.family === 'gmail')!
        .clients.map((c) => `${c.name} ${c.support}`)
        .sort(),
    ).toEqual(['Gmail (Android) partial', 'Gmail (Desktop Webmail) unsupported', 'Gmail (Mobile Webmail) unsupported', 'Gmail (iOS) partial']);
  });

  it('an at-rule weighs 0.05 however much of the email it styles', () => {
    const s = scoreEmail('<style>@media (max-width:600px){p{color:red}}</style><p>a</p>', ['outlook.windows']);
    const media = s.features.find((f) => f.title === '@media')!;
    expect(media.weight).toBe(0.05);
    expect(s.families[0]!.score.unsupported).toBeCloseTo(5);
  });

  it('a feature on more lines than the email has nodes weighs 1, and the score stops at 0', () => {
    const s = scoreEmail('<p style="border-radius:1px;\nmargin:0">a</p>', ['outlook.windows']);
    expect(s.features.every((f) => f.weight === 1)).toBe(true);
    expect(s.families[0]!.score.supported).toBe(0);
  });

  it('nodes are counted as Mailpit counts them: no html, head or meta, nothing inside comments or style', () => {
    expect(countNodes('<!doctype html><html><head><meta charset="utf-8"><title>t</title><style>a<b{}</style></head><body><!-- <p>x</p> --><p>a</p></body></html>')).toBe(4);
    // A fragment: the body itself is not one of its nodes.
    expect(countNodes('<body><p>a</p><p>b</p>')).toBe(2);
    expect(countNodes('plain text, 1 < 2')).toBe(0);
  });

  it('grades and texts as Mailpit shows them', () => {
    expect(grade({ supported: 94, partial: 2, unsupported: 4 })).toBe('good');
    expect(grade({ supported: 85, partial: 8, unsupported: 7 })).toBe('fair');
    expect(grade({ supported: 75, partial: 0, unsupported: 25 })).toBe('poor');
    expect(percentText(97.46)).toBe('97.5%');
    expect(percentText(100)).toBe('100%');
  });
});

describe('per-client scores over every user of the example email', () => {
  const file = 'examples/campaigns/order-confirmation.yaml';
  const campaign = loadCampaign(file, readFileSync(file, 'utf8')).campaign!;
  const request = JSON.parse(readFileSync('examples/requests/order-confirmation.json', 'utf8')) as SendData;

  function scan() {
    const tally = new EmailScoreTally();
    evaluate({ campaign, data: request, profiles: {} }, { onCell: (r) => r.channel === 'email' && void tally.add(r.node, r.fields.html ?? '') });
    return tally.summary().email!;
  }

  it('the gold member block lowers Outlook’s score for the one user who gets it, and box-shadow names 1 of 3 users', () => {
    const s = scan();
    expect(s.users).toBe(3);
    const outlook = s.families.find((f) => f.family === 'outlook')!;
    expect(outlook.score.distinct).toBeGreaterThan(1);
    expect(outlook.score.min).toBeLessThan(outlook.score.max);
    expect(spreadText(outlook.score)).toMatch(/^\d+(\.\d)?–\d+(\.\d)?%, median \d+(\.\d)?%$/);
    expect(distributionText(outlook.score)).toMatch(/for 1 user/);
    expect(s.features.find((f) => f.title === 'box-shadow')).toMatchObject({ users: 1 });
    expect(s.features.find((f) => f.title === 'border-radius')).toMatchObject({ users: 3 });
    // Apple Mail supports everything the email uses, for every user.
    expect(spreadText(s.families.find((f) => f.family === 'apple-mail')!.score)).toBe('100%');
  });

  it('each user’s score in the tally is the score of that user’s own email', () => {
    const tally = new EmailScoreTally();
    const mine: number[] = [];
    evaluate({ campaign, data: request, profiles: {} }, { onCell: (r) => r.channel === 'email' && void mine.push(tally.add(r.node, r.fields.html ?? '')!.overall.supported) });
    const o = tally.summary().email!.overall;
    expect(o.min).toBeCloseTo(Math.min(...mine), 1);
    expect(o.max).toBeCloseTo(Math.max(...mine), 1);
  });

  it('scores shared between users of the same shape equal each user’s own computation', () => {
    // Varied users: with and without the gold block, 1 to 4 items (each item is a row: more nodes).
    for (let i = 0; i < 24; i++) {
      const items = Array.from({ length: 1 + (i % 4) }, (_, k) => ({ name: `Item ${k}`, qty: 1, price: 1 }));
      const data: SendData = { ...request, target: [`u${i}`], target_with_params: { [`u${i}`]: { order_id: `X${i}`, loyalty_tier: i % 3 ? 'none' : 'gold', items } } } as SendData;
      evaluate(
        { campaign, data, profiles: {} },
        {
          onCell: (r) => {
            if (r.channel !== 'email') return;
            const html = r.fields.html ?? '';
            for (const clients of [undefined, ['outlook', 'gmail']]) expect(scoreEmail(html, clients)).toEqual(scoreIssues(emailCompatibility(html, clients), countNodes(html), clients));
          },
        },
      );
    }
  });

  it('the QA report gives each family’s score over the users and each feature with its lines and users, escaped', () => {
    const summary = scan();
    const html = emailQaSection({ email: { users: 3, findings: [], links: [] } }, {}, { email: summary });
    expect(html).toMatch(/Client support over 3 users: [\d.]+–[\d.]+%, median [\d.]+% overall/);
    expect(html).toMatch(/<th>Outlook <span class="muted">\(6 clients\)<\/span><\/th><td>.*[\d.]+–[\d.]+%, median/);
    expect(html).toMatch(/<code>box-shadow<\/code> unsupported by Outlook \(Windows\), Outlook \(Windows Mail\) \(line \d+\) <span class="muted">· 1 of 3 users \(33%\)<\/span>/);
    expect(html).toMatch(/<code>border-radius<\/code> unsupported by Outlook \(Windows\), Outlook \(Windows Mail\) \(line \d+\) <span class="muted">· 100% of users/);
    expect(html).toContain('<th>Apple Mail <span class="muted">(2 clients)</span></th><td>');
    expect(html).toContain('Yahoo! Mail');
    expect(html).not.toContain('<script');
  });

  it('nothing is scored when the team turned both compatibility checks off', () => {
    const tally = new EmailScoreTally({ 'email-client-unsupported': 'off', 'email-client-partial': 'off' });
    expect(tally.add('email', '<p style="border-radius:2px">x</p>')).toBeUndefined();
    expect(tally.summary()).toEqual({});
  });
});
