#!/usr/bin/env node
// Render benchmark: a full scan of 100,000 users × 4 nodes (an SMS, a two-part UCS-2 SMS with an emoji,
// a ~10 KB email, a web push) through Preflight's pipeline — render, provenance, engine diagnostics,
// SMS metrics and guardrails: the cell the render worker computes (`createEvaluation(…).cell`,
// shared/pipeline/evaluation.ts) — as a ratio to
// bare nunjucks rendering the same templates, precompiled once, with the same per-user contexts.
// One user in 1,000 overrides a param with 20 KB of text, so their two-part SMS becomes a 20 KB
// message. Then a breakdown by stage, and one 20 KB SMS on its own.
//
// Each side runs in processes of its own, alternating (like the send bench), each process timing
// two passes after one untimed warm-up; the figure compares the medians. Separate processes because
// loading nunjucks slows every other script in its process: its runtime makes a String.prototype
// object (`SafeString`), after which V8 no longer inlines string methods called from optimised code
// (a charCodeAt loop runs about 4× slower) — a cost the app never pays, as only this bench loads
// nunjucks. The figure measured with nunjucks loaded beside the pipeline is printed too.
//   node scripts/bench-render.mjs [--users N] [--rounds N]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { importShared, numberArg } from './bench-kit.mjs';

const USERS = numberArg('users', 100_000);
const ROUNDS = numberArg('rounds', 3);
const sideAt = process.argv.indexOf('--side');
const SIDE = sideAt > 0 ? process.argv[sideAt + 1] : undefined;

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
  name: 'Bench',
  id: 'B',
  type: 'multistage',
  target_by: 'user_id',
  nodes: [
    { key: 'sms', channel: 'sms', content: { from: 'Promo', text: 'Hi {{ first_name }}, your {{ promo_name }} offer for {{ match_name }} is now live. Code {{ promo_code }}.' } },
    { key: 'sms_long', channel: 'sms', content: { from: 'Promo', text: longSms } },
    { key: 'email', channel: 'email', content: { from_name: 'Promo', subject: '{{ first_name }}, your {{ promo_name }} code', html, text: 'Hi {{ first_name }}, code {{ promo_code }}' } },
    { key: 'webpush', channel: 'webpush', content: { title: '{{ match_name }}', body: 'Place your bet on {{ match_name }}. Use code {{ promo_code }} to claim your {{ promo_name }} offer.', url: 'https://www.brand.com/promo?c={{ promo_code }}' } },
  ],
};

/** 20 KB of terms: prices in € (two septets each), brackets, an emoji now and then. */
const terms20k = 'Terms: stake €10 [min odds 1/2] on any market; free bets of €30 credited within 48 hours 👍 expire after 7 days. '.repeat(180).slice(0, 20_000);

function dataSet() {
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
    target_by: 'user_id',
    target,
    params: {
      promo_name: 'Play-X-Get-Y',
      match_name: 'Man Utd vs Liverpool',
      terms: 'T&Cs apply, 18+.',
      products: [
        { name: 'Boots', price: '49.00' },
        { name: 'Scarf', price: '12.50' },
        { name: 'Jersey', price: '65.00' },
      ],
    },
    target_with_params: twp,
  };
  return { data, profiles };
}

