// The email checks use the render's trace (which parts of the HTML are static template text) to scan
// only what a user's values touch (shared/guardrails/email-memo.ts). These tests hold every user's
// findings to the plain checks (checkEmail scanning the HTML itself, compatibilityFindings, checkLinks
// over a fresh scan), over the example email, the benchmark's email and templates built to trip the
// memo, with hostile values, several client sets and tracking parameters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileCampaign, hasTracedTwigResidue, hasTwigResidue, renderNode, type NodeRender } from '../../shared/campaign/render';
import type { RenderTrace } from '../../shared/render/engine';
import type { Campaign } from '../../shared/campaign/model';
import { checkEmail, checkLinks, levelOf, rawRenderFindings, type GuardrailSettings, type RawFinding } from '../../shared/guardrails';
import { compatibilityFindings } from '../../shared/guardrails/compatibility';
import { emailUrls, scanEmail } from '../../shared/guardrails/compat';
import { tracedScan } from '../../shared/guardrails/email-memo';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PLAIN = ['Ann', 'Anna Maria', 'Play-X-Get-Y', 'BS-1001', 'x/y', 'émile 😀', 'a.webp', 'style', 'https', '--', '-', ' ', ''];
const HOSTILE = [
  '<b>',
  '"',
  "'",
  'x\ny',
  '&amp;',
  'javascript:alert(1)',
  '<td style="display:flex">',
  '</style>',
  '-->',
  '<!--',
  '>',
  '<',
  'a=b',
  '{{ x }}',
  'http://insecure.example.com/a',
  'https://news.brand.com/u?utm_source=a&utm_source=b',
  'x'.repeat(20_000),
  'é'.repeat(40_000),
  '<img src="a.png"',
  ' alt="x">',
];
const SETTINGS: GuardrailSettings[] = [
  {},
  { email: { clients: ['gmail'] } },
  { email: { clients: ['outlook', 'apple-mail'], trackingParams: ['utm_source', 'utm_campaign'] } },
  { 'email-client-unsupported': 'off', 'email-client-partial': 'off', email: { trackingParams: ['utm_medium'] } },
];

/** The output a trace describes: `gaps[0] + texts[entries[0]] + gaps[1] + …`. */
function joinTrace({ texts, entries, gaps }: RenderTrace): string {
  let out = gaps[0]!;
  for (let k = 0; k < entries.length / 2; k++) out += texts[entries[2 * k]!]! + gaps[k + 1]!;
  return out;
}

/** The plain checks of one render: nothing remembered by shape, a fresh HTML scan for the links. */
function oracle(r: NodeRender, settings: GuardrailSettings): RawFinding[] {
  const where = { node: r.node, target: r.target };
  const html = r.fields.html ?? '';
  // scanEmail remembers the last scan (the memo's, after rawRenderFindings): forgotten, so these scan afresh.
  scanEmail('<p>forget the last scan</p>');
  const out = checkEmail(r.fields, where);
  if (levelOf('email-client-unsupported', settings) !== 'off' || levelOf('email-client-partial', settings) !== 'off') out.push(...compatibilityFindings(html, where, settings.email));
  out.push(...checkLinks(html, where, settings.email));
  return out;
}

interface Case {
  name: string;
  campaign: Campaign;
  users: (pick: <T>(xs: readonly T[]) => T, r: () => number, i: number) => Record<string, unknown>;
  /** How many of the 300 users at least take the memo's path (0 for a template it can never use). */
  memo: number;
}

const bench = readFileSync('scripts/bench-render.mjs', 'utf8');
const benchRow = /const row = '([^']*)'/.exec(bench)![1]!;
const benchFiller = /const filler = '([^']*)\\n'/.exec(bench)![1]!;
const benchHtml = `<!doctype html><html><body><table width="600" align="center"><tr><td>
<h1 style="font-family:Arial,sans-serif">Hi {{ first_name }},</h1>
${`${benchFiller}\n`.repeat(30)}
<p>Your code <strong>{{ promo_code }}</strong> for {{ promo_name }} is ready.</p>
{% if vip %}<p>As a VIP you also get lounge access.</p>{% endif %}
<table>{% for p in products %}${benchRow}{% endfor %}</table>
<p><a href="https://news.brand.com/u?id={{ user_id }}">Manage preferences</a></p>
</td></tr></table></body></html>`;

