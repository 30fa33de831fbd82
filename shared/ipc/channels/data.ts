/**
 * Data channels, both kept in the workspace's `.preflight/` folder: the column mapping remembered
 * per imported file (`mappings.json`), so the next import of the same file maps the same way; and
 * the data each campaign is reviewed with when it was imported, pasted or edited in the app
 * (`data/<campaign file>.json`, and the imported profiles), so a reload or a crash loses none of it.
 */
import { z } from 'zod';
import { campaignFileSchema, jsonRecord, sendDataSchema } from '../schemas';
import { dataEditsSchema } from '../../data/edits';
import { dataHeadSchema, dataPartSchema, MAX_PARTS } from '../../data/parts';

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

/** Where the data kept for campaigns lives (one file per campaign file, plus `profiles.json`). */
export const KEPT_DATA_DIR = '.preflight/data';

/** The data a campaign is reviewed with in the app, and where it came from ("pasted text", a file; absent: edited here). */
export const keptDataSchema = z.strictObject({
  source: z.string().max(300).optional(),
  data: sendDataSchema,
});
export type KeptData = z.infer<typeof keptDataSchema>;

/** Imported profiles (preview only) and the file they came from. */
export const keptProfilesSchema = z.strictObject({
  source: z.string().max(300).optional(),
  profiles: z.record(z.string(), jsonRecord),
});
export type KeptProfiles = z.infer<typeof keptProfilesSchema>;

/** A data set the host holds, as `send.prepare` names it (host/held-data.ts): `<set>.<edit count>`. */
export const dataRevisionSchema = z.string().regex(/^\d{1,15}\.\d{1,15}$/, 'a data revision');

export const dataChannels = {
  /**
   * The host holds this data set (once per import, paste, undo or load) and names it by revision;
   * sends name it by that revision instead of carrying it (host/held-data.ts). Over the host's limit:
   * the typed error `too-large`.
   */
  'data.set': { args: z.strictObject({ data: sendDataSchema }), result: z.object({ dataRevision: z.string() }) },
  /**
   * Edits the held data set at this revision (shared/data/edits.ts, all or none) and names the next
   * revision. A revision that is not the newest held gets the typed error `stale-data`: post the set again.
   */
  /**
   * A data set too big for one message, in parts (shared/data/parts.ts; a million users cross in
   * ~100 short requests instead of one that holds the window for seconds). The first part carries
   * the head and gets an `upload` id; each next part names it and its index; the last one's answer
   * names the held set's revision, as `data.set` does. A part out of order or of the wrong shape,
   * or an upload the host no longer holds, is refused and the set must be posted again.
   */
  'data.part': {
    args: z.strictObject({
      upload: z
        .string()
        .regex(/^[0-9a-f]{32}$/, 'an upload id')
        .optional(),
      index: z.number().int().min(0).max(MAX_PARTS),
      head: dataHeadSchema.optional(),
      part: dataPartSchema,
    }),
    result: z.object({ upload: z.string(), dataRevision: z.string().optional() }),
  },
  'data.edit': { args: z.strictObject({ dataRevision: dataRevisionSchema, edits: dataEditsSchema }), result: z.object({ dataRevision: z.string() }) },
  /** Everything kept: data per campaign file, imported profiles; `error` names files that could not be read (they are left alone). */
  'data.kept': {
    args: z.strictObject({}),
    result: z.object({ campaigns: z.record(z.string(), keptDataSchema), profiles: keptProfilesSchema.optional(), error: z.string().optional() }),
  },
  /**
   * Keeps (or, with null, forgets: back to the saved request) the data of one campaign file: the
   * data set the host holds at `dataRevision` (the app's way: an edit crosses as an edit), or the data itself.
   */
  'data.keep': {
    args: z.strictObject({ campaign: campaignFileSchema, kept: z.union([z.strictObject({ source: z.string().max(300).optional(), dataRevision: dataRevisionSchema }), keptDataSchema]).nullable() }),
    result: z.object({ path: z.string() }),
  },
  /** Keeps (or, with null, forgets) the imported profiles. */
  'data.keepProfiles': {
    args: z.strictObject({ kept: keptProfilesSchema.nullable() }),
    result: z.object({ path: z.string() }),
  },
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
