/**
 * One call from a file's bytes to targets: decode, then the one import dispatcher
 * (shared/targets/import.ts) that the app's import worker runs too. Used by the CLI's --targets and
 * the import benchmark.
 */
import type { Diagnostic } from '../diagnostics';
import { decodeText } from './decode';
import { readImport, type ReadImport } from './import';
import type { ColumnMapping } from './types';

export interface ImportedFile extends ReadImport {
  encoding?: string;
}

/** Imports a file's bytes; errors (severity `error`) mean the input is unusable. */
export function importFile(bytes: Uint8Array, opts: { file: string; targetBy: string; idColumn?: string; mapping?: ColumnMapping }): ImportedFile {
  const decoded = decodeText(bytes, { file: opts.file });
  const r = readImport(decoded.text, opts);
  const diagnostics: Diagnostic[] = [...decoded.diagnostics, ...r.diagnostics];
  return { ...r, ...(decoded.encoding ? { encoding: decoded.encoding } : {}), diagnostics };
}
