/**
 * Campaign-level checks of the evaluation pipeline: what is wrong with the campaign and its data as
 * a whole rather than for one user — data that names nobody, compile errors, per-user values nobody is targeted for,
 * repeated ids, the data-against-template guardrails and the longest SMS the data can produce.
 */
import type { CompiledCampaign } from '../campaign/render';
import { usersWithValues } from '../campaign/per-user';
import { resolveValue, type Profiles, type SendData } from '../campaign/send-data';
import { smsMetrics } from '../channels/sms';
import type { Diagnostic } from '../diagnostics';
import { applyLevels, checkData, checkLongestSms, longestValues, type GuardrailSettings } from '../guardrails';
import { duplicateDiagnostics, findDuplicates } from '../targets/duplicates';
import { clip, listWithMore } from '../targets/text';

/**
 * The error for send data that names nobody: a send would go nowhere (a target file with only its
 * header, a body with `"target": []`). One rule for the app's checks, `preflight check` and
 * `preflight request`.
 */
export function noTargetsDiagnostic(data: SendData): Diagnostic | undefined {
  return data.target.length === 0 ? { code: 'no-targets', severity: 'error', message: 'there are no targets: the data names no users, so nothing would be sent' } : undefined;
}

/**
 * Every campaign-level diagnostic, in a stable order: compile diagnostics per node, then data
 * checks, then guardrails under the team's levels. (The render engine's old `unused-param` is the
 * `data-unused-column` guardrail now, whose level the team sets.)
 */
export function campaignChecks(cc: CompiledCampaign, data: SendData, profiles: Profiles, settings: GuardrailSettings): Diagnostic[] {
  const out: Diagnostic[] = [];
  const none = noTargetsDiagnostic(data);
  if (none) out.push(none);
  for (const n of cc.nodes) out.push(...n.diagnostics);
  // Imports keep the first of repeated ids already; data that arrives another way is checked here too.
  for (const { indexes: _, ...d } of duplicateDiagnostics(findDuplicates(data.target), { label: (i) => `target[${i}]`, place: (i) => ({ path: `target[${i}]` }) })) out.push(d);
  const targeted = new Set(data.target);
  const stray = usersWithValues(data.target_with_params).filter((k) => !targeted.has(k));
  if (stray.length > 0)
    out.push({
      code: 'untargeted-params',
      severity: 'warning',
      target: stray[0] as string,
      message: `target_with_params has values for ${stray.length === 1 ? 'an id' : `${stray.length} ids`} not in target, which will not be sent to anyone: ${listWithMore(
        stray.slice(0, 11).map((d) => clip(d, 30)),
        10,
        stray.length,
      )}.`,
    });
  out.push(
    ...applyLevels(
      checkData(
        cc.nodes.map((n) => ({ node: n.node.key, references: n.references })),
        data,
        profiles,
      ),
      settings,
    ),
  );
  if (data.target.length > 0) {
    // Each attribute's longest value, found once for all SMS nodes (one pass over every user each).
    const longest = new Map<string, unknown>();
    for (const n of cc.nodes) {
      if (n.node.channel !== 'sms') continue;
      const text = n.fields.find((f) => f.name === 'text');
      if (!text) continue;
      const missing = n.references.filter((r) => !longest.has(r));
      const found = longestValues(missing, data.target, (name, user) => resolveValue(name, user, data, profiles).value);
      for (const r of missing) longest.set(r, found[r]);
      const vars = Object.fromEntries(n.references.map((r) => [r, longest.get(r)]));
      out.push(...applyLevels(checkLongestSms(smsMetrics(text.template.render(vars).output), n.node.key), settings));
    }
  }
  return out;
}
