/**
 * Reading and writing the workspace files the app edits (campaigns, reviews, reports, settings).
 * Every path goes through the one path guard (host/workspace-paths.ts: real paths, after links) and
 * every write through the one atomic-write module, so a crash never leaves half a campaign file; a
 * write can be made conditional on the text the editor loaded (external changes).
 */
import { readFile } from 'node:fs/promises';
import { WRITABLE_WORKSPACE_FILE } from '../shared/ipc/channels/workspace';
import { writeFileAtomically } from './atomic-write';
import { WorkspacePathError, resolveInWorkspace } from './workspace-paths';

/** The real absolute path of a workspace-relative file the renderer may touch, refusing anything else. */
export async function workspaceFile(dir: string, rel: string): Promise<string> {
  if (!WRITABLE_WORKSPACE_FILE.test(rel)) throw new WorkspacePathError(rel, `${rel} is not a workspace file the app may touch`);
  return resolveInWorkspace(dir, rel);
}

async function readOrNull(full: string): Promise<string | null> {
  try {
    return await readFile(full, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** The file's text, or null when it does not exist. */
export async function readWorkspaceText(dir: string, rel: string): Promise<string | null> {
  return readOrNull(await workspaceFile(dir, rel));
}

/**
 * Writes atomically. With `expected` (the text last loaded; null = must not exist), a file that
 * changed on disk is left alone and its current text returned. Resolves to the real path written.
 */
export async function writeWorkspaceText(dir: string, rel: string, text: string, expected?: string | null): Promise<{ written: boolean; current?: string | null; absolutePath: string }> {
  const full = await workspaceFile(dir, rel);
  if (expected !== undefined) {
    const current = await readOrNull(full);
    if (current !== expected) return { written: false, current, absolutePath: full };
  }
  await writeFileAtomically(full, text);
  return { written: true, absolutePath: full };
}
