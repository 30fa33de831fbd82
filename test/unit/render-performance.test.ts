/**
 * Throughput: a full scan renders 100,000 users x 3 nodes; the engine must reach at least 0.6x the
 * throughput of bare nunjucks rendering equivalent precompiled templates with the same contexts.
 * (The test uses 20,000 users to stay quick; PERF_USERS raises it.)
 */
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../shared/render/engine';

const USERS = Number(process.env.PERF_USERS ?? 20_000);

const twigNodes = [
  {
    autoescape: true,
    src: `<h1>Hi {{ first_name|default("there")|title }},</h1>
{% if tier == 'gold' %}<p>Thanks for being gold since {{ since }}.</p>{% elseif tier %}<p>You are {{ tier|upper }}.</p>{% else %}<p>Welcome!</p>{% endif %}
<ul>{% for p in products %}<li class="{{ loop.index is odd ? 'odd' : 'even' }}">{{ p.name }}: {{ p.price|number_format(2) }} EUR</li>{% else %}<li>No picks</li>{% endfor %}</ul>
<p>{{ points ~ ' points' }} - {{ city ?? 'your city' }}</p>`,
  },
  { autoescape: false, src: `Hi {{ first_name|default("there") }}, {{ points }} pts{% if tier %} ({{ tier }}){% endif %}. Reply STOP to opt out.` },
  { autoescape: false, src: `{{ first_name|default("there") }}, your {{ products|length }} picks are waiting` },
];
const njkNodes = [
  {
    autoescape: true,
    src: `<h1>Hi {{ first_name|default("there", true)|title }},</h1>
{% if tier == 'gold' %}<p>Thanks for being gold since {{ since }}.</p>{% elif tier %}<p>You are {{ tier|upper }}.</p>{% else %}<p>Welcome!</p>{% endif %}
<ul>{% for p in products %}<li class="{{ 'odd' if loop.index is odd else 'even' }}">{{ p.name }}: {{ p.price|round(2) }} EUR</li>{% else %}<li>No picks</li>{% endfor %}</ul>
<p>{{ points ~ ' points' }} - {{ city if city != null else 'your city' }}</p>`,
  },
  { autoescape: false, src: `Hi {{ first_name|default("there", true) }}, {{ points }} pts{% if tier %} ({{ tier }}){% endif %}. Reply STOP to opt out.` },
  { autoescape: false, src: `{{ first_name|default("there", true) }}, your {{ products|length }} picks are waiting` },
];

function users(n: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      first_name: i % 7 === 0 ? '' : `user${i} o'neil`,
      tier: ['gold', 'silver', '', null][i % 4],
      since: 2000 + (i % 20),
      points: i * 3,
      city: i % 3 ? `City <${i % 50}>` : null,
      products: Array.from({ length: i % 4 }, (_x, j) => ({ name: `Product ${j} & co`, price: 10 + j * 2.5 })),
      extra1: 'x', extra2: i, extra3: { a: 1 },
    });
  }
  return out;
}

function timeIt(fn: () => void): number {
  fn(); // warm-up
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

describe('render performance', () => {
  it('renders users x 3 nodes at >= 0.6x the throughput of bare precompiled nunjucks', () => {
    const ctxs = users(USERS);
    const twig = twigNodes.map((n) => compileTemplate(n.src, { autoescape: n.autoescape }));
    twig.forEach((t) => expect(t.diagnostics).toEqual([]));
    const envs = [new nunjucks.Environment(null, { autoescape: true }), new nunjucks.Environment(null, { autoescape: false })];
    const njk = njkNodes.map((n) => new nunjucks.Template(n.src, envs[n.autoescape ? 0 : 1], undefined, true));
    let sink = 0;
    const ours = timeIt(() => { for (const c of ctxs) for (const t of twig) sink += t.render(c).output.length; });
    const bare = timeIt(() => { for (const c of ctxs) for (const t of njk) sink += t.render(c).length; });
    const ratio = bare / ours; // our throughput relative to nunjucks'
    console.log(`render throughput: engine ${((USERS * 3) / ours).toFixed(0)} renders/ms, nunjucks ${((USERS * 3) / bare).toFixed(0)} renders/ms, ratio ${ratio.toFixed(2)}x`);
    expect(sink).toBeGreaterThan(0);
    expect(ratio).toBeGreaterThanOrEqual(0.6);
  });
});
