#!/usr/bin/env node
// Render benchmark: a full scan of 100,000 users × 4 nodes (an SMS, a two-part UCS-2 SMS with an emoji,
// a ~10 KB email, a web push) through Preflight's pipeline — render, provenance, engine diagnostics,
// SMS metrics and guardrails, the cell the render worker computes (`renderChecked`) — as a ratio to
// bare nunjucks rendering the same templates, precompiled once, with the same per-user contexts, in
// alternating rounds compared by medians. One user in 1,000 overrides a param with 20 KB of text, so
// the two-part SMS turns into a 20 KB message for them. Then a breakdown of one pass by stage, and
// a 20 KB SMS on its own. One process.
//   node scripts/bench-render.mjs [--users N] [--rounds N]
import nunjucks from 'nunjucks';
import { compareInRounds, importShared, numberArg, peakRss } from './bench-kit.mjs';

const USERS = numberArg('users', 100_000);
const ROUNDS = numberArg('rounds', 5);
const S = await importShared(
  'bench-render',
  `export { compileCampaign, renderNode } from './shared/campaign/render';
   export { resolverFor } from './shared/campaign/send-data';
   export { renderChecked } from './shared/guardrails';
   export { smsMetrics } from './shared/channels/sms';`,
);

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
<p><a href="https://news.brand.com/u?id={{ user_id }}">Manage preferences</a></p>
</td></tr></table></body></html>`;

// Two parts of UCS-2 for most users (the emoji forces UCS-2: 67 code units a part); 20 KB for a few.
const longSms = 'Hi {{ first_name }} 🎉 your {{ promo_name }} offer for {{ match_name }} is live: bet €10, get €30 with code {{ promo_code }}. {{ terms }}';
const campaign = {
  name: 'Bench', id: 'B', type: 'multistage', target_by: 'user_id',
  nodes: [
    { key: 'sms', channel: 'sms', content: { from: 'Promo', text: 'Hi {{ first_name }}, your {{ promo_name }} offer for {{ match_name }} is now live. Code {{ promo_code }}.' } },
    { key: 'sms_long', channel: 'sms', content: { from: 'Promo', text: longSms } },
    { key: 'email', channel: 'email', content: { from_name: 'Promo', subject: '{{ first_name }}, your {{ promo_name }} code', html, text: 'Hi {{ first_name }}, code {{ promo_code }}' } },
    { key: 'webpush', channel: 'webpush', content: { title: '{{ match_name }}', body: 'Place your bet on {{ match_name }}. Use code {{ promo_code }} to claim your {{ promo_name }} offer.', url: 'https://www.brand.com/promo?c={{ promo_code }}' } },
  ],
};

/** 20 KB of terms: prices in € (two septets each), a bracket, an emoji now and then. */
const terms20k = 'Terms: stake €10 [min odds 1/2] on any market; free bets of €30 credited within 48 hours 👍 expire after 7 days. '.repeat(180).slice(0, 20_000);

const target = [];
const twp = {};
const profiles = {};
for (let i = 0; i < USERS; i++) {
  const id = `user_${i}`;
  target.push(id);
  twp[id] = { promo_code: `CODE${i}`, vip: i % 3 === 0 };
  if (i % 1000 === 500) twp[id].terms = terms20k;
  profiles[id] = i % 10 !== 0 ? { user_id: id, first_name: `Name${i}` } : { user_id: id };
}
const data = {
  target_by: 'user_id', target,
  params: { promo_name: 'Play-X-Get-Y', match_name: 'Man Utd vs Liverpool', terms: 'T&Cs apply, 18+.', products: [{ name: 'Boots', price: '49.00' }, { name: 'Scarf', price: '12.50' }, { name: 'Jersey', price: '65.00' }] },
  target_with_params: twp,
};

const rss = peakRss(50);

// Bare nunjucks: the same template strings, compiled once, rendered with ready-made contexts.
const envText = new nunjucks.Environment(null, { autoescape: false });
const envHtml = new nunjucks.Environment(null, { autoescape: true });
const fields = campaign.nodes.flatMap((n) => Object.entries(n.content).map(([k, v]) => new nunjucks.Template(v, k === 'html' ? envHtml : envText, undefined, true)));
const contexts = target.map((id) => ({ ...data.params, ...profiles[id], ...twp[id] }));
let bytesBare = 0;
let bytesOurs = 0;
let diagnostics = 0;
const segments = new Map();
const r = compareInRounds(
  ROUNDS,
  () => {
    bytesBare = 0;
    for (const ctx of contexts) for (const t of fields) bytesBare += t.render(ctx).length;
    rss.sample();
  },
  // Preflight: compile once, then the worker's cell per user × node.
  () => {
    const compiled = S.compileCampaign(campaign);
    bytesOurs = 0;
    diagnostics = 0;
    segments.clear();
    for (const id of target) for (const n of compiled.nodes) {
      const out = S.renderChecked(n, id, data, profiles);
      for (const k in out.fields) bytesOurs += out.fields[k].length;
      diagnostics += out.diagnostics.length;
      if (out.sms && n.node.key === 'sms_long') segments.set(out.sms.segments, (segments.get(out.sms.segments) ?? 0) + 1);
    }
    rss.sample();
  },
);
const peak = rss.stop();

const renders = USERS * campaign.nodes.length;
const ratio = r.bare / r.ours;
console.log(`render: ${USERS} users × ${campaign.nodes.length} nodes (${renders} renders, ${diagnostics} diagnostics; two-part SMS in ${[...segments].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s} part${s > 1 ? 's' : ''} ×${n}`).join(', ')}), median of ${ROUNDS} rounds: preflight ${(r.ours / 1000).toFixed(2)} s (${Math.round(renders / (r.ours / 1000))}/s) vs bare nunjucks ${(r.bare / 1000).toFixed(2)} s = ${ratio.toFixed(2)}x bare throughput (rounds ${(1 / r.spread[1]).toFixed(2)}–${(1 / r.spread[0]).toFixed(2)}x), peak RSS ${peak} MB`);
if (bytesOurs === 0 || bytesBare === 0) throw new Error('nothing rendered');

