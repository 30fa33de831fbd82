/** Built-in sandbox channels: inspect and reset what it received. */
import { z } from 'zod';

export const sandboxCallSchema = z.object({
  seq: z.number(),
  at: z.string(),
  path: z.string(),
  status: z.number(),
  /** The body as received, with `apptoken` replaced by `***`. */
  body: z.unknown(),
  response: z.unknown(),
});
export type SandboxCall = z.infer<typeof sandboxCallSchema>;

export const sandboxChannels = {
  'sandbox.calls': {
    args: z.strictObject({ since: z.number().int().min(0).optional() }),
    result: z.array(sandboxCallSchema),
  },
  'sandbox.reset': {
    args: z.strictObject({}),
    result: z.object({ cleared: z.number() }),
  },
} as const;

export const sandboxEvents = {
  'sandbox.call': sandboxCallSchema,
} as const;
