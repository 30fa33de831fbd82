/** Built-in sandbox channels: inspect and reset what it received, and inject faults per environment. */
import { z } from 'zod';

export const sandboxCallSchema = z.object({
  seq: z.number(),
  at: z.string(),
  path: z.string(),
  status: z.number(),
  /** The body as received, with `apptoken` replaced by `***`. */
  body: z.unknown(),
  response: z.unknown(),
  /** The environment whose token made the call. */
  environmentId: z.string().optional(),
  /** The fault injected into this call, if any (the call was still acted on). */
  fault: z.string().optional(),
});
export type SandboxCall = z.infer<typeof sandboxCallSchema>;

export const faultKindSchema = z.enum(['ok', '429', '500', '503', 'timeout', 'reset', 'malformed']);
export type FaultKind = z.infer<typeof faultKindSchema>;

const share = z.number().min(0).max(1);

/** Faults the sandbox injects into one environment's execute calls, like a real API on a bad day. */
export const faultConfigSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  share429: share.default(0),
  share500: share.default(0),
  share503: share.default(0),
  shareTimeout: share.default(0),
  shareReset: share.default(0),
  shareMalformed: share.default(0),
  /** Retry-After sent with 429 and 503, in seconds. */
  retryAfterSeconds: z.number().min(0).max(3600).default(1),
  /** Largest target array accepted (400 above it). */
  maxTargets: z.number().int().min(1).max(1_000_000).default(10_000),
  /** Requests per second accepted before answering 429. */
  maxRequestsPerSecond: z.number().positive().max(100_000).default(200),
  /** Faults for the next calls, used in order before the shares apply (deterministic tests). */
  script: z.array(faultKindSchema).max(1000).default([]),
  /** Post simulated delivery and click events to the app's webhook receiver. */
  webhooks: z.boolean().default(true),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export const sandboxChannels = {
  'sandbox.calls': {
    args: z.strictObject({ since: z.number().int().min(0).optional() }),
    result: z.array(sandboxCallSchema),
  },
  'sandbox.reset': {
    args: z.strictObject({}),
    result: z.object({ cleared: z.number() }),
  },
  'sandbox.faults.get': {
    args: z.strictObject({ environmentId: z.string().min(1) }),
    result: faultConfigSchema,
  },
  'sandbox.faults.set': {
    args: z.strictObject({ environmentId: z.string().min(1), faults: faultConfigSchema.partial() }),
    result: faultConfigSchema,
  },
} as const;

export const sandboxEvents = {
  'sandbox.call': sandboxCallSchema,
} as const;
