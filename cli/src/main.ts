/**
 * `preflight`: the headless CLI over the same render pipeline as the app.
 *   render  → JSON {campaign, renders[], diagnostics[]} (or text)
 *   check   → human summary; exit 1 on any error diagnostic
 *   request → the execute bodies a send would make, apptoken "***"
 * Exit codes: 0 no errors, 1 error diagnostics, 2 unusable input.
 */
import type { Diagnostic } from '../../shared/diagnostics';
import { formatPlace } from '../../shared/diagnostics';
import { loadCampaign } from '../../shared/campaign/load';
import { compileCampaign, dataDiagnostics, noTargetsDiagnostic, renderAll, type NodeRender } from '../../shared/campaign/render';
import { buildExecuteBodies, redacted } from '../../shared/send/request';
import { executeBodyToTable } from '../../shared/targets/body-table';
import { toCsv } from '../../shared/targets/csv-export';
import { parseArgs, UsageError, USAGE } from './args';
import { InputError, readInputs, readText } from './inputs';
import { toRecord } from '../../shared/campaign/per-user';

type Out = { stdout: (s: string) => void; stderr: (s: string) => void };
const std: Out = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function textReport(renders: NodeRender[], campaignDiags: Diagnostic[]): string {
  const lines: string[] = [];
  for (const r of renders) {
    lines.push(`── ${r.target} · ${r.node} (${r.channel})`);
    for (const [k, v] of Object.entries(r.fields)) lines.push(`  ${k}: ${v}`);
    if (r.sms) lines.push(`  [${r.sms.characters} chars, ${r.sms.encoding}, ${r.sms.segments} segment(s)]`);
    for (const d of r.diagnostics) lines.push(`  ${d.severity} ${d.code}: ${d.message}`);
  }
  for (const d of campaignDiags) lines.push(`${d.severity} ${d.code}: ${d.message}`);
  return lines.join('\n') + '\n';
}

function summary(renders: NodeRender[], campaignDiags: Diagnostic[]): string {
  const all = [...campaignDiags, ...renders.flatMap((r) => r.diagnostics)];
  const counts = { error: 0, warning: 0, info: 0 };
  const byCode = new Map<string, { severity: string; n: number; example: Diagnostic }>();
  for (const d of all) {
    counts[d.severity]++;
    const k = `${d.severity}\u0000${d.code}`;
    const e = byCode.get(k);
    if (e) e.n++;
    else byCode.set(k, { severity: d.severity, n: 1, example: d });
  }
  const lines = [`${renders.length} render(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info`];
  for (const { severity, n, example } of [...byCode.values()].sort((a, b) => a.severity.localeCompare(b.severity)))
    lines.push(`  ${severity} ${example.code} ×${n}: ${example.message}${formatPlace(example) ? ` (${formatPlace(example)})` : ''}`);
  return lines.join('\n') + '\n';
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
    const { data, profiles, diagnostics: inputDiags, table } = readInputs(args, campaign);
    if (args.command === 'export') {
      if (args.as === 'body') {
        out.stdout(JSON.stringify(redacted(buildExecuteBodies(campaign.id, data, Math.max(1, data.target.length))[0]!), null, 2) + '\n');
      } else {
        // An imported file goes back out as it came in (same columns and cells); other inputs as one row per target.
        const t = table ?? executeBodyToTable({ target: data.target, target_by: data.target_by, target_with_params: toRecord(data.target_with_params) }).table;
        out.stdout(toCsv(t.columns, t.rows));
      }
      return 0;
    }
    if (args.command === 'request') {
      const bodies = buildExecuteBodies(campaign.id, data, args.batchSize).map(redacted);
      out.stdout(JSON.stringify(bodies, null, 2) + '\n');
      // The bodies are printed either way; a body that names nobody is still an error (exit 1).
      const none = noTargetsDiagnostic(data);
      if (none) out.stderr(`${none.severity} ${none.code}: ${none.message}\n`);
      return none ? 1 : 0;
    }
    const compiled = compileCampaign(campaign, { file, text });
    const renders = renderAll(compiled, data, profiles, { legacyPersonalisation: args.legacy });
    const campaignDiags = [...inputDiags, ...dataDiagnostics(compiled, data)];
    const failed = [...campaignDiags, ...renders.flatMap((r) => r.diagnostics)].some((d) => d.severity === 'error');
    if (args.format === 'json') {
      const doc = {
        campaign: { id: campaign.id, name: campaign.name, type: campaign.type },
        renders: renders.map((r) => ({ target: r.target, node: r.node, channel: r.channel, fields: r.fields, sources: r.sources, ...(r.sms ? { sms: { encoding: r.sms.encoding, characters: r.sms.characters, segments: r.sms.segments } } : {}), diagnostics: r.diagnostics })),
        diagnostics: campaignDiags,
      };
      out.stdout(JSON.stringify(doc, null, 2) + '\n');
    } else out.stdout(args.command === 'check' ? summary(renders, campaignDiags) : textReport(renders, campaignDiags));
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
