/**
 * The one way the main side replaces a whole file (workspace files, the data panel's mappings,
 * environments, window state, the recent list, files saved from a dialog): write-file-atomic writes
 * a temporary file beside the target, fsyncs it and renames it over the target, so a crash leaves
 * the old file or the new one, never half of each. Appended logs (journals, sandbox and webhook
 * records) are not whole-file writes and keep their own fsync'd appends.
 *
 * A target that is a symbolic link is followed by write-file-atomic (it writes the link's real
 * file); callers that must stay inside a folder check the real path first (host/workspace-paths.ts).
 */
import { mkdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

// write-file-atomic hashes CommonJS `__filename` into its temp names; an ESM bundle without the
// CommonJS banner (or a test runner's module wrapper) may have none.
(globalThis as { __filename?: string }).__filename ??= 'preflight-host/atomic-write';

export interface AtomicWriteOptions {
  /** File mode, e.g. 0o600 for private data (default: the existing file's mode, else the umask's). */
  mode?: number;
  /** Mode of parent folders created on the way. */
  dirMode?: number;
}

function fileOptions(o: AtomicWriteOptions) {
  return { encoding: 'utf8' as const, fsync: true, ...(o.mode !== undefined ? { mode: o.mode } : {}) };
}

/** Replaces `file` with `data` atomically, creating its folder when missing. */
export async function writeFileAtomically(file: string, data: string | Uint8Array, o: AtomicWriteOptions = {}): Promise<void> {
  await mkdir(dirname(file), { recursive: true, ...(o.dirMode !== undefined ? { mode: o.dirMode } : {}) });
  await writeFileAtomic(file, data, fileOptions(o));
}

/** `writeFileAtomically` for start-up and shutdown paths that cannot wait (window state, recent list). */
export function writeFileAtomicallySync(file: string, data: string | Uint8Array, o: AtomicWriteOptions = {}): void {
  mkdirSync(dirname(file), { recursive: true, ...(o.dirMode !== undefined ? { mode: o.dirMode } : {}) });
  writeFileAtomic.sync(file, data, fileOptions(o));
}
