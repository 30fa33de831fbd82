/** Environment and send channels. */
import { z } from 'zod';
import { environmentSchema, sendDataSchema } from '../schemas';

export const batchResultSchema = z.object({
  index: z.number(),
  targets: z.number(),
  status: z.enum(['acknowledged', 'failed', 'unknown']),
  httpStatus: z.number().nullable(),
  response: z.unknown(),
  durationMs: z.number(),
  error: z.string().optional(),
});

export const sendResultSchema = z.object({
  sendId: z.string(),
  environment: z.string(),
  campaignId: z.string(),
  recipients: z.number(),
  batches: z.array(batchResultSchema),
});
export type SendResult = z.infer<typeof sendResultSchema>;

export const sendChannels = {
  'environments.list': {
    args: z.strictObject({}),
    result: z.array(environmentSchema),
  },
  'send.execute': {
    args: z.strictObject({
      environmentId: z.string().min(1),
      campaignId: z.string().min(1),
      data: sendDataSchema,
      batchSize: z.number().int().min(1).max(10_000).optional(),
      /** What the person confirmed: must match the environment, campaign and recipient count. */
      confirmation: z.strictObject({ environmentId: z.string(), campaignId: z.string(), recipients: z.number().int() }),
    }),
    result: sendResultSchema,
  },
} as const;

export const sendEvents = {
  'send.progress': z.object({ sendId: z.string(), done: z.number(), total: z.number() }),
} as const;
