/** Reads a --targets file with the app's own import dispatcher (shared/targets/import.ts). */
import { readFileSync } from 'node:fs';
import { importFile, type ImportedFile } from '../../shared/targets/import-file';
import { InputError } from './errors';

export function readTargetsFile(file: string, targetBy: string, idColumn?: string): ImportedFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return importFile(bytes, { file, targetBy, ...(idColumn !== undefined ? { idColumn } : {}) });
}
