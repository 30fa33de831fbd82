/**
 * Handlers for the data panel's workspace state: the column mapping remembered per imported file,
 * in `.preflight/mappings.json`. Written atomically (write-file-atomic) and only ever at that one
 * path inside the current workspace folder.
 */
import { lstat, mkdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Handlers } from './ipc/dispatch';
import type { WorkspaceRef } from './workspace-service';
import { MAPPINGS_FILE, columnMappingSchema } from '../shared/ipc/channels/data';
import type { ColumnMapping } from '../shared/targets/types';

// write-file-atomic hashes CommonJS `__filename` into its temp names; the ESM host bundle has none.
(globalThis as { __filename?: string }).__filename ??= 'preflight-host/data-service';

/**
 * The absolute path of a file under the workspace's `.preflight/` folder (`rel` from the workspace
 * root, e.g. `.preflight/mappings.json`), refusing any folder on the way or the file itself that
 * is a link (it could point outside the workspace) and a path that resolves outside the folder.
 */
export async function preflightPath(dir: string, rel: string): Promise<string> {
  if (!rel.startsWith('.preflight/') || rel.split('/').some((p) => p === '..' || p === '.' || p === '')) throw new Error(`${rel} is not a file Preflight keeps`);
  const root = await realpath(resolve(dir));
  const full = resolve(join(root, rel));
  if (!full.startsWith(root + sep)) throw new Error(`${rel} is outside the workspace`);
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const p = join(root, ...parts.slice(0, i));
    try {
      if ((await lstat(p)).isSymbolicLink()) throw new Error(`${parts.slice(0, i).join('/')} is a link; Preflight only writes real files inside the workspace`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return full;
}

/** The mappings file's absolute path (see preflightPath). */
export function mappingsPath(dir: string): Promise<string> {
  return preflightPath(dir, MAPPINGS_FILE);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Reads the remembered mappings; a missing file is none, an unreadable one is none plus the reason. */
async function readMappings(dir: string): Promise<{ mappings: Record<string, ColumnMapping>; error?: string }> {
  let text: string;
  try {
    text = await readFile(await mappingsPath(dir), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { mappings: {} };
    return { mappings: {}, error: `${MAPPINGS_FILE}: ${(e as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { mappings: {}, error: `${MAPPINGS_FILE} is not valid JSON (${(e as Error).message}); remembered mappings were not used` };
  }
  const mappings: Record<string, ColumnMapping> = Object.create(null);
  const files = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { files?: unknown }).files : undefined;
  if (!files || typeof files !== 'object') return { mappings: {} };
  const skipped: string[] = [];
  for (const [name, m] of Object.entries(files as Record<string, unknown>)) {
    const parsed = columnMappingSchema.safeParse(m);
    if (parsed.success && name !== '__proto__') mappings[name] = parsed.data as ColumnMapping;
    else skipped.push(name);
  }
  return { mappings: { ...mappings }, ...(skipped.length ? { error: `${MAPPINGS_FILE}: the mapping for ${skipped.join(', ')} is not valid and was ignored` } : {}) };
}

export function dataHandlers(ref: WorkspaceRef): Pick<Handlers, 'data.mappings' | 'data.saveMapping'> {
  // Saves are serialised so two quick mapping changes never lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    'data.mappings': async () => ({ path: MAPPINGS_FILE, ...(await readMappings(ref.dir)) }),
    'data.saveMapping': ({ source, mapping }) => {
      const job = queue.then(async () => {
        const { mappings } = await readMappings(ref.dir);
        const files: Record<string, ColumnMapping> = {};
        for (const k of Object.keys(mappings).sort()) if (k !== source && hasOwn.call(mappings, k)) files[k] = mappings[k] as ColumnMapping;
        if (mapping) files[source] = mapping as ColumnMapping;
        const full = await mappingsPath(ref.dir);
        await mkdir(dirname(full), { recursive: true });
        await writeFileAtomic(full, JSON.stringify({ version: 1, files }, null, 2) + '\n', { encoding: 'utf8' });
        return { path: MAPPINGS_FILE };
      });
      queue = job.catch(() => undefined);
      return job;
    },
  };
}
