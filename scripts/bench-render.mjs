#!/usr/bin/env node
// Render benchmark: a full scan (render + diagnostics of every user × node) of 100,000 users × 3 nodes
// (SMS, a ~10 KB email, web push) through Preflight's pipeline, as a ratio to bare nunjucks rendering
// the same templates, precompiled once, with the same per-user contexts, in alternating rounds
// compared by medians. One process.
//   node scripts/bench-render.mjs [--users N] [--rounds N]
import nunjucks from 'nunjucks';
import { compareInRounds, importShared, numberArg, peakRss } from './bench-kit.mjs';

const USERS = numberArg('users', 100_000);
const ROUNDS = numberArg('rounds', 3);
const { compileCampaign, renderNode } = await importShared('bench-render', "export { compileCampaign, renderNode } from './shared/campaign/render';");

// ~10 KB of email HTML with placeholders, a condition and a loop over a list param.
const row = '<tr><td style="padding:8px;font-family:Arial,sans-serif;font-size:14px;color:#333333">{{ p.name }}</td><td align="right" style="padding:8px">{{ p.price }}</td></tr>';
const filler = '<p style="margin:0 0 12px;font-family:Arial,sans-serif;font-size:14px;line-height:20px;color:#555555">Thanks for flying with us. Your booking reference and travel details are below; keep this email for your records.</p>\n';
const html = `<!doctype html><html><body><table width="600" align="center"><tr><td>
<h1 style="font-family:Arial,sans-serif">Hi {{ first_name }},</h1>
${filler.repeat(30)}
<p>Your code <strong>{{ promo_code }}</strong> for {{ promo_name }} is ready.</p>
{% if vip %}<p>As a VIP you also get lounge access.</p>{% endif %}
<table>{% for p in products %}${row}{% endfor %}</table>
${filler.repeat(30)}
<p><a href="https://example.org/u?id={{ user_id }}">Manage preferences</a></p>
</td></tr></table></body></html>`;

const campaign = {
  name: 'Bench', id: 'B', type: 'multistage', target_by: 'user_id',
  nodes: [
    { key: 'sms', channel: 'sms', content: { from: 'Promo', text: 'Hi {{ first_name }}, your {{ promo_name }} offer for {{ match_name }} is now live. Code {{ promo_code }}.' } },
    { key: 'email', channel: 'email', content: { from_name: 'Promo', subject: '{{ first_name }}, your {{ promo_name }} code', html, text: 'Hi {{ first_name }}, code {{ promo_code }}' } },
    { key: 'webpush', channel: 'webpush', content: { title: '{{ match_name }}', body: 'Place your bet on {{ match_name }}. Use code {{ promo_code }} to claim your {{ promo_name }} offer.', url: 'https://example.org/promo?c={{ promo_code }}' } },
  ],
};

const target = [];
const twp = {};
const profiles = {};
for (let i = 0; i < USERS; i++) {
  const id = `user_${i}`;
  target.push(id);
  twp[id] = { promo_code: `CODE${i}`, vip: i % 3 === 0 };
  if (i % 10 !== 0) profiles[id] = { first_name: `Name${i}` };
}
const data = {
  target_by: 'user_id', target,
  params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool', products: [{ name: 'Boots', price: '49.00' }, { name: 'Scarf', price: '12.50' }, { name: 'Jersey', price: '65.00' }] },
  target_with_params: twp,
};

const rss = peakRss(50);

// Bare nunjucks: the same template strings, compiled once, rendered with ready-made contexts.
const envText = new nunjucks.Environment(null, { autoescape: false });
const envHtml = new nunjucks.Environment(null, { autoescape: true });
const fields = campaign.nodes.flatMap((n) => Object.entries(n.content).map(([k, v]) => new nunjucks.Template(v, k === 'html' ? envHtml : envText, undefined, true)));
const contexts = target.map((id) => ({ ...data.params, ...profiles[id], ...twp[id], user_id: id }));
let bytesBare = 0;
let bytesOurs = 0;
let diagnostics = 0;
const r = compareInRounds(
  ROUNDS,
  () => {
    bytesBare = 0;
    for (const ctx of contexts) for (const t of fields) bytesBare += t.render(ctx).length;
    rss.sample();
  },
  // Preflight: compile once, then render + diagnostics per user × node (values resolved with provenance).
  () => {
    const compiled = compileCampaign(campaign);
    bytesOurs = 0;
    diagnostics = 0;
    for (const id of target) for (const n of compiled.nodes) {
      const out = renderNode(n, id, data, profiles);
      for (const k in out.fields) bytesOurs += out.fields[k].length;
      diagnostics += out.diagnostics.length;
    }
    rss.sample();
  },
);
const peak = rss.stop();

const renders = USERS * campaign.nodes.length;
const ratio = r.bare / r.ours;
console.log(`render: ${USERS} users × 3 nodes (${renders} renders, ${diagnostics} diagnostics), median of ${ROUNDS} rounds: preflight ${(r.ours / 1000).toFixed(2)} s (${Math.round(renders / (r.ours / 1000))}/s) vs bare nunjucks ${(r.bare / 1000).toFixed(2)} s = ${ratio.toFixed(2)}x bare throughput (rounds ${(1 / r.spread[1]).toFixed(2)}–${(1 / r.spread[0]).toFixed(2)}x), peak RSS ${peak} MB`);
if (bytesOurs === 0 || bytesBare === 0) throw new Error('nothing rendered');
