/**
 * Data channels: the column mapping remembered per imported file, kept in the workspace
 * (`.preflight/mappings.json`) so the next import of the same file maps the same way.
 */
import { z } from 'zod';

/** A column mapping as stored: the id column, the param columns, their types and the empty rule. */
export const columnMappingSchema = z.object({
  idColumn: z.string().max(500),
  paramColumns: z.array(z.string().max(500)).max(5000),
  types: z.record(z.string(), z.enum(['string', 'number', 'boolean', 'json'])).optional(),
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
