/**
 * Platform channels: read an environment's live campaigns, import one, compare with live, test the
 * connection, follow a send up; plus the built-in sandbox's platform controls (tests and trying
 * things out). Failures the person must see (unreachable, 401, unreadable answer) are values in
 * the result, not IPC errors; secrets never appear in any of these.
 */
import { z } from 'zod';
import { propertyPathProblem } from '../../property-path';
import { campaignSchema } from '../../campaign/model';

const problemSchema = z.object({ path: z.string(), message: z.string() });

/** Why a platform call gave nothing usable: plain message, HTTP status, and the raw answer when unreadable. */
export const platformFailureSchema = z.object({
  kind: z.enum(['unreachable', 'no-credentials', 'http', 'unreadable', 'unknown-environment', 'invalid-request']),
  message: z.string(),
  httpStatus: z.number().optional(),
  raw: z.string().optional(),
});
export type PlatformFailure = z.infer<typeof platformFailureSchema>;

const failed = z.object({ ok: z.literal(false), failure: platformFailureSchema });
const result = <T extends z.ZodRawShape>(shape: T) => z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), ...shape }), failed]);

export const platformEnvironmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  baseUrl: z.string(),
  authMode: z.enum(['apptoken', 'oauth']),
  production: z.boolean(),
  builtin: z.boolean(),
});
export type PlatformEnvironment = z.infer<typeof platformEnvironmentSchema>;

export const connectionVerdictSchema = z.object({
  outcome: z.string(),
  ok: z.boolean(),
  httpStatus: z.number().optional(),
  title: z.string(),
  explanation: z.string(),
  detail: z.string().optional(),
});

export const campaignRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  active: z.boolean().optional(),
  apiTriggered: z.boolean(),
  channels: z.array(z.string()),
  other: z.record(z.string(), z.unknown()),
});

/** A live campaign mapped to our format, with what the mapping could not place. */
export const liveCampaignSchema = z.object({
  campaign: campaignSchema,
  active: z.boolean().optional(),
  nodeTypes: z.record(z.string(), z.number()),
  unmapped: z.array(z.object({ path: z.string(), value: z.unknown() })),
  notes: z.array(z.string()),
  /** Places in the response we could not read (the rest was still used). */
  problems: z.array(problemSchema),
  /** Top-level response fields outside the documented envelope. */
  envelopeExtra: z.record(z.string(), z.unknown()),
});
export type LiveCampaign = z.infer<typeof liveCampaignSchema>;

export const errorGroupSchema = z.object({
  message: z.string(),
  users: z.array(z.object({ user: z.string(), batch: z.number().optional(), devices: z.array(z.string()) })),
  otherRows: z.number(),
});
export type ErrorGroupInfo = z.infer<typeof errorGroupSchema>;

const environmentArg = { environmentId: z.string().min(1) };

export const platformChannels = {
  'platform.environments': {
    args: z.strictObject({}),
    result: z.array(platformEnvironmentSchema),
  },
  'platform.testConnection': {
    args: z.strictObject(environmentArg),
    result: connectionVerdictSchema,
  },
  'platform.listCampaigns': {
    args: z.strictObject({ ...environmentArg, search: z.string().max(200).optional(), offset: z.number().int().min(0), limit: z.number().int().min(1).max(200) }),
    result: result({ rows: z.array(campaignRowSchema), offset: z.number(), hasMore: z.boolean(), problems: z.array(problemSchema) }),
  },
  'platform.fetchCampaign': {
    args: z.strictObject({ ...environmentArg, campaignId: z.string().min(1) }),
    result: result({ live: liveCampaignSchema }),
  },
  /** The campaign file an import would write: the renderer saves it with `workspace.writeFile`. */
  'platform.importCampaign': {
    args: z.strictObject({ ...environmentArg, campaignId: z.string().min(1) }),
    result: result({ live: liveCampaignSchema, path: z.string(), text: z.string() }),
  },
  'platform.deliveryErrors': {
    args: z.strictObject({
      ...environmentArg,
      campaignId: z.string().min(1),
      /** When the send started and finished (ISO); the window is widened by the platform's processing time. */
      startedAt: z.string(),
      finishedAt: z.string(),
      batches: z.array(z.object({ index: z.number().int().min(0), targets: z.array(z.string()) })),
    }),
    result: result({ groups: z.array(errorGroupSchema), rowsRead: z.number(), truncated: z.boolean(), checkedAt: z.string(), problems: z.array(problemSchema) }),
  },
  'sandbox.platform.setCampaign': {
    args: z.strictObject({
      id: z.string().min(1),
      /**
       * Values by dotted path in the platform model, e.g. `{"messages.9.sms_text": "…", "active": 0}`.
       * Checked on the keys as received (a record schema would drop a `__proto__` key silently), and
       * no segment may be `__proto__`, `constructor` or `prototype`.
       */
      set: z
        .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object of values by dotted path')
        .superRefine((v, ctx) => {
          for (const k of Object.keys(v)) {
            const problem = propertyPathProblem(k);
            if (problem) ctx.addIssue({ code: 'custom', path: [k], message: problem });
          }
        }),
    }),
    result: z.object({ model: z.record(z.string(), z.unknown()) }),
  },
  'sandbox.platform.configure': {
    args: z.strictObject({
      /** How the sandbox answers every authenticated call: as usual, or 401/403/410. */
      connectionOutcome: z.enum(['normal', 'unauthorized', 'forbidden', 'gone']).optional(),
      /** Lifetime of the bearer tokens its `oauth/token` issues. */
      tokenTtlSeconds: z.number().int().min(1).max(86_400).optional(),
      /** Expire every bearer token issued so far (the next call with one gets 401). */
      expireTokens: z.boolean().optional(),
    }),
    result: z.object({ connectionOutcome: z.string(), tokenTtlSeconds: z.number() }),
  },
} as const;
