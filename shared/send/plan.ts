/**
 * Send planning: turns send data and options into the batches a send will make. The plan is what
 * the journal records before the first request, and `bodyOf` rebuilds any batch's exact body from
 * it — the preview, the real send, a resume and a re-send all go through `bodyOf`, so what is
 * previewed is what is sent.
 */
import type { SendData } from '../campaign/send-data';
import type { ExecuteBody } from './request';
import { valuesFor } from '../campaign/per-user';

/** Send options the person sets in the preview; each is shown there before anything is sent. */
export interface SendOptions {
  /** Schedule instead of sending now, e.g. `2026-01-01 12:00 UTC` or a unix timestamp. */
  time?: string;
  /** `true` sends `target_existing_only: 1` (skip unknown ids), `false` sends `0` (create profiles). Unset: the platform's default. */
  targetExistingOnly?: boolean;
  /** Other campaign-model properties to override for this call (e.g. `payload_add`). */
  extra?: Record<string, unknown>;
}

/** What kind of send a plan is: a normal send, a test send to QA users, or a re-send of another send's batches. */
export type SendKind = 'send' | 'test' | 'resend';

/** The environment a plan targets, as recorded (never a secret). */
export interface PlanEnvironment {
  id: string;
  name: string;
  baseUrl: string;
  production: boolean;
}

/** One planned batch: its targets, their own per-user values, and its external_message_id. */
export interface PlannedBatch {
  i: number;
  targets: string[];
  twp?: Record<string, Record<string, unknown>>;
  /** `params.external_message_id` of this batch (webhook events carry it back). */
  xid: string;
}

/** Everything needed to send (and re-create) every batch; written first to the journal. */
export interface SendPlan {
  sendId: string;
  kind: SendKind;
  parentSendId?: string;
  createdAt: string;
  environment: PlanEnvironment;
  campaignId: string;
  targetBy: string;
  recipients: number;
  batchSize: number;
  params: Record<string, unknown>;
  options: SendOptions;
  /** Blocking diagnostics the person overrode, with their stated reason. */
  override?: { reason: string; errors: string[] };
  batches: PlannedBatch[];
}

export interface PlanInput {
  sendId: string;
  kind?: SendKind;
  parentSendId?: string;
  createdAt?: string;
  environment: PlanEnvironment;
  campaignId: string;
  data: SendData;
  batchSize: number;
  options?: SendOptions;
  override?: { reason: string; errors: string[] };
}

/** Keys the body builds itself; `extra` may not set them. */
export const RESERVED_KEYS = ['apptoken', 'id', 'target', 'target_by', 'params', 'target_with_params', 'time', 'target_existing_only'] as const;

const TIME_RE = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( ?(UTC|GMT|Z|[+-]\d{2}:?\d{2}|[A-Za-z]+\/[A-Za-z_]+))?|\d{9,11})$/;

/** A problem with the send input, naming the field. */
export interface PlanProblem {
  field: string;
  message: string;
}

/** Checks send options and data before planning; empty when the send can be planned. */
export function checkSendInput(campaignId: string, data: SendData, batchSize: number, options: SendOptions = {}): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (campaignId.trim() === '') problems.push({ field: 'campaignId', message: 'the campaign id is empty' });
  if (!Number.isInteger(batchSize) || batchSize < 1) problems.push({ field: 'batchSize', message: `batch size must be a positive integer, got ${batchSize}` });
  if (data.target.length === 0) problems.push({ field: 'target', message: 'there are no targets to send to' });
  const seen = new Set<string>();
  for (let n = 0; n < data.target.length; n++) {
    const t = data.target[n]!;
    if (t === '') problems.push({ field: `target[${n}]`, message: `target ${n + 1} is an empty id` });
    else if (seen.has(t)) problems.push({ field: `target[${n}]`, message: `target ${n + 1} ("${t}") repeats an earlier id: it would receive the message twice` });
    seen.add(t);
    if (problems.length > 20) break;
  }
  if (options.time !== undefined && !TIME_RE.test(options.time.trim()))
    problems.push({ field: 'time', message: `schedule time "${options.time}" is not like "2026-01-01 12:00 UTC" or a unix timestamp` });
  for (const k of Object.keys(options.extra ?? {}))
    if ((RESERVED_KEYS as readonly string[]).includes(k)) problems.push({ field: `extra.${k}`, message: `"${k}" is set by Preflight itself and cannot be an extra property` });
  return problems;
}

/** The external_message_id of batch `i` (0-based) of a send: send id and 1-based batch number. */
export function externalMessageId(sendId: string, i: number): string {
  return `${sendId}-b${i + 1}`;
}

/**
 * Splits the targets into batches; each carries only its own users' `target_with_params`.
 * A user-set `params.external_message_id` is kept for every batch; otherwise each batch gets its own.
 */
export function planSend(input: PlanInput): SendPlan {
  const { data, batchSize } = input;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const userXid = typeof data.params.external_message_id === 'string' && data.params.external_message_id !== '' ? data.params.external_message_id : undefined;
  const batches: PlannedBatch[] = [];
  for (let start = 0, i = 0; start < data.target.length; start += batchSize, i++) {
    const targets = data.target.slice(start, start + batchSize);
    const twp = valuesFor(data.target_with_params, targets);
    batches.push({ i, targets, ...(twp ? { twp } : {}), xid: userXid ?? externalMessageId(input.sendId, i) });
  }
  return {
    sendId: input.sendId,
    kind: input.kind ?? 'send',
    ...(input.parentSendId ? { parentSendId: input.parentSendId } : {}),
    createdAt: input.createdAt ?? new Date().toISOString(),
    environment: input.environment,
    campaignId: input.campaignId,
    targetBy: data.target_by,
    recipients: data.target.length,
    batchSize,
    params: data.params,
    options: input.options ?? {},
    ...(input.override ? { override: input.override } : {}),
    batches,
  };
}

/** The exact execute body of one batch (without the token), in the platform examples' key order. */
export function bodyOf(plan: SendPlan, i: number): ExecuteBody {
  const b = plan.batches[i];
  if (!b) throw new RangeError(`send ${plan.sendId} has no batch ${i + 1}`);
  const body: ExecuteBody = { id: plan.campaignId, target_by: plan.targetBy, target: b.targets, params: { ...plan.params, external_message_id: b.xid } };
  if (b.twp) body.target_with_params = b.twp;
  if (plan.options.time !== undefined) body.time = plan.options.time.trim();
  if (plan.options.targetExistingOnly !== undefined) body.target_existing_only = plan.options.targetExistingOnly ? 1 : 0;
  for (const [k, v] of Object.entries(plan.options.extra ?? {})) if (!(RESERVED_KEYS as readonly string[]).includes(k)) Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
  return body;
}

/** The send data of some batches of a plan (for a re-send or a target-list export). */
export function dataOfBatches(plan: SendPlan, indexes: number[]): SendData {
  const target: string[] = [];
  // Keyed by user ids: no prototype, and only own entries are read (an id may be `constructor`).
  const target_with_params: Record<string, Record<string, unknown>> = Object.create(null);
  for (const i of indexes) {
    const b = plan.batches[i];
    if (!b) continue;
    for (const t of b.targets) {
      target.push(t);
      const v = b.twp && Object.prototype.hasOwnProperty.call(b.twp, t) ? b.twp[t] : undefined;
      if (v) target_with_params[t] = v;
    }
  }
  // Generated ids live only in the bodies (bodyOf), so a re-send's params get fresh ones.
  return { target_by: plan.targetBy, target, params: { ...plan.params }, target_with_params };
}
