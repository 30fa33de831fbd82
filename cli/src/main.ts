/**
 * `preflight`: the headless CLI over the same evaluation pipeline as the app (shared/pipeline/).
 *   render  → JSON {campaign, renders[], diagnostics[], verdict} (or text)
 *   check   → human summary and the send verdict the app shows; exit 1 on any error diagnostic
 *   request → the execute bodies a send would post, apptoken "***" (`--format wire`: byte for byte)
 * Exit codes: 0 no errors, 1 error diagnostics, 2 unusable input.
 */
import type { Diagnostic } from '../../shared/diagnostics';
import { formatPlace } from '../../shared/diagnostics';
import { loadCampaign } from '../../shared/campaign/load';
import type { NodeRender } from '../../shared/campaign/render';
import { evaluate, verdictLines } from '../../shared/pipeline';
import { noTargetsDiagnostic } from '../../shared/pipeline/campaign-checks';
import { bodyOf, checkSendInput, DEFAULT_BATCH_SIZE, planProblemsMessage, planSend, requestBody, type SendOptions, type SendPlan } from '../../shared/send/plan';
import { redacted, wireText } from '../../shared/send/request';
import { newSendId } from '../../shared/send/send-id';
import { smsLength } from '../../shared/channels/sms';
import { executeBodyToTable } from '../../shared/targets/body-table';
import { toCsv } from '../../shared/targets/csv-export';
import { parseArgs, UsageError, USAGE, type CliArgs } from './args';
import { InputError, parseJsonObject, readInputs, readText } from './inputs';
import { toRecord } from '../../shared/campaign/per-user';
import { EmailScoreTally, scoreSummaryLines } from '../../shared/guardrails/compat/score-tally';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };
const std: Out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function textReport(renders: NodeRender[], campaignDiags: Diagnostic[]): string {
  const lines: string[] = [];
  for (const r of renders) {
    lines.push(`── ${r.target} · ${r.node} (${r.channel})`);
    for (const [k, v] of Object.entries(r.fields)) lines.push(`  ${k}: ${v}`);
    if (r.sms) lines.push(`  [${smsLength(r.sms)}, ${r.sms.encoding}, ${r.sms.segments} segment(s)]`);
    for (const d of r.diagnostics) lines.push(`  ${d.severity} ${d.code}: ${d.message}`);
  }
  for (const d of campaignDiags) lines.push(`${d.severity} ${d.code}: ${d.message}`);
  return lines.join('\n') + '\n';
}

/** Counts diagnostics by severity and code, keeping the first of each as the example. */
class Tally {
  readonly counts = { error: 0, warning: 0, info: 0 };
  private readonly byCode = new Map<string, { severity: string; n: number; example: Diagnostic }>();
  add(ds: readonly Diagnostic[]) {
    for (const d of ds) {
      this.counts[d.severity]++;
      const k = `${d.severity}\u0000${d.code}`;
      const e = this.byCode.get(k);
      if (e) e.n++;
      else this.byCode.set(k, { severity: d.severity, n: 1, example: d });
    }
  }
  lines(cells: number): string[] {
    const lines = [`${cells} render(s): ${this.counts.error} error(s), ${this.counts.warning} warning(s), ${this.counts.info} info`];
    for (const { severity, n, example } of [...this.byCode.values()].sort((a, b) => a.severity.localeCompare(b.severity))) lines.push(`  ${severity} ${example.code} ×${n}: ${example.message}${formatPlace(example) ? ` (${formatPlace(example)})` : ''}`);
    return lines;
  }
}

/** The send options given on the command line (the ones the send preview offers). */
function sendOptions(args: CliArgs): SendOptions {
  return {
    ...(args.time !== undefined ? { time: args.time } : {}),
    ...(args.targetExistingOnly !== undefined ? { targetExistingOnly: args.targetExistingOnly } : {}),
    ...(args.extra !== undefined ? { extra: parseJsonObject(args.extra, '--extra') } : {}),
  };
}

/**
 * Prints a plan's bodies one at a time, so a million targets never become one string of every body
 * (and every body's object) at once. The JSON form is byte for byte `JSON.stringify(bodies, null, 2)`:
 * each element is indented one level more, which in JSON.stringify's output means two spaces after
 * every line break (strings never hold a raw line break).
 */
