/**
 * The send verdict: whether a send of this campaign with this data is blocked, and why, in words a
 * person can act on. The host computes it before planning a send and again before the first
 * request; the app's header and `preflight check` show the very same verdict, computed by the same
 * function from the same scan.
 *
 * What blocks: any campaign-level error (a template that does not compile, a guardrail the team set
 * to `blocking`…), any user with an error finding, and — in an environment running the platform's
 * legacy personalisation mode — any user with a placeholder that resolves to empty (the platform
 * would not send them the message). Blocking can be overridden only with a stated reason, which the
 * journal keeps with the reasons below.
 */
import { z } from 'zod';
import { formatPlace, type Diagnostic } from '../diagnostics';
import type { ScanResult } from './scan';

export const sendVerdictSchema = z.object({
  blocked: z.boolean(),
  /** What blocks, one line each: campaign errors, then user counts with their first findings. */
  reasons: z.array(z.string()),
  /** Users and cells the verdict covers (every targeted user × node). */
  users: z.number(),
  cells: z.number(),
  campaignErrors: z.number(),
  withErrors: z.number(),
  withWarnings: z.number(),
  /** Users with a guardrail finding at the blocking level. */
  blocking: z.number(),
  /** Users with a placeholder that resolves to empty (blocking only in legacy personalisation mode). */
  notPersonalised: z.number(),
  legacyPersonalisation: z.boolean(),
});
export type SendVerdict = z.infer<typeof sendVerdictSchema>;

/** How many user findings the reasons list, per kind. */
const LISTED = 5;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The verdict of a finished scan (under the environment's legacy personalisation mode, when it runs one). */
export function sendVerdict(campaignDiagnostics: readonly Diagnostic[], scan: Omit<ScanResult, 'severity'>, o: { legacyPersonalisation?: boolean } = {}): SendVerdict {
  const legacy = o.legacyPersonalisation === true;
  const reasons: string[] = [];
  const errors = campaignDiagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) reasons.push(`${d.message}${formatPlace(d) ? ` (${formatPlace(d)})` : ''}`);
  if (scan.withErrors > 0) {
    reasons.push(`${plural(scan.withErrors, 'user has', 'users have')} errors or blocking findings${scan.withErrors > LISTED ? ` (the first ${Math.min(LISTED, scan.errorSamples.length)} below; filter the matrix to "Users with errors" for all)` : ''}`);
    reasons.push(...scan.errorSamples.slice(0, LISTED));
  }
  if (legacy && scan.notPersonalised > 0) {
    reasons.push(`The environment runs legacy personalisation: ${scan.notPersonalised} user(s) have an attribute that resolves to empty and would not be sent`);
    reasons.push(...scan.emptySamples.slice(0, LISTED));
  }
  return {
    blocked: reasons.length > 0,
    reasons,
    users: scan.users,
    cells: scan.cells,
    campaignErrors: errors.length,
    withErrors: scan.withErrors,
    withWarnings: scan.withWarnings,
    blocking: scan.blocking,
    notPersonalised: scan.notPersonalised,
    legacyPersonalisation: legacy,
  };
}

/** The verdict as lines of text (what `preflight check` prints and the send preview lists). */
export function verdictLines(v: SendVerdict): string[] {
  const head = v.blocked
    ? `Send blocked: ${plural(v.reasons.length, 'reason', 'reasons')} (sending needs a stated reason, which the journal keeps)`
    : `Send not blocked: ${plural(v.users, 'user', 'users')} × ${v.users ? v.cells / v.users : 0} node(s) checked, ${plural(v.withWarnings, 'user', 'users')} with warnings`;
  return [head, ...v.reasons.map((r) => `  ${r}`)];
}
