/**
 * Drafts: a planned send waiting for its confirmation. The host keeps the plan, so what the person
 * previews and confirms is exactly what `start` sends; the renderer only holds the draft id.
 */
import type { SendData } from '../../shared/campaign/send-data';
import { bodyOf, checkSendInput, planProblemsMessage, planSend, type PlanEnvironment, type SendKind, type SendOptions, type SendPlan } from '../../shared/send/plan';
import { redacted, toCurl } from '../../shared/send/request';
import { journalLine, planRecord } from '../../shared/send/journal';
import { planFacts } from '../../shared/send/views';
import type { EnvironmentConfig } from '../../shared/environments';
import { hasUser, ownValues } from '../../shared/campaign/per-user';
import { DEFAULT_PROOF_PARAM, PROOF_VALUE, withProofParam } from '../../shared/send/proof';
import type { SendVerdict } from '../../shared/pipeline/verdict';
import { SETTINGS_FILE } from '../../shared/guardrails/types';

export interface Draft {
  plan: SendPlan;
  /** The plan's journal line, serialised while the person reads the preview so starting costs only a write and a sync. */
  planLine: string;
  config: EnvironmentConfig;
  /** What blocks the send, in words: the verdict's reasons when it is blocked; a re-send carries its parent's overridden ones. */
  blocking: string[];
  /** The host's own verdict (shared/pipeline/verdict.ts); absent for a re-send, which its parent's check covered. */
  verdict?: SendVerdict;
  /** What the verdict was computed from (host/send/send-check.ts), to compute it again before the first request. */
  check?: { campaignFile: string; sourcesKey: string; dataKey: string; hasSettings: boolean; profileFiles: string[] };
  note?: string;
  /** A re-send: the batches of the parent send it re-sends (0-based). */
  resendOf?: number[];
  /** A re-send including unknown batches: the platform may have acted on them, so these users may get the message twice. */
  mayReceiveTwice?: { batches: number[]; recipients: number };
}

/**
 * What the person must type to confirm, if anything: the campaign id or the environment's name.
 * Production sends need it, and so does any re-send of unknown batches (whose users may receive
 * the message twice), in every environment. Decided here, on the main side, for start and resume.
 */
export function typeToConfirm(p: { environment: SendPlan['environment']; campaignId: string }, mayReceiveTwice = false): string[] | undefined {
  return p.environment.production || mayReceiveTwice ? [p.campaignId, p.environment.name] : undefined;
}

/** The view of a draft the preview shows. */
export function draftView(d: Draft) {
  const p = d.plan;
  const first = bodyOf(p, 0);
  const confirmWith = typeToConfirm(p, d.mayReceiveTwice !== undefined);
  return {
    draftId: p.sendId,
    ...planFacts(p),
    concurrency: d.config.concurrency,
    ratePerSecond: d.config.ratePerSecond,
    options: p.options,
    firstBody: redacted(first),
    curl: toCurl(p.environment.baseUrl, first),
    blocking: d.blocking,
    ...(d.verdict ? { verdict: d.verdict } : {}),
    ...(d.check ? { checked: { campaignFile: d.check.campaignFile, ...(d.check.hasSettings ? { settingsFile: SETTINGS_FILE } : {}), profileFiles: d.check.profileFiles } } : {}),
    ...(confirmWith ? { typeToConfirm: confirmWith } : {}),
    ...(d.note ? { note: d.note } : {}),
    ...(d.mayReceiveTwice ? { mayReceiveTwice: d.mayReceiveTwice } : {}),
  };
}

/** The data of a test send: the environment's QA users, each with the first target's own values (or their own when they are targets). */
export function testSendData(data: SendData, qaUsers: string[], proofParam: string = DEFAULT_PROOF_PARAM): { data: SendData; note: string } {
  const model = data.target[0];
  const modelValues = model !== undefined ? ownValues(data.target_with_params, model) : undefined;
  // Keyed by user ids (user text): no prototype, so an id such as `__proto__` stays a key.
  const twp: Record<string, Record<string, unknown>> = Object.create(null);
  for (const q of qaUsers) {
    // A QA user with an entry of their own keeps exactly those values, even none.
    const own = hasUser(data.target_with_params, q) ? ownValues(data.target_with_params, q) : modelValues;
    if (own) twp[q] = own;
  }
  // Labelled as a proof in the request itself (the platform has no test-send API).
  const proof = withProofParam({ target_by: data.target_by, target: qaUsers.slice(), params: data.params, target_with_params: twp }, proofParam);
  const label = `labelled as a proof: params.${proofParam} = "${PROOF_VALUE}"`;
  return {
    data: proof,
    note: model !== undefined ? `QA users get the params and the per-user values of ${model} (the first target); ${label}` : `QA users get the params only; ${label}`,
  };
}

/** Plans a draft, or throws an error that names what is wrong (nothing is sent). */
export function makeDraft(o: { sendId: string; kind: SendKind; parentSendId?: string; environment: PlanEnvironment; config: EnvironmentConfig; campaignId: string; data: SendData; batchSize: number; options: SendOptions; blocking: string[]; note?: string }): Draft {
  const problems = checkSendInput(o.campaignId, o.data, o.batchSize, o.options);
  if (problems.length) throw new Error(planProblemsMessage(problems));
  const plan = planSend({ sendId: o.sendId, kind: o.kind, parentSendId: o.parentSendId, environment: o.environment, campaignId: o.campaignId, data: o.data, batchSize: o.batchSize, options: o.options });
  return { plan, planLine: journalLine(planRecord(plan)), config: o.config, blocking: o.blocking, ...(o.note ? { note: o.note } : {}) };
}
