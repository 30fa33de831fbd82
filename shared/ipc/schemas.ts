/** Schemas shared by several channel groups (send data, diagnostics, workspace files, environments). */
import { z } from 'zod';

export const jsonRecord = z.record(z.string(), z.unknown());

/** A campaign file of the workspace, as channels name it: `campaigns/<name>.yaml|yml|json`. */
export const campaignFileSchema = z.string().regex(/^campaigns\/[\w.-]+\.(ya?ml|json)$/, 'a campaign file under campaigns/');

/** Per-user values as columns (shared/campaign/per-user.ts): one row of cells per id. */
export const paramColumnsSchema = z
  .strictObject({
    kind: z.literal('columns'),
    columns: z.array(z.string()),
    at: z.array(z.number().int().min(0)),
    ids: z.array(z.string()),
    rows: z.array(z.array(z.string())),
  })
  .refine((v) => v.at.length === v.columns.length, { message: 'at must give one position per column', path: ['at'] })
  .refine((v) => v.rows.length === v.ids.length, { message: 'rows must hold one row per id', path: ['rows'] });

export const sendDataSchema = z.strictObject({
  target_by: z.string().min(1),
  target: z.array(z.string()),
  params: jsonRecord,
  target_with_params: z.union([paramColumnsSchema, z.record(z.string(), jsonRecord)]),
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
