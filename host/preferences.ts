/**
 * The person's preferences in `<data>/preferences.json` (the reviewer name), written atomically.
 * A missing or unreadable file is no preferences: they are a convenience, never a reason to fail.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Handlers } from './ipc/dispatch';
import { preferencesSchema, type Preferences } from '../shared/ipc/channels/preferences';

// write-file-atomic hashes CommonJS `__filename` into its temp names; the ESM host bundle has none.
(globalThis as { __filename?: string }).__filename ??= 'preflight-host/preferences';

async function read(file: string): Promise<Preferences> {
  try {
    const parsed = preferencesSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function preferencesHandlers(dataDir: string): Pick<Handlers, 'preferences.get' | 'preferences.set'> {
  const file = join(dataDir, 'preferences.json');
  // Writes are serialised: two quick changes never lose one another.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    'preferences.get': () => read(file),
    'preferences.set': (patch) => {
      const job = queue.then(async () => {
        const next: Preferences = { ...(await read(file)) };
        if (patch.reviewer !== undefined) {
          if (patch.reviewer === '') delete next.reviewer;
          else next.reviewer = patch.reviewer;
        }
        await mkdir(dataDir, { recursive: true });
        await writeFileAtomic(file, JSON.stringify(next, null, 2) + '\n', { encoding: 'utf8' });
        return next;
      });
      queue = job.catch(() => undefined);
      return job;
    },
  };
}
