/** Command-line parsing for `preflight`: a command, one campaign file, and named options. */
import { SEND_ID_RE } from '../../shared/send/send-id';

export interface CliArgs {
  command: 'render' | 'check' | 'request' | 'export' | 'help';
  campaign?: string;
  request?: string;
  targets?: string;
  idColumn?: string;
  params?: string;
  profiles?: string;
  targetBy?: string;
  format: 'json' | 'text' | 'wire';
  batchSize?: number;
  legacy: boolean;
  /** The workspace's guardrail levels (preflight.settings.json); found beside campaigns/ when not given. */
  settings?: string;
  /** request: the send id whose external_message_ids the bodies carry (a new one when not given). */
  sendId?: string;
  /** request/export: the send options the preview offers. */
  time?: string;
  targetExistingOnly?: boolean;
  extra?: string;
  /** export: the target list as CSV, or the execute body (all targets, unbatched) as JSON. */
  as: 'csv' | 'body';
}

export class UsageError extends Error {}

export const USAGE = `usage:
  preflight render  CAMPAIGN [inputs] [--format json|text]   render every targeted user × node (JSON by default)
  preflight check   CAMPAIGN [inputs] [--format text|json]   diagnostics summary and the send verdict; exit 1 on errors
  preflight request CAMPAIGN [inputs] [--batch-size N] [--send-id ID] [--format json|wire] [options]
                                                             the execute bodies a send would post (apptoken "***");
                                                             --format wire: one body per line, byte for byte as posted
  preflight export  CAMPAIGN [inputs] [--as csv|body]        the target list as CSV (round-trips an imported file) or one execute body as JSON
inputs:
  --request BODY.json     a Campaign Execute body: target, target_by, params, target_with_params
  --targets FILE          CSV/TSV/JSON target list; id column = --id-column, else the one named like target_by, else the first
  --id-column NAME        the id column of --targets
  --params JSON|@FILE     global params (merged over --request's params)
  --profiles FILE         profile attributes for preview: CSV (first column the id) or JSON {id: {attr: value}}
  --target-by KIND        overrides the campaign's target_by
  --settings FILE         guardrail levels (preflight.settings.json); default: the one beside the campaigns/ folder
  --legacy                legacy personalisation mode: an empty value means the message is not sent (error)
options (request, export --as body):
  --time TIME             schedule: "2026-01-01 12:00 UTC" or a unix timestamp
  --target-existing-only yes|no
  --extra JSON|@FILE      other campaign properties for this call (e.g. {"payload_add": [...]})
exit codes: 0 no errors, 1 at least one error diagnostic, 2 unusable input`;

/** Parses argv (without node and script). Throws UsageError with a readable message. */
export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') return { command: 'help', format: 'text', legacy: false, as: 'csv' };
  if (command !== 'render' && command !== 'check' && command !== 'request' && command !== 'export') throw new UsageError(`unknown command "${command}"`);
  const out: CliArgs = { command, format: command === 'check' ? 'text' : 'json', legacy: false, as: 'csv' };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--request':
        out.request = value();
        break;
      case '--targets':
        out.targets = value();
        break;
      case '--id-column':
        out.idColumn = value();
        break;
      case '--params':
        out.params = value();
        break;
      case '--profiles':
        out.profiles = value();
        break;
      case '--target-by':
        out.targetBy = value();
        break;
      case '--legacy':
        out.legacy = true;
        break;
      case '--settings':
        out.settings = value();
        break;
      case '--send-id': {
        const v = value();
        if (!SEND_ID_RE.test(v)) throw new UsageError(`--send-id must look like 20260101-120000-abcdef, got "${v}"`);
        out.sendId = v;
        break;
      }
      case '--time':
        out.time = value();
        break;
      case '--extra':
        out.extra = value();
        break;
      case '--target-existing-only': {
        const v = value();
        if (v !== 'yes' && v !== 'no') throw new UsageError(`--target-existing-only must be yes or no, got "${v}"`);
        out.targetExistingOnly = v === 'yes';
        break;
      }
      case '--as': {
        const v = value();
        if (v !== 'csv' && v !== 'body') throw new UsageError(`--as must be csv or body, got "${v}"`);
        out.as = v;
        break;
      }
      case '--format': {
        const f = value();
        if (f !== 'json' && f !== 'text' && !(f === 'wire' && command === 'request')) throw new UsageError(`--format must be json or text${command === 'request' ? ' or wire' : ''}, got "${f}"`);
        out.format = f;
        break;
      }
      case '--batch-size': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new UsageError(`--batch-size must be a positive integer, got "${rest[i]}"`);
        out.batchSize = n;
        break;
      }
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
        if (out.campaign) throw new UsageError(`unexpected argument "${a}" (one campaign file only)`);
        out.campaign = a;
    }
  }
  if (!out.campaign) throw new UsageError('a campaign file is required');
  return out;
}
