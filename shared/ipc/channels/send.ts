/**
 * Environment, send, history and webhook channels. A send is prepared (a draft the host keeps, with
 * its preview), confirmed and started by id; the renderer never holds a token, and the host checks
 * the confirmation against the draft.
 */
import { z } from 'zod';
import { dataRecord, environmentSchema, jsonRecord, sendDataSchema } from '../schemas';
import { SEND_ID_RE } from '../../send/send-id';
import { sendVerdictSchema } from '../../pipeline/verdict';
import { unavailableSchema } from './app';
import { PROOF_PARAM_NAME } from '../../send/proof';
import { dataRevisionSchema } from './data';

/** Which secret of an environment: its app token or its OAuth client secret. */
export const secretKindSchema = z.enum(['apptoken', 'oauth-client-secret']);
/** Whether each secret is stored for the environment's destination, after a change. */
const secretsStoredSchema = z.object({ hasToken: z.boolean(), hasSecret: z.boolean() });

/** An environment as the UI sees it: its settings, whether a token is stored — never the token. */
export const environmentViewSchema = environmentSchema.extend({
  region: z.enum(['eu', 'us', 'custom', 'sandbox']),
  authMode: z.enum(['apptoken', 'oauth']),
  oauthClientId: z.string().optional(),
  legacyPersonalisation: z.boolean(),
  batchSize: z.number(),
  concurrency: z.number(),
  ratePerSecond: z.number(),
  qaUsers: z.array(z.string()),
  /** True when an OAuth client secret is stored for its destination (the secret itself never crosses the boundary). */
  hasSecret: z.boolean(),
  /** The environment variable the browser host and CLI read its token from. */
  tokenVariable: z.string(),
  /** The environment variable they read its OAuth client secret from. */
  secretVariable: z.string(),
});
export type EnvironmentView = z.infer<typeof environmentViewSchema>;

export const sendOptionsSchema = z.strictObject({
  time: z.string().min(1).optional(),
  targetExistingOnly: z.boolean().optional(),
  /** Other top-level body keys; kept exactly as given (shared/ipc/schemas.ts `dataRecord`). */
  extra: dataRecord.optional(),
});

export const batchStateSchema = z.enum(['never-sent', 'sending', 'acknowledged', 'failed', 'unknown']);
export type BatchStateName = z.infer<typeof batchStateSchema>;

export const batchRowSchema = z.object({
  index: z.number(),
  targets: z.number(),
  state: batchStateSchema,
  httpStatus: z.number().nullable(),
  response: z.unknown(),
  durationMs: z.number().nullable(),
  attempts: z.number(),
  reason: z.string().optional(),
  interrupted: z.boolean().optional(),
  skipped: z.boolean().optional(),
  /** The re-send these batches went out again as. */
  resentAs: z.string().optional(),
  /** Sent by two overlapping runs: its users may have received the message twice. */
  repeated: z.boolean().optional(),
  xid: z.string(),
});
export type BatchRow = z.infer<typeof batchRowSchema>;

export const countsSchema = z.object({ acknowledged: z.number(), failed: z.number(), unknown: z.number(), neverSent: z.number(), sending: z.number() });

const planEnvironmentSchema = z.object({ id: z.string(), name: z.string(), baseUrl: z.string(), production: z.boolean() });

/** What a draft and a journaled send both say about their plan. */
const planFactsSchema = z.object({
  kind: z.enum(['send', 'test', 'resend']),
  parentSendId: z.string().optional(),
  environment: planEnvironmentSchema,
  campaignId: z.string(),
  targetBy: z.string(),
  recipients: z.number(),
  batchCount: z.number(),
  batchSize: z.number(),
});

export const sendSummarySchema = planFactsSchema.extend({
  sendId: z.string(),
  /** When the send was planned (its preview opened). */
  createdAt: z.string(),
  /** When it was confirmed and went out; absent only for a journal cut before its confirmation. */
  startedAt: z.string().optional(),
  /** When its last run ended. */
  finishedAt: z.string().optional(),
  /** The journal records two runs at once: reported in `problems`, never resumed or re-sent. */
  overlapping: z.boolean().optional(),
  status: z.enum(['running', 'completed', 'cancelled', 'interrupted']),
  batchCounts: countsSchema,
  targetCounts: countsSchema,
  /** Problems met reading the journal (a torn last line after a crash), in plain language. */
  problems: z.array(z.string()),
  override: z.object({ reason: z.string(), errors: z.array(z.string()) }).optional(),
});
export type SendSummary = z.infer<typeof sendSummarySchema>;

