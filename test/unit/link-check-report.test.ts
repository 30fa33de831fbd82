import { describe, expect, it } from 'vitest';
import { emailQaSection } from '../../shared/review/report-email-qa';
import { linkResultText } from '../../shared/review/link-check-text';
import type { EmailTallySummary } from '../../shared/guardrails/email-tally';

const summary: EmailTallySummary = {
  email: {
    users: 2,
    findings: [],
    links: [
      { kind: 'link', template: 'https://a.test/ok', personalised: false, users: 2, distinct: 1, capped: false, variants: [{ url: 'https://a.test/ok', users: 2 }] },
      {
        kind: 'link',
        template: 'https://a.test/{{ id }}',
        personalised: true,
        users: 2,
        distinct: 2,
        capped: false,
        variants: [
          { url: 'https://a.test/1', users: 1 },
          { url: 'https://a.test/<2>', users: 1 },
        ],
      },
    ],
  },
};
const r = (url: string, more: object) => ({ url, finalUrl: url, redirects: [], cached: false, ok: true, ...more });

describe('the link check in the QA report', () => {
  it('says how many of the checked links are broken and lists them, escaped', () => {
    const html = emailQaSection(summary, {
      'https://a.test/ok': r('https://a.test/ok', { status: 200 }),
      'https://a.test/1': r('https://a.test/1', { ok: false, status: 404, error: 'http' }),
      'https://a.test/<2>': r('https://a.test/<2>', { ok: false, error: 'timeout' }),
    });
    expect(html).toContain('link check: 2 broken of 3');
    expect(html).toContain('<code>https://a.test/1</code> ✗ 404');
    expect(html).toContain('https://a.test/&lt;2&gt;</code> ✗ timeout');
  });

  it('says nothing about a link check nobody ran, nor counts cancelled links', () => {
    expect(emailQaSection(summary)).not.toContain('link check');
    expect(emailQaSection(summary, { 'https://a.test/ok': r('https://a.test/ok', { ok: false, error: 'cancelled' }) })).not.toContain('link check');
  });

  it('reads a redirect as its hops and where it ended', () => {
    expect(linkResultText({ ok: true, status: 200, finalUrl: 'https://b.test/', redirects: ['https://b.test/'] })).toBe('↪ 1 redirect → https://b.test/ (200)');
  });
});
