#!/usr/bin/env node
// Per-client scores benchmark: what scoring every user's email (shared/guardrails/compat/score.ts,
// tallied by score-tally.ts) adds to the full scan of the example email as the render worker runs
// it (render + every guardrail + the email QA tally). Alternating rounds compared by medians.
//   node --expose-gc scripts/bench-email-score.mjs [--users N] [--rounds N]
import { compareInRounds, exampleEmailWorkload, importShared, numberArg } from './bench-kit.mjs';

const USERS = numberArg('users', 20_000);
const ROUNDS = numberArg('rounds', 3);
const { compileCampaign, renderNode, renderFindings, EmailTally, EmailScoreTally } = await importShared(
  'bench-email-score',
  "export { compileCampaign, renderNode } from './shared/campaign/render'; export { renderFindings } from './shared/guardrails'; export { EmailTally } from './shared/guardrails/email-tally'; export { EmailScoreTally } from './shared/guardrails/compat/score-tally';",
);

const { campaign, data } = exampleEmailWorkload(USERS);
const node = compileCampaign(campaign).nodes[0];

let summary;
const scan = (scores) => () => {
  const t = new EmailTally();
  const s = scores ? new EmailScoreTally({}) : undefined;
  for (const id of data.target) {
    const r = renderNode(node, id, data, {});
    const f = renderFindings(r, {});
    t.add(node.node.key, node.node.content.html, r.fields.html, f);
    s?.add(node.node.key, r.fields.html);
  }
  if (s) summary = s.summary();
};
const r = compareInRounds(ROUNDS, scan(false), scan(true));
const per = (ms) => `${((ms * 1000) / USERS).toFixed(1)} µs/render`;
console.log(
  `email scores: ${USERS} users of the example email, median of ${ROUNDS} rounds: full scan with per-client scores ${(r.ours / 1000).toFixed(2)} s (${per(r.ours)}) = ${(r.ours / r.bare).toFixed(2)}x the scan without them (${per(r.bare)}); per-round ratios ${r.spread.map((x) => x.toFixed(2)).join('–')}`,
);
const o = summary.email;
console.log(`  overall ${o.overall.min}–${o.overall.max}% (median ${o.overall.median}%); ${o.families.map((f) => `${f.name} ${f.score.min}–${f.score.max}%`).join(', ')}`);
