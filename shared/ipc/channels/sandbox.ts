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

/**
 * The fields of a fault configuration, without defaults: the full config requires every one and a
 * patch any of them. (Defaults here would be filled into every patch by zod 4's `.partial()`,
 * resetting the fields a patch does not name; the starting values are NO_FAULTS instead.)
 */
const faultFields = {
  latencyMs: z.number().int().min(0).max(60_000),
  share429: share,
  share500: share,
  share503: share,
  shareTimeout: share,
  shareReset: share,
  shareMalformed: share,
  /** Retry-After sent with 429 and 503, in seconds. */
  retryAfterSeconds: z.number().min(0).max(3600),
  /** Largest target array accepted (400 above it). */
  maxTargets: z.number().int().min(1).max(1_000_000),
  /** Requests per second accepted before answering 429. */
  maxRequestsPerSecond: z.number().positive().max(100_000),
  /** Faults for the next calls, used in order before the shares apply (deterministic tests). */
  script: z.array(faultKindSchema).max(1000),
  /** Post simulated delivery and click events to the app's webhook receiver. */
  webhooks: z.boolean(),
};

/** Faults the sandbox injects into one environment's execute calls, like a real API on a bad day. */
export const faultConfigSchema = z.strictObject(faultFields);
export type FaultConfig = z.infer<typeof faultConfigSchema>;

/** A change to some fault fields; the fields it does not name keep their values. */
export const faultPatchSchema = z.strictObject(faultFields).partial();
export type FaultPatch = z.infer<typeof faultPatchSchema>;

/** What every environment starts with: no faults, the platform-like limits, webhooks on. */
export const NO_FAULTS: Readonly<FaultConfig> = Object.freeze({
  latencyMs: 0,
  share429: 0,
  share500: 0,
  share503: 0,
  shareTimeout: 0,
  shareReset: 0,
  shareMalformed: 0,
  retryAfterSeconds: 1,
  maxTargets: 10_000,
  maxRequestsPerSecond: 200,
  script: [],
  webhooks: true,
});

/**
 * What is on in a fault configuration, in words ("latency 200 ms", "30% 500"), for the banner
 * that says so while a sandbox misbehaves on purpose; empty when it behaves like the platform.
 */
export function activeFaults(f: FaultConfig): string[] {
  const out: string[] = [];
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  if (f.latencyMs > 0) out.push(`latency ${f.latencyMs} ms`);
  const shares: [keyof FaultConfig, string][] = [
    ['share429', '429'],
    ['share500', '500'],
    ['share503', '503'],
    ['shareTimeout', 'timeouts'],
    ['shareReset', 'connection resets'],
    ['shareMalformed', 'malformed replies'],
  ];
  for (const [k, label] of shares) if ((f[k] as number) > 0) out.push(`${pct(f[k] as number)} ${label}`);
  if (f.script.length > 0) out.push(`${f.script.length} scripted fault${f.script.length === 1 ? '' : 's'} next`);
  if (f.maxTargets < NO_FAULTS.maxTargets) out.push(`at most ${f.maxTargets.toLocaleString('en-US')} targets per call`);
  if (f.maxRequestsPerSecond < NO_FAULTS.maxRequestsPerSecond) out.push(`at most ${f.maxRequestsPerSecond}/s`);
  return out;
}

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
    args: z.strictObject({ environmentId: z.string().min(1), faults: faultPatchSchema }),
    result: faultConfigSchema,
  },
} as const;

export const sandboxEvents = {
  'sandbox.call': sandboxCallSchema,
} as const;
