/**
 * The evaluation pipeline (docs/architecture.md): campaign + data + profiles + environment settings
 * + the workspace's guardrail levels → per-user, per-node renders with provenance → diagnostics,
 * guardrails included, and the campaign-level checks → the send verdict → the execute bodies
 * (shared/send/plan.ts `bodyOf`). The render worker, the host and the CLI all run it; none of them
 * re-implements a step.
 */
import type { NodeRender } from '../campaign/render';
import type { Diagnostic } from '../diagnostics';
import { createEvaluation, type Evaluation, type EvaluationInput } from './evaluation';
import { scanAll, type ScanResult } from './scan';
import { sendVerdict, type SendVerdict } from './verdict';

export { createEvaluation, type Evaluation, type EvaluationInput } from './evaluation';
export { ScanAccumulator, scanAll, scanUsers, MAX_SAMPLES, SEV_BLOCKING, SEV_EMPTY, SEV_ERROR, SEV_INFO, SEV_WARNING, type ScanResult } from './scan';
export { sendVerdict, sendVerdictSchema, verdictLines, type SendVerdict } from './verdict';

/** Everything one evaluation yields when run to the end. */
export interface Evaluated {
  evaluation: Evaluation;
  campaignDiagnostics: Diagnostic[];
  scan: ScanResult;
  verdict: SendVerdict;
}

/**
 * Runs the whole pipeline at once (the CLI, and the host for small sends). `onCell` sees every
 * render, in target order then node order.
 */
export function evaluate(input: EvaluationInput, o: { onCell?: (r: NodeRender) => void } = {}): Evaluated {
  const evaluation = createEvaluation(input);
  const campaignDiagnostics = evaluation.campaignDiagnostics();
  const scan = scanAll(evaluation, o.onCell);
  return { evaluation, campaignDiagnostics, scan, verdict: sendVerdict(campaignDiagnostics, scan, { legacyPersonalisation: evaluation.legacyPersonalisation }) };
}