/** Wall and CPU milliseconds of `fn` (CPU time includes V8's GC threads; it is the steadier figure on a shared machine). */
const clock = (fn) => {
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
};
const time = (fn) => clock(fn).cpu;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One process of one side: a warm-up pass, then two timed passes; prints a JSON line. */
async function child(side) {
  const { data, profiles } = dataSet();
  const target = data.target;
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  const result = { side };
  let pass;
  if (side === 'bare') {
    const nunjucks = (await import('nunjucks')).default;
    // The same template strings, compiled once, rendered with ready-made contexts.
    const envText = new nunjucks.Environment(null, { autoescape: false });
    const envHtml = new nunjucks.Environment(null, { autoescape: true });
    const fields = campaign.nodes.flatMap((n) => Object.entries(n.content).map(([k, v]) => new nunjucks.Template(v, k === 'html' ? envHtml : envText, undefined, true)));
    const contexts = target.map((id) => ({ ...data.params, ...profiles[id], ...data.target_with_params[id] }));
    pass = () => {
      let bytes = 0;
      for (const ctx of contexts) for (const t of fields) bytes += t.render(ctx).length;
      result.bytes = bytes;
      sample();
    };
  } else {
    const S = await importShared(
      'bench-render',
      `export { compileCampaign, renderNode } from './shared/campaign/render';
       export { resolverFor } from './shared/campaign/send-data';
       export { createEvaluation } from './shared/pipeline/evaluation';
       export { smsMetrics } from './shared/channels/sms';`,
    );
    if (side === 'ours+nunjucks') await import('nunjucks');
    // Preflight: compile once, then the worker's cell per user × node.
    pass = () => {
      const ev = S.createEvaluation({ campaign, data, profiles });
      const compiled = ev.compiled;
      let bytes = 0;
      let diagnostics = 0;
      const parts = {};
      // Each render's fields read by the node's field list, as the bare side reads each output once
      // (not a for…in over every render's fields: the loop itself should cost as little as the bare one).
      const names = compiled.nodes.map((n) => n.fields.map((f) => f.name));
      for (const id of target)
        for (let k = 0; k < compiled.nodes.length; k++) {
          const n = compiled.nodes[k];
          const out = ev.cell(id, k);
          for (const name of names[k]) bytes += out.fields[name].length;
          diagnostics += out.diagnostics.length;
          if (out.sms && n.node.key === 'sms_long') parts[out.sms.segments] = (parts[out.sms.segments] ?? 0) + 1;
        }
      Object.assign(result, { bytes, diagnostics, parts });
      sample();
    };
    if (side === 'breakdown') {
      Object.assign(result, breakdown(S, data, profiles));
      clearInterval(timer);
      return result;
    }
  }
  pass();
  const timed = [clock(pass), clock(pass)];
  result.ms = timed.map((t) => t.wall);
  result.cpu = timed.map((t) => t.cpu);
  clearInterval(timer);
  sample();
  result.rssMb = Math.round(peak / 1048576);
  return result;
}

/**
 * Where the time goes: each stage alone, cumulative where a stage needs the one before (resolve;
 * resolve + render; renderNode = + diagnostics and SMS metrics; the evaluation's cell = + guardrails), all
 * warmed up first, then timed in 3 rounds in turn and compared by medians — one pass of each in a
 * row let the JIT state of one stage colour the next (a stage came out negative).
 */
function breakdown(S, data, profiles) {
  const target = data.target;
  let compiled;
  const tCompile = time(() => (compiled = S.compileCampaign(campaign)));
  const ev = S.createEvaluation({ campaign, data, profiles }, compiled);
  const resolveAll = (render) => {
    for (const id of target)
      for (const n of compiled.nodes) {
        const resolve = S.resolverFor(id, data, profiles);
        const vars = {};
        const found = { value: undefined };
        for (const name of n.references) {
          const source = resolve(name, found);
          if (source !== 'empty') vars[name] = found.value;
        }
        if (render) for (const f of n.fields) f.template.render(vars);
      }
  };
  const smsTexts = [];
  for (const id of target) for (const n of compiled.nodes) if (n.node.channel === 'sms') smsTexts.push(S.renderNode(n, id, data, profiles).fields.text);
  const stages = {
    resolve: () => resolveAll(false),
    rendered: () => resolveAll(true),
    node: () => {
      for (const id of target) for (const n of compiled.nodes) S.renderNode(n, id, data, profiles);
    },
    checked: () => {
      for (const id of target) for (let k = 0; k < compiled.nodes.length; k++) ev.cell(id, k);
    },
    sms: () => {
      for (const t of smsTexts) S.smsMetrics(t);
    },
  };
  for (const fn of Object.values(stages)) fn(); // warm-up
  const runs = Object.fromEntries(Object.keys(stages).map((k) => [k, []]));
  for (let i = 0; i < 3; i++) for (const [k, fn] of Object.entries(stages)) runs[k].push(time(fn));
  const t = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)]));
  // One 20 KB SMS (the old calculator took 4.4 s for one).
  const big = S.createEvaluation({ campaign: { ...campaign, nodes: [campaign.nodes[1]] }, data, profiles });
  const bigUser = target.find((id) => data.target_with_params[id].terms);
  let m;
  const reps = 200;
  const tBig = bigUser
    ? time(() => {
        for (let i = 0; i < reps; i++) m = big.cell(bigUser, 0).sms;
      }) / reps
    : 0;
  return { stages: { compile: tCompile, resolve: t.resolve, render: t.rendered - t.resolve, diagnostics: t.node - t.rendered, sms: t.sms, guardrails: t.checked - t.node, total: t.checked }, big: m && { ms: tBig, ...m, nonGsm: undefined } };
}