/** What delivery follow-up knows about the users of each unknown batch (shared/send/unknown-evidence.ts). */
export const unknownFollowUpSchema = z.object({
  checkedAt: z.string(),
  receiverUrl: z.string(),
  /** Why the platform's delivery errors are missing from the finding, when they are. */
  platformProblem: z.string().optional(),
  batches: z.array(
    z.object({
      index: z.number(),
      targets: z.number(),
      delivered: z.number(),
      clicked: z.number(),
      errors: z.array(z.object({ message: z.string(), users: z.number() })),
      verdict: z.enum(['acted', 'no-evidence']),
      summary: z.string(),
    }),
  ),
});
export type UnknownFollowUpView = z.infer<typeof unknownFollowUpSchema>;

export const sendDetailSchema = sendSummarySchema.extend({
  options: sendOptionsSchema,
  batches: z.array(batchRowSchema),
});
export type SendDetail = z.infer<typeof sendDetailSchema>;

export const draftSchema = planFactsSchema.extend({
  draftId: z.string(),
  concurrency: z.number(),
  ratePerSecond: z.number(),
  options: sendOptionsSchema,
  /** The first batch's exact body, token masked. */
  firstBody: z.unknown(),
  curl: z.string(),
  /** What blocks the send, in words (the host's verdict); starting needs an override reason when any. */
  blocking: z.array(z.string()),
  /** The host's verdict of this send (shared/pipeline/verdict.ts); absent for a re-send, which its parent's check covered. */
  verdict: sendVerdictSchema.optional(),
  /** What the host checked: the saved campaign file, the settings file and the profiles files it read. */
  checked: z.object({ campaignFile: z.string(), settingsFile: z.string().optional(), profileFiles: z.array(z.string()) }).optional(),
  /** Production: what the person must type to confirm (the campaign id or the environment name). */
  typeToConfirm: z.array(z.string()).optional(),
  /** Test sends: whose per-user values the QA users get. */
  note: z.string().optional(),
  /** Re-sends of unknown batches: the platform may have acted on them, so these recipients may receive the message twice. */
  mayReceiveTwice: z.object({ batches: z.array(z.number()), recipients: z.number() }).optional(),
});
export type SendDraft = z.infer<typeof draftSchema>;

const confirmationSchema = z.strictObject({
  environmentId: z.string(),
  campaignId: z.string(),
  recipients: z.number().int(),
  /** Production only: the campaign id or environment name, typed by the person. */
  typed: z.string().optional(),
});

const historyFilterSchema = z.strictObject({
  environmentId: z.string().optional(),
  campaignId: z.string().optional(),
  status: z.enum(['running', 'completed', 'cancelled', 'interrupted', 'needs-attention']).optional(),
});

const sendIdArg = z.string().regex(SEND_ID_RE, 'a send id');

