/** Review channels: each campaign's review state (reviews/<stem>.json) and the exported QA report. */
import { z } from 'zod';
import { reviewFileSchema } from '../../review/model';
import { campaignFileSchema as campaignFile } from '../schemas';

export const reviewChannels = {
  'review.load': {
    args: z.strictObject({ campaign: campaignFile }),
    /** `review` is null when no review file exists yet; `error` names why an existing file was unreadable. */
    result: z.object({ path: z.string(), review: reviewFileSchema.nullable(), error: z.string().optional() }),
  },
  'review.save': {
    args: z.strictObject({ campaign: campaignFile, review: reviewFileSchema }),
    result: z.object({ path: z.string() }),
  },
  'review.exportReport': {
    args: z.strictObject({ campaign: campaignFile, html: z.string().max(200 * 1024 * 1024) }),
    /** Where the report was written, relative to the workspace and absolute. */
    result: z.object({ path: z.string(), absolutePath: z.string() }),
  },
} as const;
