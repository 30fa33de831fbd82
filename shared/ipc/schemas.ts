/** Schemas shared by several channel groups (send data, diagnostics, workspace files, environments). */
import { z } from 'zod';

export const jsonRecord = z.record(z.string(), z.unknown());

/** A campaign file of the workspace, as channels name it: `campaigns/<name>.yaml|yml|json`. */
export const campaignFileSchema = z.string().regex(/^campaigns\/[\w.-]+\.(ya?ml|json)$/, 'a campaign file under campaigns/');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An object keyed by user text (param names, target ids), passed through exactly as received. Keys
 * are data: zod's record schema drops a `__proto__` key silently (so a param or a target named
 * `__proto__` would vanish between the preview and the send); this one keeps every own key.
 */
export const dataRecord = z.custom<Record<string, unknown>>(isRecord, 'expected an object');

/** Per-user values keyed by target id, each an object of values; kept exactly as received. */
export const keyedValuesSchema = z.custom<Record<string, Record<string, unknown>>>((v) => isRecord(v) && Object.keys(v).every((k) => isRecord(v[k])), 'expected an object keyed by target id, each value an object of values');

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

/**
 * True when packed columns fit together: one end per cell, whole numbers that never go back, one
 * chunk per `chunkUsers` users, each chunk exactly as long as its cells.
 */
function packedFits(v: { columns: unknown[]; ids: unknown[]; chunkUsers: number; chunks: string[]; ends: unknown }): boolean {
  const { ends, chunks, chunkUsers } = v;
  const n = v.columns.length;
  if (!Array.isArray(ends) || ends.length !== v.ids.length * n || chunks.length !== Math.ceil(v.ids.length / chunkUsers)) return false;
  let last = 0;
  for (const e of ends) {
    if (typeof e !== 'number' || !Number.isInteger(e) || e < last) return false;
    last = e;
  }
  let start = 0;
  for (let c = 0; c < chunks.length; c++) {
    const endCell = Math.min(v.ids.length, (c + 1) * chunkUsers) * n;
    const end = endCell === 0 ? 0 : (ends[endCell - 1] as number);
    if (end - start !== (chunks[c] as string).length) return false;
    start = end;
  }
  return true;
}

/**
 * Per-user values as packed columns (shared/campaign/per-user.ts): the cells of every row in a few
 * long texts, with where each cell ends. What a big table import is held as once it crossed in parts.
 */
export const packedColumnsSchema = z
  .strictObject({
    kind: z.literal('packed'),
    columns: z.array(z.string()),
    ids: z.array(z.string()),
    chunkUsers: z.number().int().min(1),
    chunks: z.array(z.string()),
    // Checked in one loop below: a million users have millions of cells, too many for a schema per element.
    ends: z.custom<number[]>((v) => Array.isArray(v), 'expected an array of cell end offsets'),
  })
  .refine(packedFits, { message: 'ends must give one end per cell (ids × columns), never going back, and chunks must hold chunkUsers users each, as long as their cells', path: ['ends'] });

/** `target_with_params`: columns from a table import (rows or packed), or keyed objects as on the wire. */
export const perUserValuesSchema = z.union([paramColumnsSchema, packedColumnsSchema, keyedValuesSchema]);

/** The values a send passes: the Campaign Execute body minus apptoken and id (shared/campaign/send-data.ts `SendData`). */
export const sendDataSchema = z.strictObject({
  target_by: z.string().min(1),
  target: z.array(z.string()),
  params: dataRecord,
  target_with_params: perUserValuesSchema,
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
