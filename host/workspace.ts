/**
 * Reads a workspace folder (docs/workspace.md) into a snapshot of its text files. Parsing happens in
 * shared/ so the renderer, the CLI and the send path interpret the files the same way.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { WorkspaceSnapshot } from '../shared/ipc/contract';
import type { Diagnostic } from '../shared/diagnostics';
import { MAX_CAMPAIGN_BYTES } from '../shared/campaign/load';
import { WorkspacePathError, resolveInWorkspace } from './workspace-paths';

const FOLDERS = {
  campaigns: ['.yaml', '.yml', '.json'],
  requests: ['.json'],
  targets: ['.csv', '.tsv', '.txt', '.json'],
  profiles: ['.csv', '.tsv', '.json'],
} as const;

/**
 * Files larger than this are listed with an error instead of being read into the snapshot: campaign
 * files have the campaign loader's own limit (shared/campaign/load.ts), data files a generous one.
 */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const maxBytes = (folder: keyof typeof FOLDERS) => (folder === 'campaigns' ? MAX_CAMPAIGN_BYTES : MAX_FILE_BYTES);

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
    const path = `${folder}/${name}`;
    try {
      // Real paths only: a file (or folder) linked to a place outside the workspace is not read.
      const full = await resolveInWorkspace(dir, path);
      const s = await stat(full);
      if (!s.isFile()) continue;
      if (s.size > maxBytes(folder)) {
        diagnostics.push({ code: 'file-too-large', severity: 'error', file: path, message: `${path} is ${s.size} bytes; ${folder} files over ${maxBytes(folder)} bytes are not loaded` });
        continue;
      }
      out.push({ path, text: await readFile(full, 'utf8') });
    } catch (e) {
      if (e instanceof WorkspacePathError) {
        diagnostics.push({ code: 'file-outside-workspace', severity: 'error', file: path, message: `${e.message}; it was not read` });
        continue;
      }
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
  const [campaigns, requests, targets, profiles] = await Promise.all([readFolder(dir, 'campaigns', diagnostics), readFolder(dir, 'requests', diagnostics), readFolder(dir, 'targets', diagnostics), readFolder(dir, 'profiles', diagnostics)]);
  return { dir, name: basename(dir), campaigns, requests, targets, profiles, diagnostics };
}