const email = (html: string, extra: Record<string, string> = {}): Campaign =>
  ({
    name: 'T',
    id: 'T',
    type: 'single',
    target_by: 'user_id',
    nodes: [{ key: 'email', channel: 'email', content: { from_name: 'X', subject: 'Hi {{ a }}', html, text: 'Hi', ...extra } }],
  }) as unknown as Campaign;

const TRIPS = `<!doctype html><html><head><title>{{ a }}</title><style>.x{color:{{ b }}}</style></head><body>
{% macro btn(u, t) %}<a href="{{ u }}" style="border-radius:4px">{{ t }}</a>{% endmacro %}
{% set cap %}<p style="display:flex">{{ a }}</p>{% endset %}
<!-- note {{ b }} -->
<p>{{ a }}{{ b }}</p><{{ tag }} style="color:red">x</{{ tag }}>
<a href={{ u }}>unquoted</a> <a href="https://x.brand.com/?q={{ a }}&amp;utm_source={{ b }}">q</a>
<img src="https://cdn.brand.com/{{ a }}" {{ attrs }}><img src="{{ b }}" alt="{{ a }}">
{{ _self.btn(u, a) }} {{ cap }} {{ raw|raw }}
{% for i in items %}<td style="padding:{{ i }}px">{{ loop.index }}</td>{% else %}<p>none</p>{% endfor %}
{% if a == 'Ann' %}<div style="background-image:url(x.png)">{{ b }}</div>{% elseif b %}<span>{{ b|upper }}</span>{% endif %}
{% apply upper %}<em style="font-weight:bold">{{ a }}</em>{% endapply %}
{% autoescape false %}<p>{{ raw }}</p>{% endautoescape %}
a < {{ a }} <{{ a }}
</body></html>`;

/**
 * A template the memo can take for users with plain values: none in a title, style or comment or
 * right after a `<`, and macros, captures and `apply` that print text, not tags (their output is a
 * value: with a `<` in it the user is checked in full).
 */
const MEMOABLE = `<!doctype html><html><body>
{% macro greet(t) %}Hello {{ t }}{% endmacro %}
{% set cap %}dear {{ a }}{% endset %}
<p>{{ a }}{{ b }}</p><p style="display:flex">{{ _self.greet(a) }} {{ cap }}</p>
<a href={{ u }}>unquoted</a> <a href="https://x.brand.com/?q={{ a }}&amp;utm_source={{ b }}">q</a>
<img src="https://cdn.brand.com/{{ a }}" {{ attrs }}><img src="{{ b }}" alt="{{ a }}"> {{ raw|raw }}
{% for i in items %}<td style="padding:{{ i }}px">{{ loop.index }}</td>{% else %}<p>none</p>{% endfor %}
{% if a == 'Ann' %}<div style="background-image:url(x.png)">{{ b }}</div>{% elseif b %}<span>{{ b|upper }}</span>{% endif %}
<em style="font-weight:bold">{% apply upper %}{{ a }}{% endapply %}</em>
{% autoescape false %}<p>{{ raw }}</p>{% endautoescape %}
</body></html>`;

