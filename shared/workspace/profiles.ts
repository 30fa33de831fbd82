/**
 * Profile files for preview: CSV/TSV with the id in the first column (or a `user_id`/`id` column),
 * or JSON `{id: {attr: value}}`. Profiles are kept apart from passed values.
 */
import Papa from 'papaparse';
import type { Diagnostic } from '../diagnostics';
import type { Profiles } from '../campaign/send-data';

/** Parses one profiles file into attributes per id. */
export function parseProfilesFile(file: string, text: string): { profiles: Profiles; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const profiles: Profiles = {};
  if (/\.json$/i.test(file)) {
    try {
      const v = JSON.parse(text) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [id, attrs] of Object.entries(v)) if (attrs && typeof attrs === 'object') profiles[id] = attrs as Record<string, unknown>;
      } else diagnostics.push({ code: 'profiles-shape', severity: 'error', file, message: `${file} must be an object {id: {attribute: value}}` });
    } catch (e) {
      diagnostics.push({ code: 'profiles-syntax', severity: 'error', file, message: `${file} is not valid JSON: ${(e as Error).message}` });
    }
    return { profiles, diagnostics };
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header) return { profiles, diagnostics };
  const idIdx = Math.max(0, header.findIndex((h) => h === 'user_id' || h === 'id'));
  rows.forEach((row, i) => {
    const id = row[idIdx];
    if (!id) {
      diagnostics.push({ code: 'empty-id', severity: 'warning', file, row: i + 2, message: `${file} row ${i + 2} has no id; the row is ignored` });
      return;
    }
    const attrs: Record<string, unknown> = {};
    header.forEach((h, j) => {
      if (j !== idIdx && row[j] !== undefined && row[j] !== '') attrs[h] = row[j];
    });
    profiles[id] = attrs;
  });
  return { profiles, diagnostics };
}
