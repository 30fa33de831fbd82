/**
 * Send planning: turns send data and options into the batches a send will make. The plan is what
 * the journal records before the first request, and `bodyOf` rebuilds any batch's exact body from
 * it — the preview, the real send, a resume and a re-send all go through `bodyOf`, so what is
 * previewed is what is sent.
 */
import type { z } from 'zod';
import type { SendData } from '../campaign/send-data';
import type { sendOptionsSchema } from '../ipc/channels/send';
import type { ExecuteBody } from './request';
import { valuesFor } from '../campaign/per-user';
import { findDuplicates, repeatIndexes } from '../targets/duplicates';

/** Send options the person sets in the preview; each is shown there before anything is sent (the schema in shared/ipc/channels/send.ts). */
export type SendOptions = z.infer<typeof sendOptionsSchema>;

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

/** Targets per execute call unless an environment says otherwise (the platform documents no limit). */
export const DEFAULT_BATCH_SIZE = 500;

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
  for (let n = 0; n < data.target.length && problems.length <= 20; n++) if (data.target[n] === '') problems.push({ field: `target[${n}]`, message: `target ${n + 1} is an empty id` });
  // The one duplicate check (shared/targets/duplicates.ts): a repeat is refused here, not dropped — this is data a send was asked to make.
  const repeats = [...repeatIndexes(findDuplicates(data.target))].sort((a, b) => a - b);
  for (const n of repeats.slice(0, Math.max(0, 21 - problems.length))) problems.push({ field: `target[${n}]`, message: `target ${n + 1} ("${data.target[n]}") repeats an earlier id: it would receive the message twice` });
  if (options.time !== undefined && !TIME_RE.test(options.time.trim())) problems.push({ field: 'time', message: `schedule time "${options.time}" is not like "2026-01-01 12:00 UTC" or a unix timestamp` });
  for (const k of Object.keys(options.extra ?? {})) if ((RESERVED_KEYS as readonly string[]).includes(k)) problems.push({ field: `extra.${k}`, message: `"${k}" is set by Preflight itself and cannot be an extra property` });
  return problems;
}

/** The refusal of input that cannot be planned, naming the first problems (the host and `preflight request` say the same). */
export function planProblemsMessage(problems: readonly PlanProblem[]): string {
  return `the send cannot be planned: ${problems
    .slice(0, 5)
    .map((p) => `${p.field}: ${p.message}`)
    .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`;
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

/** What one execute body is made of; `bodyFor` lays it out. */
export interface BodyParts {
  campaignId: string;
  targetBy: string;
  targets: string[];
  params: Record<string, unknown>;
  /** The per-user values of exactly these targets, keyed by id (the platform's shape). */
  twp?: Record<string, Record<string, unknown>>;
  /** `params.external_message_id` of this batch, when a send sets one. */
  xid?: string;
  options: SendOptions;
}

/**
 * The one execute body builder: every body Preflight shows, copies, prints or posts is laid out
 * here, in the key order of the platform's examples (`id`, `target_by`, `target`, `params`,
 * `target_with_params`, then `time`, `target_existing_only` and the extra properties). `params` is
 * left out when it would be empty.
 */
export function bodyFor(p: BodyParts): ExecuteBody {
  const body: ExecuteBody = { id: p.campaignId, target_by: p.targetBy, target: p.targets };
  const params = p.xid === undefined ? p.params : { ...p.params, external_message_id: p.xid };
  if (Object.keys(params).length > 0) body.params = params;
  if (p.twp) body.target_with_params = p.twp;
  if (p.options.time !== undefined) body.time = p.options.time.trim();
  if (p.options.targetExistingOnly !== undefined) body.target_existing_only = p.options.targetExistingOnly ? 1 : 0;
  // Defined, not assigned: an extra key named `__proto__` is data, not the body's prototype.
  for (const [k, v] of Object.entries(p.options.extra ?? {})) if (!(RESERVED_KEYS as readonly string[]).includes(k)) Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
  return body;
}

/** The exact execute body of one batch (without the token): what the send posts, the preview shows and `preflight request` prints. */
export function bodyOf(plan: SendPlan, i: number): ExecuteBody {
  const b = plan.batches[i];
  if (!b) throw new RangeError(`send ${plan.sendId} has no batch ${i + 1}`);
  return bodyFor({ campaignId: plan.campaignId, targetBy: plan.targetBy, targets: b.targets, params: plan.params, ...(b.twp ? { twp: b.twp } : {}), xid: b.xid, options: plan.options });
}

/** Every batch's body, in order. */
export function bodiesOf(plan: SendPlan): ExecuteBody[] {
  return plan.batches.map((_, i) => bodyOf(plan, i));
}

/**
 * The whole data as one body, unbatched and without an external_message_id (a send adds one per
 * batch): a saved request, the data panel's "Copy execute body", `preflight export --as body`.
 */
export function requestBody(campaignId: string, data: SendData, options: SendOptions = {}): ExecuteBody {
  const twp = valuesFor(data.target_with_params, data.target);
  return bodyFor({ campaignId, targetBy: data.target_by, targets: data.target, params: data.params, ...(twp ? { twp } : {}), options });
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
