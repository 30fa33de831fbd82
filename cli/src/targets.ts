/** Reads a --targets file with the same parsers and rules as the app's import. */
import { readFileSync } from 'node:fs';
import { importTargetsFile, type ImportedTargets } from '../../shared/targets/import-file';
import { InputError } from './errors';

export function readTargetsFile(file: string, targetBy: string, idColumn?: string): ImportedTargets {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return importTargetsFile(bytes, { file, targetBy, idColumn });
}
