#!/usr/bin/env node
// Email QA benchmark: what the compatibility and link checks (and the all-users tally) add to a
// full scan of a personalised email. Compares, in alternating rounds by medians, the scan as the
// render worker runs it — render + every guardrail + the tally — with the same scan where the two
// compatibility checks are off (so only the older email checks and the link checks run), and with
// render alone. The example order-confirmation email (loops, a conditional block, personalised links).
// Then a breakdown by stage over the same renders (each stage timed on its own, after a warm-up).
//   node --expose-gc scripts/bench-email-qa.mjs [--users N] [--rounds N]
import { compareInRounds, exampleEmailWorkload, importShared, numberArg } from './bench-kit.mjs';

const USERS = numberArg('users', 20_000);
const ROUNDS = numberArg('rounds', 3);
const { compileCampaign, renderNode, renderFindings, EmailTally, checkEmail, checkLinks, checkCompatibility, scanEmail } = await importShared(
  'bench-email-qa',
  "export { compileCampaign, renderNode } from './shared/campaign/render'; export { renderFindings } from './shared/guardrails'; export { EmailTally } from './shared/guardrails/email-tally'; export { checkEmail, checkLinks, checkCompatibility } from './shared/guardrails'; export { scanEmail } from './shared/guardrails/compat';",
);

const { campaign, data } = exampleEmailWorkload(USERS);
const compiled = compileCampaign(campaign);
const node = compiled.nodes[0];

const scan = (settings, tally) => () => {
  const t = tally ? new EmailTally() : undefined;
  let n = 0;
  for (const id of data.target) {
    const r = renderNode(node, id, data, {});
    if (settings) {
      const f = renderFindings(r, settings);
      n += f.length;
      t?.add(node.node.key, node.node.content.html, r.fields.html, f);
    }
  }
  return n;
};
const OFF = { 'email-client-unsupported': 'off', 'email-client-partial': 'off' };
const withQa = compareInRounds(ROUNDS, scan(OFF, false), scan({}, true));
const renderOnly = compareInRounds(ROUNDS, scan(undefined, false), scan({}, true));
const per = (ms) => `${((ms * 1000) / USERS).toFixed(1)} µs/render`;
console.log(
  `email QA: ${USERS} users of the example email, median of ${ROUNDS} rounds: full scan with compatibility + links + tally ${(withQa.ours / 1000).toFixed(2)} s (${per(withQa.ours)}) = ${(withQa.ours / withQa.bare).toFixed(2)}x the scan with the compatibility checks off (${per(withQa.bare)}), ${(renderOnly.ours / renderOnly.bare).toFixed(2)}x render alone (${per(renderOnly.bare)})`,
);

// Breakdown by stage. Each stage alone, so each one that reads the HTML scans it afresh (in the scan
// the compatibility checks, the link checks and the tally share one scan per render).
const renders = data.target.map((id) => renderNode(node, id, data, {}));
const findings = renders.map((r) => renderFindings(r, {}));
const stage = (fn) => {
  fn();
  globalThis.gc?.();
  const t0 = performance.now();
  fn();
  return (((performance.now() - t0) * 1000) / USERS).toFixed(1);
};
const stages = [
  [
    'render',
    () => {
      for (const id of data.target) renderNode(node, id, data, {});
    },
  ],
  [
    'HTML scan (pieces)',
    () => {
      for (const r of renders) scanEmail(`${r.fields.html} `);
    },
  ],
  [
    'older email checks',
    () => {
      for (const r of renders) checkEmail(r.fields, {});
    },
  ],
  [
    'compatibility (with scan)',
    () => {
      for (const r of renders) checkCompatibility(`${r.fields.html} `, {});
    },
  ],
  [
    'links (with scan)',
    () => {
      for (const r of renders) checkLinks(`${r.fields.html} `, {});
    },
  ],
  [
    'all guardrails (one scan)',
    () => {
      for (const r of renders) renderFindings(r, {});
    },
  ],
  [
    'tally (with scan)',
    () => {
      const t = new EmailTally();
      renders.forEach((r, i) => t.add(node.node.key, node.node.content.html, `${r.fields.html} `, findings[i]));
    },
  ],
];
console.log(`breakdown, µs per render: ${stages.map(([name, fn]) => `${name} ${stage(fn)}`).join(' · ')}`);
