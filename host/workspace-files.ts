/**
 * Reading and writing the workspace files the app edits (campaigns, reviews, reports, settings).
 * Writes are atomic (write-file-atomic: temp file, fsync, rename), so a crash never leaves half a
 * campaign file; a write can be made conditional on the text the editor loaded (external changes).
 */
import { readFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { WRITABLE_WORKSPACE_FILE } from '../shared/ipc/channels/workspace';

/** The absolute path of a workspace-relative file, refusing anything outside the allowed set. */
export function workspaceFile(dir: string, rel: string): string {
  if (!WRITABLE_WORKSPACE_FILE.test(rel) || rel.split('/').some((p) => p === '..' || p === '.')) throw new Error(`${rel} is not a workspace file the app may touch`);
  const root = resolve(dir);
  const full = resolve(join(root, rel));
  if (!full.startsWith(root + sep)) throw new Error(`${rel} is outside the workspace`);
  return full;
}

/** The file's text, or null when it does not exist. */
export async function readWorkspaceText(dir: string, rel: string): Promise<string | null> {
  try {
    return await readFile(workspaceFile(dir, rel), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Writes atomically. With `expected` (the text last loaded; null = must not exist), a file that
 * changed on disk is left alone and its current text returned.
 */
export async function writeWorkspaceText(dir: string, rel: string, text: string, expected?: string | null): Promise<{ written: boolean; current?: string | null }> {
  const full = workspaceFile(dir, rel);
  if (expected !== undefined) {
    const current = await readWorkspaceText(dir, rel);
    if (current !== expected) return { written: false, current };
  }
  await mkdir(dirname(full), { recursive: true });
  await writeFileAtomic(full, text, { encoding: 'utf8' });
  return { written: true };
}
