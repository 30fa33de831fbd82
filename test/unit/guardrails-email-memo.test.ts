// The email checks remember work per email shape, per piece and per URL (they run on every user's
// render). These tests hold the remembered results to the plain functions, for many per-user
// variations of a realistic email and of random markup.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileCampaign, renderNode } from '../../shared/campaign/render';
import { checkCompatibility, checkLinks } from '../../shared/guardrails';
import { compatibilityFindings } from '../../shared/guardrails/compatibility';

/** A small seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TRICKY = ['Ann', "O'Brien", 'a<b', 'x\ny', '<td style="display:flex">', 'line1\n\nline3', '&amp;', '"quoted"', '', 'émile 😀', '</style>', '{{ x }}'];
const CLIENT_SETS: (string[] | undefined)[] = [undefined, ['gmail'], ['outlook', 'apple-mail'], ['outlook.windows']];

describe('remembered email checks equal the plain functions', () => {
  it('the example email for 300 users with varied text, conditional blocks and personalised URLs gives each user the plain compatibility findings', () => {
    const campaign = parse(readFileSync('examples/campaigns/order-confirmation.yaml', 'utf8'));
    campaign.nodes = campaign.nodes.filter((n: { channel: string }) => n.channel === 'email');
    const node = compileCampaign(campaign).nodes[0]!;
    const r = rng(17);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const target: string[] = [];
    const twp: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < 300; i++) {
      const id = `u${i}`;
      target.push(id);
      twp[id] = {
        order_id: r() < 0.2 ? pick(TRICKY) : `BS-${i}`,
        first_name: r() < 0.3 ? undefined : pick(TRICKY),
        loyalty_tier: r() < 0.5 ? 'gold' : 'none',
        items: Array.from({ length: Math.floor(r() * 4) }, (_, k) => ({ name: pick(TRICKY), qty: k + 1, price: 10 + k })),
      };
    }
    const data = { target_by: 'user_id', target, params: { delivery_date: pick(TRICKY) }, target_with_params: twp };
    let compared = 0;
    for (const id of target) {
      const html = renderNode(node, id, data, {}).fields.html ?? '';
      const clients = pick(CLIENT_SETS);
      const where = { node: 'email', target: id };
      expect(checkCompatibility(html, where, { clients })).toEqual(compatibilityFindings(html, where, { clients }));
      compared++;
    }
    expect(compared).toBe(300);
  });

  it('random markup (style blocks, conditional comments, inline styles, text with newlines and <) gives the plain findings, also when emails alternate', () => {
    const r = rng(4242);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const parts = [
      '<style>\n.a { display: flex }\n@media (prefers-color-scheme: dark) { .b { color: #fff } }\n</style>',
      '<!--[if mso]>\n<table><tr><td>\n<![endif]-->',
      '<div style="box-shadow: 0 0 2px #000;\nborder-radius: 4px">',
      '</div>',
      '<p style="margin:0">',
      '</p>',
      '<a href="https://x.ie/?utm_source=a&utm_source=b" style="color:red">',
      '<img src="https://x.ie/a.webp">',
      '<svg width="3"></svg>',
      '\n',
      'text ',
      'a < b\n',
      '<p title="has\nnewline" style="position:absolute">',
      '<h1>',
    ];
    const emails: string[] = [];
    for (let e = 0; e < 60; e++) emails.push(Array.from({ length: 5 + Math.floor(r() * 30) }, () => pick(parts) + (r() < 0.5 ? pick(TRICKY) : '')).join(''));
    for (let i = 0; i < 400; i++) {
      const html = pick(emails);
      const clients = pick(CLIENT_SETS);
      expect(checkCompatibility(html, { node: 'n', target: `u${i}` }, { clients })).toEqual(compatibilityFindings(html, { node: 'n', target: `u${i}` }, { clients }));
    }
  });

  it('the same email checked for two users names each user in their own findings', () => {
    const html = '<p style="box-shadow:0 0 1px #000">Hi</p>';
    const a = checkCompatibility(html, { node: 'n', target: 'ann' });
    const b = checkCompatibility(html, { node: 'n', target: 'bob' });
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((f) => f.target === 'ann')).toBe(true);
    expect(b.every((f) => f.target === 'bob')).toBe(true);
    a[0]!.message = 'changed';
    expect(checkCompatibility(html, { node: 'n', target: 'cy' })[0]!.message).not.toBe('changed');
  });

  it("link findings of a URL seen before still carry this user's line", () => {
    const one = '<a href="http://x.ie/a">a</a> <a href="https://x.ie/b">b</a>';
    const two = '\n\n' + one;
    expect(checkLinks(one).map((f) => f.line)).toEqual([1]);
    expect(checkLinks(two).map((f) => f.line)).toEqual([3]);
  });
});