// Where the time goes: one pass of each stage alone, cumulative where a stage needs the one before.
const time = (fn) => {
  globalThis.gc?.();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
let compiled;
const tCompile = time(() => (compiled = S.compileCampaign(campaign)));
const resolveAll = (render) => {
  for (const id of target) for (const n of compiled.nodes) {
    const resolve = S.resolverFor(id, data, profiles);
    const vars = {};
    for (const name of n.references) {
      const { value, source } = resolve(name);
      if (source !== 'empty') vars[name] = value;
    }
    if (render) for (const f of n.fields) f.template.render(vars);
  }
};
const tResolve = time(() => resolveAll(false));
const tRender = time(() => resolveAll(true));
const smsTexts = [];
const tNode = time(() => {
  for (const id of target) for (const n of compiled.nodes) {
    const out = S.renderNode(n, id, data, profiles);
    if (out.sms) smsTexts.push(out.fields.text);
  }
});
const tSms = time(() => { for (const t of smsTexts) S.smsMetrics(t); });
const tAll = time(() => { for (const id of target) for (const n of compiled.nodes) S.renderChecked(n, id, data, profiles); });
const ms = (x) => `${Math.round(x)} ms`;
console.log(`render breakdown (one pass, same machine): compile ${tCompile.toFixed(1)} ms · resolve with provenance ${ms(tResolve)} · render ${ms(tRender - tResolve)} · per-render diagnostics ${ms(tNode - tRender)} (of which SMS metrics ${ms(tSms)}) · guardrails ${ms(tAll - tNode)} · total ${ms(tAll)} (bare nunjucks median ${ms(r.bare)})`);

// One 20 KB SMS (the old calculator took 4.4 s for one).
const big = S.compileCampaign({ ...campaign, nodes: [campaign.nodes[1]] }).nodes[0];
const bigUser = target.find((id) => twp[id].terms);
if (bigUser) {
  const reps = 200;
  let m;
  const t = time(() => { for (let i = 0; i < reps; i++) m = S.renderChecked(big, bigUser, data, profiles).sms; });
  console.log(`render: one ${Math.round(terms20k.length / 1000)} KB SMS (${m.characters} characters, ${m.units} ${m.encoding === 'GSM-7' ? 'septets' : 'UCS-2 code units'}, ${m.segments} parts) rendered and checked in ${(t / reps).toFixed(2)} ms`);
}
