/**
 * Data channels: the column mapping remembered per imported file, kept in the workspace
 * (`.preflight/mappings.json`) so the next import of the same file maps the same way.
 */
import { z } from 'zod';

/** How a mapped column's cells become per-user param values. */
export const paramTypeSchema = z.enum(['string', 'number', 'boolean', 'json']);

/**
 * Which column holds the target id and which columns become per-user params (shared/targets/types.ts
 * `ColumnMapping` is this schema's type): as the import worker uses it and as the workspace stores it.
 */
export const columnMappingSchema = z.object({
  idColumn: z.string().max(500),
  paramColumns: z.array(z.string().max(500)).max(5000),
  /** Conversion per param column; absent means string. */
  types: z.record(z.string(), paramTypeSchema).optional(),
  /** When true an empty cell sends `""` for that user; by default it sends nothing, so `params` applies. */
  emptyMeansEmpty: z.boolean().optional(),
});

/** The workspace file the mappings live in (relative to the workspace folder). */
export const MAPPINGS_FILE = '.preflight/mappings.json';

/** A file's base name as the browser reports it: no folders, no NUL, not a prototype key. */
const sourceName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+$/, 'a file name without folders')
  .refine((s) => s !== '__proto__' && s !== 'constructor' && s !== 'prototype', 'not a usable file name');

export const dataChannels = {
  /** Every remembered mapping, by imported file name; `error` says why an existing file was unreadable. */
  'data.mappings': {
    args: z.strictObject({}),
    result: z.object({ path: z.string(), mappings: z.record(z.string(), columnMappingSchema), error: z.string().optional() }),
  },
  /** Remembers (or, with null, forgets) the mapping for one imported file name. */
  'data.saveMapping': {
    args: z.strictObject({ source: sourceName, mapping: columnMappingSchema.nullable() }),
    result: z.object({ path: z.string() }),
  },
} as const;
