/**
 * Reads a workspace folder (PRODUCT.md §2) into a snapshot of its text files. Parsing happens in
 * shared/ so the renderer, the CLI and the send path interpret the files the same way.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { WorkspaceSnapshot } from '../shared/ipc/contract';
import type { Diagnostic } from '../shared/diagnostics';

const FOLDERS = {
  campaigns: ['.yaml', '.yml', '.json'],
  requests: ['.json'],
  targets: ['.csv', '.tsv', '.txt', '.json'],
  profiles: ['.csv', '.tsv', '.json'],
} as const;

/** Files larger than this are listed with an error instead of being read into the snapshot. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

async function readFolder(dir: string, folder: keyof typeof FOLDERS, diagnostics: Diagnostic[]) {
  const out: { path: string; text: string }[] = [];
  let names: string[];
  try {
    names = (await readdir(join(dir, folder))).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (!FOLDERS[folder].some((ext) => name.toLowerCase().endsWith(ext))) continue;
    const full = join(dir, folder, name);
    const path = `${folder}/${name}`;
    try {
      const s = await stat(full);
      if (!s.isFile()) continue;
      if (s.size > MAX_FILE_BYTES) {
        diagnostics.push({ code: 'file-too-large', severity: 'error', file: path, message: `${path} is ${s.size} bytes; files over ${MAX_FILE_BYTES} bytes are not loaded` });
        continue;
      }
      out.push({ path, text: await readFile(full, 'utf8') });
    } catch (e) {
      diagnostics.push({ code: 'file-unreadable', severity: 'error', file: path, message: `${path} could not be read: ${(e as Error).message}` });
    }
  }
  return out;
}

/** Reads the files of one workspace folder (the send check reads `profiles/` alone). */
export async function readWorkspaceFolder(dirIn: string, folder: keyof typeof FOLDERS): Promise<{ files: { path: string; text: string }[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files = await readFolder(resolve(dirIn), folder, diagnostics);
  return { files, diagnostics };
}

/** Reads every workspace file; a missing folder is an error diagnostic, never an exception. */
export async function readWorkspace(dirIn: string): Promise<WorkspaceSnapshot> {
  const dir = resolve(dirIn);
  const diagnostics: Diagnostic[] = [];
  try {
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch (e) {
    diagnostics.push({ code: 'workspace-missing', severity: 'error', file: dir, message: `workspace folder ${dir} cannot be opened: ${(e as Error).message}` });
    return { dir, name: basename(dir), campaigns: [], requests: [], targets: [], profiles: [], diagnostics };
  }
  const [campaigns, requests, targets, profiles] = await Promise.all([
    readFolder(dir, 'campaigns', diagnostics),
    readFolder(dir, 'requests', diagnostics),
    readFolder(dir, 'targets', diagnostics),
    readFolder(dir, 'profiles', diagnostics),
  ]);
  return { dir, name: basename(dir), campaigns, requests, targets, profiles, diagnostics };
}
