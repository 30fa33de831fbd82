/**
 * The person's own preferences, kept in the app's data folder (not in the workspace, which a team
 * shares): the name their review marks and QA reports are signed with.
 */
import { z } from 'zod';

/** A reviewer's name as written on review marks and reports: one line of ordinary text. */
export const reviewerNameSchema = z
  .string()
  .trim()
  .max(80, 'at most 80 characters')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a reviewer name may not hold
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'one line, no control characters');

export const preferencesSchema = z.strictObject({
  /** Absent until the person sets it. */
  reviewer: reviewerNameSchema.optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

export const preferencesChannels = {
  'preferences.get': {
    args: z.strictObject({}),
    result: preferencesSchema,
  },
  /** Changes the preferences it names (an empty reviewer name removes it); returns them all. */
  'preferences.set': {
    args: z.strictObject({ reviewer: reviewerNameSchema.optional() }),
    result: preferencesSchema,
  },
} as const;
