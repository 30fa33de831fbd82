/**
 * The person's preferences in `<data>/preferences.json` (the reviewer name), written atomically.
 * A missing or unreadable file is no preferences: they are a convenience, never a reason to fail.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-write';
import type { Handlers } from './ipc/dispatch';
import { preferencesSchema, type Preferences } from '../shared/ipc/channels/preferences';

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
        await writeFileAtomically(file, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
        return next;
      });
      queue = job.catch(() => undefined);
      return job;
    },
  };
}
