/**
 * The typed process boundary: every channel with a zod schema for its arguments and its result,
 * and every event the main side pushes. The preload, the Electron registration, the browser-host
 * transport and the renderer's API type are all derived from this one map.
 */
import { z } from 'zod';

const jsonRecord = z.record(z.string(), z.unknown());

export const sendDataSchema = z.strictObject({
  target_by: z.string().min(1),
  target: z.array(z.string()),
  params: jsonRecord,
  target_with_params: z.record(z.string(), jsonRecord),
});

export const diagnosticSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  file: z.string().optional(),
  row: z.number().optional(),
  column: z.union([z.string(), z.number()]).optional(),
  line: z.number().optional(),
  node: z.string().optional(),
  field: z.string().optional(),
  path: z.string().optional(),
  target: z.string().optional(),
});

export const workspaceFileSchema = z.object({
  /** Path relative to the workspace folder, with forward slashes (e.g. `campaigns/promo.yaml`). */
  path: z.string(),
  text: z.string(),
});

export const workspaceSnapshotSchema = z.object({
  dir: z.string(),
  name: z.string(),
  campaigns: z.array(workspaceFileSchema),
  requests: z.array(workspaceFileSchema),
  targets: z.array(workspaceFileSchema),
  profiles: z.array(workspaceFileSchema),
  diagnostics: z.array(diagnosticSchema),
});
export type WorkspaceSnapshot = z.infer<typeof workspaceSnapshotSchema>;

export const environmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  production: z.boolean(),
  /** True when a token is stored for it (the token itself never crosses the boundary). */
  hasToken: z.boolean(),
  builtin: z.boolean(),
});
export type EnvironmentInfo = z.infer<typeof environmentSchema>;

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

/** Every request/response channel: name → { args, result }. */
export const channels = {
  'app.info': {
    args: z.strictObject({}),
    result: z.object({ version: z.string(), host: z.enum(['electron', 'browser']), dataDir: z.string() }),
  },
  'workspace.open': {
    args: z.strictObject({ dir: z.string().min(1).optional() }),
    result: workspaceSnapshotSchema,
  },
  'workspace.current': {
    args: z.strictObject({}),
    result: workspaceSnapshotSchema,
  },
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
  'sandbox.calls': {
    args: z.strictObject({ since: z.number().int().min(0).optional() }),
    result: z.array(sandboxCallSchema),
  },
  'sandbox.reset': {
    args: z.strictObject({}),
    result: z.object({ cleared: z.number() }),
  },
} as const;

export type ChannelMap = typeof channels;
export type ChannelName = keyof ChannelMap;
export type ChannelArgs<C extends ChannelName> = z.input<ChannelMap[C]['args']>;
export type ChannelResult<C extends ChannelName> = z.output<ChannelMap[C]['result']>;

/** Events the main side pushes to the renderer. */
export const events = {
  'sandbox.call': sandboxCallSchema,
  'send.progress': z.object({ sendId: z.string(), done: z.number(), total: z.number() }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** A typed error crossing the boundary (never a stack trace). */
export const ipcErrorSchema = z.object({
  code: z.enum(['invalid-channel', 'invalid-arguments', 'forbidden', 'failed']),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Every reply is an envelope, so errors are values on both transports. */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** What the renderer gets: from the preload in Electron, from the HTTP transport in the browser host. */
export interface PreflightApi {
  invoke<C extends ChannelName>(channel: C, args: ChannelArgs<C>): Promise<IpcReply<ChannelResult<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