const CASES: Case[] = [
  {
    name: 'the example email',
    campaign: (() => {
      const c = parse(readFileSync('examples/campaigns/order-confirmation.yaml', 'utf8'));
      c.nodes = c.nodes.filter((n: { channel: string }) => n.channel === 'email');
      return c;
    })(),
    users: (pick, r, i) => ({
      order_id: r() < 0.2 ? pick(HOSTILE) : `BS-${i}`,
      first_name: r() < 0.2 ? undefined : r() < 0.2 ? pick(HOSTILE) : pick(PLAIN),
      loyalty_tier: r() < 0.5 ? 'gold' : 'none',
      items: Array.from({ length: Math.floor(r() * 4) }, (_, k) => ({ name: r() < 0.1 ? pick(HOSTILE) : pick(PLAIN), qty: k + 1, price: 10 + k })),
    }),
    memo: 100,
  },
  {
    name: "the benchmark's email",
    campaign: email(benchHtml),
    users: (pick, r, i) => ({
      first_name: r() < 0.2 ? pick(HOSTILE) : pick(PLAIN),
      promo_code: `CODE${i}`,
      promo_name: r() < 0.1 ? pick(HOSTILE) : 'Play-X-Get-Y',
      vip: r() < 0.3,
      user_id: r() < 0.1 ? pick(HOSTILE) : `user_${i}`,
      products: Array.from({ length: Math.floor(r() * 4) }, () => ({ name: r() < 0.1 ? pick(HOSTILE) : pick(PLAIN), price: pick(['49.00', '1', 'x y']) })),
    }),
    memo: 100,
  },
  {
    name: 'a template built to trip the memo',
    campaign: email(TRIPS),
    users: (pick, r) => ({
      a: r() < 0.3 ? pick(HOSTILE) : pick(PLAIN),
      b: r() < 0.3 ? pick(HOSTILE) : pick(PLAIN),
      tag: pick(['a', 'img', 'p', 'style', 'title', '!--', 'td', '']),
      u: pick(['https://x.brand.com/p', 'http://x.brand.com/p', '#', 'javascript:void(0)', 'mailto:a b@c', 'https://example.com/', '']),
      attrs: pick(['alt=x', 'alt="y"', '', 'x', 'style="display:flex"']),
      raw: pick(['<b>bold</b>', '<img src=x.gif>', 'plain', '<p style="display:grid">', '<a href="">e</a>']),
      items: Array.from({ length: Math.floor(r() * 3) }, () => pick(PLAIN)),
    }),
    memo: 0,
  },
  {
    name: 'the same template without what the memo never takes',
    campaign: email(MEMOABLE),
    users: (pick, r) => ({
      a: r() < 0.3 ? pick(HOSTILE) : pick(PLAIN),
      b: r() < 0.3 ? pick(HOSTILE) : pick(PLAIN),
      tag: pick(['a', 'img', 'p', 'style', 'title', '!--', 'td', '']),
      u: pick(['https://x.brand.com/p', 'http://x.brand.com/p', '#', 'javascript:void(0)', 'mailto:a b@c', 'https://example.com/', '']),
      attrs: pick(['alt=x', 'alt="y"', '', 'x', 'style="display:flex"']),
      raw: pick(['<b>bold</b>', '<img src=x.gif>', 'plain', '<p style="display:grid">', '<a href="">e</a>']),
      items: Array.from({ length: Math.floor(r() * 3) }, () => pick(PLAIN)),
    }),
    memo: 5,
  },
  // One hazard each (a value that moves a piece's end or start): with the memo's rule for it
  // missing, the findings of some users would differ.
  ...(
    [
      ['a value that ends a comment early', '<p>x</p><!-- {{ a }}> <p style="display:flex"> -->', 1],
      ['a value that closes a style element early', '<style>.a{color:red}</style {{ a }}><p style="display:flex">x</p></style>', 1],
      ['a value right after a "<"', '<{{ a }} style="display:flex">x</p>', 0],
      ['a value with a ">" inside a tag', '<img src="a.png" {{ r|raw }} alt="x"><p style="display:flex">x</p>', 50],
      ['a value with a quote inside a tag', '<img src="a.png" title="{{ r|raw }}" alt=">"><p style="display:flex">x</p>', 50],
      ['a value with a newline', '<p>{{ r|raw }}</p>\n<p style="display:flex">x</p>', 50],
    ] as const
  ).map(([name, html, memo]): Case => ({
    name,
    campaign: email(html),
    // In turn, the first user plain: the shape is made from a user the memo may take.
    users: (_, __, i) => ({ a: ['x', '--', ' ', '', 'Ann', '1', 'p', '!--'][i % 8], r: ['y', 'x>', '', 'a"b', 'l1\nl2'][i % 5] }),
    memo,
  })),
  {
    name: 'a template that does not compile (no trace)',
    campaign: email('<p>{% include "x.twig" %}</p><a href="http://a">{{ a }}</a>'),
    users: (pick) => ({ a: pick(PLAIN) }),
    memo: 0,
  },
];