if (SIDE) {
  console.log(JSON.stringify(await child(SIDE)));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (side) => {
    const r = spawnSync(process.execPath, ['--expose-gc', self, '--side', side, '--users', String(USERS)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`bench-render --side ${side} exited with ${r.status}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1));
  };
  const runs = { bare: [], ours: [], 'ours+nunjucks': [] };
  for (let i = 0; i < ROUNDS; i++) for (const side of i % 2 === 0 ? ['bare', 'ours', 'ours+nunjucks'] : ['ours+nunjucks', 'ours', 'bare']) runs[side].push(run(side));
  const med = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v.flatMap((x) => x.ms))]));
  const cpu = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v.flatMap((x) => x.cpu))]));
  const perRound = runs.ours.map((o, i) => median(runs.bare[i].cpu) / median(o.cpu));
  const last = runs.ours.at(-1);
  const renders = USERS * campaign.nodes.length;
  const parts = Object.entries(last.parts)
    .map(([s, n]) => `${s} part${s === '1' ? '' : 's'} ×${n}`)
    .join(', ');
  const rss = Math.max(...runs.ours.map((r) => r.rssMb));
  if (!last.bytes || !runs.bare[0].bytes) throw new Error('nothing rendered');
  console.log(
    `render: ${USERS} users × ${campaign.nodes.length} nodes (${renders} renders, ${last.diagnostics} diagnostics; two-part SMS: ${parts}), medians of ${ROUNDS} processes × 2 passes: preflight ${(cpu.ours / 1000).toFixed(2)} s CPU (${Math.round(renders / (cpu.ours / 1000))}/s) vs bare nunjucks ${(cpu.bare / 1000).toFixed(2)} s = ${(cpu.bare / cpu.ours).toFixed(2)}x bare throughput, target ≥ 0.8x (rounds ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}x; wall time ${(med.bare / med.ours).toFixed(2)}x; with nunjucks loaded in the same process ${(cpu.bare / cpu['ours+nunjucks']).toFixed(2)}x), peak RSS ${rss} MB`,
  );
  const b = run('breakdown');
  const ms = (x) => `${Math.round(x)} ms`;
  const s = b.stages;
  console.log(
    `render breakdown (CPU, medians of 3 passes per stage): compile ${s.compile.toFixed(1)} ms · resolve with provenance ${ms(s.resolve)} · render ${ms(s.render)} · per-render diagnostics ${ms(s.diagnostics)} (SMS metrics ${ms(s.sms)} of them) · guardrails ${ms(s.guardrails)} · total ${ms(s.total)}`,
  );
  if (b.big) console.log(`render: one 20 KB SMS (${b.big.characters} characters, ${b.big.units} ${b.big.encoding === 'GSM-7' ? 'septets' : 'UCS-2 code units'}, ${b.big.segments} parts) rendered and checked in ${b.big.ms.toFixed(2)} ms`);
}
