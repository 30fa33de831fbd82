/**
 * Handlers for the data panel's workspace state: the column mapping remembered per imported file,
 * in `.preflight/mappings.json`. Written atomically (host/atomic-write.ts) and only ever at that one
 * path inside the current workspace folder (host/workspace-paths.ts).
 */
import { readFile } from 'node:fs/promises';
import type { Handlers } from './ipc/dispatch';
import type { WorkspaceRef } from './workspace-service';
import { MAPPINGS_FILE, columnMappingSchema } from '../shared/ipc/channels/data';
import type { ColumnMapping } from '../shared/targets/types';
import { writeFileAtomically } from './atomic-write';
import { resolveInWorkspace } from './workspace-paths';

/** The mappings file's real path, through the workspace's one path guard (links to outside refused). */
export function mappingsPath(dir: string): Promise<string> {
  return resolveInWorkspace(dir, MAPPINGS_FILE);
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
    if (parsed.success && name !== '__proto__') mappings[name] = parsed.data;
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
        // Keyed by file names the renderer sends: no prototype, so a name like `__proto__` stays a key.
        const files: Record<string, ColumnMapping> = Object.create(null);
        for (const k of Object.keys(mappings).sort()) if (k !== source && hasOwn.call(mappings, k)) files[k] = mappings[k]!;
        if (mapping) files[source] = mapping;
        await writeFileAtomically(await mappingsPath(ref.dir), JSON.stringify({ version: 1, files }, null, 2) + '\n');
        return { path: MAPPINGS_FILE };
      });
      queue = job.catch(() => undefined);
      return job;
    },
  };
}