describe('email checks with the render trace equal the plain checks', () => {
  for (const c of CASES)
    it(`${c.name}: every user's findings under several settings`, () => {
      const node = compileCampaign(c.campaign).nodes.find((n) => n.node.channel === 'email')!;
      const r = rng(c.name.length * 7919);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
      const target: string[] = [];
      const twp: Record<string, Record<string, unknown>> = {};
      for (let i = 0; i < 300; i++) {
        const id = `u${i}`;
        target.push(id);
        twp[id] = c.users(pick, r, i);
      }
      const data = { target_by: 'user_id', target, params: { delivery_date: 'Friday' }, target_with_params: twp };
      let traced = 0;
      for (const id of target) {
        const rendered = renderNode(node, id, data, {});
        // The trace never shows in a copy or a serialisation of the render.
        expect(Object.keys(rendered)).not.toContain('htmlTrace');
        const html = rendered.fields.html ?? '';
        if (rendered.htmlTrace) {
          // The trace describes the output: its gaps and static texts, joined, are the HTML, and
          // the Twig residue found from them is the one found in the HTML.
          expect(joinTrace(rendered.htmlTrace)).toBe(html);
          expect(hasTracedTwigResidue(rendered.htmlTrace)).toBe(hasTwigResidue(html));
        }
        if (rendered.htmlTrace && tracedScan(html, rendered.htmlTrace)) {
          traced++;
          // The scan the memo made (adopted) is the one scanEmail makes.
          const mine = scanEmail(html);
          const urls = emailUrls(html);
          scanEmail('<p>forget the last scan</p>');
          const plain = scanEmail(html);
          expect(plain.shape).toBe(mine.shape);
          expect(plain.infos).toEqual(mine.infos);
          expect(emailUrls(html)).toEqual(urls);
        }
        for (const settings of SETTINGS) {
          scanEmail('<p>forget the last scan</p>');
          const got = rawRenderFindings(rendered, settings);
          expect(got).toEqual(oracle(rendered, settings));
        }
      }
      // The memo is in use for the users whose values are plain (not only the fallback is tested).
      if (c.memo) expect(traced).toBeGreaterThanOrEqual(c.memo);
      else expect(traced).toBe(0);
    });

  it('Twig markup made across a join of values and static text is found from the trace', () => {
    const node = compileCampaign(email('<p>{{ a }}%{{ b }}{{ c }}</p>{% verbatim %}{{ kept }}{% endverbatim %}')).nodes[0]!;
    const residue = (v: Record<string, string>) => {
      const r = renderNode(node, 'u', { target_by: 'user_id', target: ['u'], params: { kept: '' }, target_with_params: { u: v } }, {});
      expect(hasTracedTwigResidue(r.htmlTrace!)).toBe(hasTwigResidue(r.fields.html!));
      return r.diagnostics.some((d) => d.code === 'twig-residue');
    };
    const plainNode = compileCampaign(email('<p>{{ a }}%{{ b }}{{ c }}</p>')).nodes[0]!;
    const plainResidue = (v: Record<string, string>) => {
      const r = renderNode(plainNode, 'u', { target_by: 'user_id', target: ['u'], params: {}, target_with_params: { u: v } }, {});
      expect(hasTracedTwigResidue(r.htmlTrace!)).toBe(hasTwigResidue(r.fields.html!));
      return r.diagnostics.some((d) => d.code === 'twig-residue');
    };
    expect(plainResidue({ a: 'x', b: 'y', c: 'z' })).toBe(false);
    // A value ending in `{` before the static `%`.
    expect(plainResidue({ a: 'x{', b: 'y', c: 'z' })).toBe(true);
    // Two values that make `{#` between them, and one that holds markup itself.
    expect(plainResidue({ a: 'x', b: '{', c: '#' })).toBe(true);
    expect(plainResidue({ a: 'x', b: '{{ y }}', c: '' })).toBe(true);
    // Static text that holds markup (a verbatim block) is found for every user.
    expect(residue({ a: 'x', b: 'y', c: 'z' })).toBe(true);
  });

  it('a user whose values are plain gets the shape of the first user with the same static text', () => {
    const node = compileCampaign(email(benchHtml)).nodes[0]!;
    const data = { target_by: 'user_id', target: ['a', 'b'], params: {}, target_with_params: { a: { first_name: 'Ann', user_id: 'a1' }, b: { first_name: 'Bob', user_id: 'b<2' } } };
    const a = renderNode(node, 'a', data, {});
    const b = renderNode(node, 'b', data, {});
    expect(tracedScan(a.fields.html!, a.htmlTrace!)?.links).toEqual(['https://news.brand.com/u?id=a1']);
    // `<` is escaped by autoescape (`&lt;`): `&` is not inert, so this user is checked in full.
    expect(tracedScan(b.fields.html!, b.htmlTrace!)).toBeUndefined();
  });
});