function writeBodies(plan: SendPlan, wire: boolean, out: Out): void {
  const n = plan.batches.length;
  for (let i = 0; i < n; i++) {
    const body = bodyOf(plan, i);
    if (wire) out.stdout(wireText(body) + '\n');
    else out.stdout((i === 0 ? '[\n  ' : ',\n  ') + JSON.stringify(redacted(body), null, 2).replace(/\n/g, '\n  ') + (i === n - 1 ? '\n]\n' : ''));
  }
  if (n === 0 && !wire) out.stdout('[]\n');
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], out: Out = std): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      out.stdout(USAGE + '\n');
      return 0;
    }
    const file = args.campaign!;
    const text = readText(file);
    const loaded = loadCampaign(file, text);
    if (!loaded.campaign) {
      for (const d of loaded.diagnostics) out.stderr(`${formatPlace(d)}: ${d.message}\n`);
      return 2;
    }
    const campaign = loaded.campaign;
    const { data, profiles, settings, diagnostics: inputDiags, table } = readInputs(args, campaign);
    if (args.command === 'export') {
      if (args.as === 'body') {
        out.stdout(JSON.stringify(redacted(requestBody(campaign.id, data, sendOptions(args))), null, 2) + '\n');
      } else {
        // An imported file goes back out as it came in (same columns and cells); other inputs as one row per target.
        const t = table ?? executeBodyToTable({ target: data.target, target_by: data.target_by, target_with_params: toRecord(data.target_with_params) }).table;
        out.stdout(toCsv(t.columns, t.rows));
      }
      return 0;
    }
    if (args.command === 'request') {
      // The plan and bodies of the send itself (shared/send/plan.ts): refused where the host would refuse it.
      const options = sendOptions(args);
      const none = noTargetsDiagnostic(data);
      if (none) {
        // A body that names nobody is printed (it is what the data says) but is an error: exit 1.
        out.stdout(JSON.stringify([redacted(requestBody(campaign.id, data, options))], null, 2) + '\n');
        out.stderr(`${none.severity} ${none.code}: ${none.message}\n`);
        return 1;
      }
      const batchSize = args.batchSize ?? DEFAULT_BATCH_SIZE;
      const problems = checkSendInput(campaign.id, data, batchSize, options);
      if (problems.length) throw new InputError(planProblemsMessage(problems));
      const plan = planSend({ sendId: args.sendId ?? newSendId(), environment: { id: 'cli', name: 'preflight request', baseUrl: '', production: false }, campaignId: campaign.id, data, batchSize, options });
      writeBodies(plan, args.format === 'wire', out);
      return 0;
    }
    const renders: NodeRender[] = [];
    const tally = new Tally();
    const keep = args.command === 'render' || args.format === 'json';
    // Each email node's per-client scores over the users, as the app's full scan gives them.
    const scores = new EmailScoreTally(settings);
    const run = evaluate(
      { campaign, source: { file, text }, data, profiles, settings, legacyPersonalisation: args.legacy },
      {
        onCell: (r) => {
          tally.add(r.diagnostics);
          if (r.channel === 'email' && args.command === 'check') scores.add(r.node, r.fields.html ?? '');
          if (keep) renders.push(r);
        },
      },
    );
    const campaignDiags = [...inputDiags, ...run.campaignDiagnostics];
    tally.add(campaignDiags);
    const failed = tally.counts.error > 0 || run.verdict.blocked;
    if (args.format === 'json') {
      const doc = {
        campaign: { id: campaign.id, name: campaign.name, type: campaign.type },
        renders: renders.map((r) => ({
          target: r.target,
          node: r.node,
          channel: r.channel,
          fields: r.fields,
          sources: r.sources,
          ...(r.sms ? { sms: { encoding: r.sms.encoding, characters: r.sms.characters, units: r.sms.units, segments: r.sms.segments } } : {}),
          diagnostics: r.diagnostics,
        })),
        diagnostics: campaignDiags,
        verdict: run.verdict,
        ...(args.command === 'check' ? { emailScores: scores.summary() } : {}),
      };
      out.stdout(JSON.stringify(doc, null, 2) + '\n');
    } else {
      const scoreLines = Object.entries(scores.summary()).flatMap(([node, t]) => scoreSummaryLines(node, t));
      out.stdout(args.command === 'check' ? [...tally.lines(run.scan.cells), ...scoreLines, ...verdictLines(run.verdict)].join('\n') + '\n' : textReport(renders, campaignDiags));
    }
    return failed ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`preflight: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      out.stderr(`preflight: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