export const sendChannels = {
  'environments.list': { args: z.strictObject({}), result: z.array(environmentViewSchema) },
  /**
   * Saves an environment. A new one, or a new origin (region or base URL), is confirmed by the
   * person through the main side first (the built-in sandbox excepted); a new origin or client id
   * drops the secrets given for the old one (`droppedSecrets`).
   */
  'environments.save': { args: z.strictObject({ environment: jsonRecord }), result: environmentViewSchema.extend({ droppedSecrets: z.array(secretKindSchema).optional() }) },
  /** Removes an environment and deletes its secrets. */
  'environments.remove': { args: z.strictObject({ id: z.string().min(1) }), result: z.object({ removed: z.boolean() }) },
  /**
   * Stores a secret the person typed (write-only: it never comes back), bound to the environment's
   * current destination, after the person confirmed it through the main side (sandbox excepted).
   * There is no way to name a file here: see `environments.chooseTokenFile`.
   */
  'environments.setToken': {
    args: z.strictObject({ id: z.string().min(1), token: z.string().min(1).max(4096), secret: secretKindSchema.optional() }),
    result: secretsStoredSchema,
  },
  /** Desktop app: the person picks the file holding the secret in a native dialog; the main side reads it. The browser host answers `unavailable` (it reads `XP_APP_TOKEN_<ID>_FILE`). */
  'environments.chooseTokenFile': {
    args: z.strictObject({ id: z.string().min(1), secret: secretKindSchema.optional() }),
    result: z.discriminatedUnion('status', [secretsStoredSchema.extend({ status: z.literal('stored') }), z.object({ status: z.literal('cancelled') }), unavailableSchema]),
  },
  'send.prepare': {
    /**
     * The campaign is named by its file: the host checks the saved file (and the workspace's settings
     * and profiles) against this data itself, and takes the campaign id from it. What blocks is the
     * host's verdict, never the renderer's.
     */
    args: z
      .strictObject({
        environmentId: z.string().min(1),
        campaignFile: z.string().min(1).max(300),
        /** The data set the host holds (`data.set`/`data.edit`, host/held-data.ts): what the app sends. */
        dataRevision: dataRevisionSchema.optional(),
        /** Or the data itself, for one-off callers (scripts, tests); exactly one of the two. */
        data: sendDataSchema.optional(),
        kind: z.enum(['send', 'test']).optional(),
        /** A test send's proof param (shared/send/proof.ts; `is_proof` when absent). Ignored for a real send. */
        proofParam: z.string().regex(PROOF_PARAM_NAME).optional(),
        options: sendOptionsSchema.optional(),
        batchSize: z.number().int().min(1).max(10_000).optional(),
      })
      // Checked with the other fields' problems too (`when`), so one reply names everything missing.
      .refine((a) => (a.data === undefined) !== (a.dataRevision === undefined), {
        message: 'name the data by dataRevision, or give it as data: exactly one of the two',
        path: ['data'],
        when: (p) => typeof p.value === 'object' && p.value !== null,
      }),
    result: draftSchema,
  },
  'send.prepareResend': {
    args: z.strictObject({ sendId: sendIdArg, batches: z.array(z.number().int().min(0)).min(1) }),
    result: draftSchema,
  },
  'send.body': { args: z.strictObject({ draftId: z.string(), index: z.number().int().min(0) }), result: z.object({ body: z.unknown(), curl: z.string() }) },
  'send.start': {
    args: z.strictObject({ draftId: z.string(), confirmation: confirmationSchema, overrideReason: z.string().max(2000).optional() }),
    result: z.object({ sendId: z.string() }),
  },
  'send.cancel': { args: z.strictObject({ sendId: sendIdArg }), result: z.object({ cancelling: z.boolean() }) },
  'send.status': { args: z.strictObject({ sendId: sendIdArg }), result: sendDetailSchema },
  'send.history': { args: historyFilterSchema, result: z.array(sendSummarySchema) },
  'send.historyCsv': { args: historyFilterSchema, result: z.object({ csv: z.string() }) },
  /** Sends only the never-sent batches of an interrupted or cancelled send, after confirmation. */
  'send.resume': { args: z.strictObject({ sendId: sendIdArg, confirmation: confirmationSchema }), result: z.object({ sendId: z.string() }) },
  'send.skip': { args: z.strictObject({ sendId: sendIdArg, batches: z.array(z.number().int().min(0)).min(1), reason: z.string().min(1).max(2000) }), result: sendDetailSchema },
  'send.batchTargets': { args: z.strictObject({ sendId: sendIdArg, index: z.number().int().min(0) }), result: z.array(z.string()) },
  /** The users of some batches as a target list (CSV: id column and per-user value columns). */
  'send.exportTargets': { args: z.strictObject({ sendId: sendIdArg, batches: z.array(z.number().int().min(0)).min(1) }), result: z.object({ csv: z.string(), count: z.number() }) },
  /** For unknown batches: webhook events and platform delivery errors of their users, to decide about a re-send. */
  'send.unknownFollowUp': { args: z.strictObject({ sendId: sendIdArg }), result: unknownFollowUpSchema },
  'send.deliveries': {
    args: z.strictObject({ sendId: sendIdArg }),
    result: z.object({ receiverUrl: z.string(), rows: z.array(z.object({ user: z.string(), batch: z.number(), deliveredAt: z.string().optional(), clickedAt: z.string().optional() })) }),
  },
} as const;

export const sendEvents = {
  'send.progress': z.object({
    sendId: z.string(),
    done: z.number(),
    total: z.number(),
    status: z.enum(['running', 'completed', 'cancelled', 'interrupted']).optional(),
    batchCounts: countsSchema.optional(),
    targetCounts: countsSchema.optional(),
    /** Estimated time to finish, from the pace so far; null until one batch is done. */
    etaMs: z.number().nullable().optional(),
    batch: batchRowSchema.optional(),
  }),
  'webhook.events': z.object({ count: z.number(), externalMessageIds: z.array(z.string()) }),
} as const;
