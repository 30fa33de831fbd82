/**
 * Small JSON files in the data folder (window state, recent workspaces): read leniently (a missing
 * or broken file reads as undefined, never a crash at start-up), written atomically through the
 * main side's one atomic-write module and private to the user (0600).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomicallySync } from '../host/atomic-write';

export function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeJson(file: string, value: unknown): void {
  writeFileAtomicallySync(file, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, dirMode: 0o700 });
}
