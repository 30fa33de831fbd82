import { describe, expect, it } from 'vitest';
import { renderFindings } from '../../shared/guardrails';
import { EmailTally, findingKey, templateLinks, usersText } from '../../shared/guardrails/email-tally';

const template = '<p>Hi</p>\n{% if vip %}<div style="border-radius:8px">VIP</div>{% endif %}\n<a href="https://shop.brand.ie/orders/{{ order_id }}?utm_source=email">Track</a> <a href="https://brand.ie/help">Help</a> <img src="https://cdn.brand.ie/logo.png" alt="">';
const rendered = (order: string, vip: boolean) =>
  `<p>Hi</p>\n${vip ? '<div style="border-radius:8px">VIP</div>' : ''}\n<a href="https://shop.brand.ie/orders/${order}?utm_source=email">Track</a> <a href="https://brand.ie/help">Help</a> <img src="https://cdn.brand.ie/logo.png" alt="">`;

function tally(users: [string, boolean][]) {
  const t = new EmailTally();
  for (const [order, vip] of users) {
    const html = rendered(order, vip);
    const r = { node: 'email', target: order, channel: 'email', fields: { subject: 's', text: 't', html }, diagnostics: [] } as never;
    t.add('email', template, html, renderFindings(r));
  }
  return t.summary().email!;
}

describe('email QA over all users', () => {
  it('a feature inside a conditional block counts only the users who get the block', () => {
    const s = tally([
      ['A1', true],
      ['A2', false],
      ['A3', false],
      ['A4', true],
    ]);
    const radius = s.findings.find((f) => f.code === 'email-client-unsupported' && f.message.includes('border-radius'));
    expect(radius?.users).toBe(2);
    expect(usersText(radius!.users, s.users)).toBe('2 of 4 users (50%)');
  });

  it('a personalised link lists its distinct rendered URLs and their counts; a static one has one variant', () => {
    const s = tally([
      ['A1', false],
      ['A2', false],
      ['A1', false],
    ]);
    const track = s.links.find((l) => l.template.includes('{{ order_id }}'))!;
    expect(track.personalised).toBe(true);
    expect(track.distinct).toBe(2);
    expect(track.variants[0]).toEqual({ url: 'https://shop.brand.ie/orders/A1?utm_source=email', users: 2 });
    const help = s.links.find((l) => l.template === 'https://brand.ie/help')!;
    expect(help).toMatchObject({ personalised: false, distinct: 1, users: 3 });
  });

  it('the same finding on different lines is counted as one', () => {
    expect(findingKey({ code: 'email-client-unsupported', message: '`border-radius` is not supported by X (line 4)' })).toBe(findingKey({ code: 'email-client-unsupported', message: '`border-radius` is not supported by X (lines 7, 9)' }));
  });

  it('a static URL is matched before a URL that is all Twig', () => {
    const links = templateLinks('<a href="{{ link }}">a</a><a href="https://b.ie/">b</a>');
    expect(links.map((l) => l.template)).toEqual(['https://b.ie/', '{{ link }}']);
  });
});

describe('link findings over all users', () => {
  it("a link finding that quotes each user's own URL is counted once under its template URL", () => {
    const t = new EmailTally();
    const tpl = '<a href="https://shop.brand.ie/orders/{{ id }}?utm_source=x">Track</a>';
    for (const id of ['A1', 'A2', 'A3']) {
      const html = `<a href="https://shop.brand.ie/orders/${id}?utm_source=x">Track</a>`;
      const r = { node: 'email', target: id, channel: 'email', fields: { subject: 's', text: 't', html }, diagnostics: [] } as never;
      t.add('email', tpl, html, renderFindings(r, { email: { trackingParams: ['utm_content'] } }));
    }
    const missing = t.summary().email!.findings.filter((f) => f.code === 'email-link-tracking');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ users: 3 });
    expect(missing[0]!.message).toContain('"https://shop.brand.ie/orders/{{ id }}?utm_source=x"');
  });
});
