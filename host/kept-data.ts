/**
 * The data each campaign is reviewed with in the app (imported, pasted or edited there), kept in
 * the workspace's `.preflight/data/` folder so a reload or a crash loses none of it: one file per
 * campaign file (`promo-journey.yaml.json`) and `profiles.json` for imported profiles. Written
 * atomically, serialised, only ever inside the workspace (host/workspace-paths.ts, the one path guard).
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import type { Handlers } from './ipc/dispatch';
import type { WorkspaceRef } from './workspace-service';
import { writeFileAtomically } from './atomic-write';
import { resolveInWorkspace } from './workspace-paths';
import { KEPT_DATA_DIR, keptDataSchema, keptProfilesSchema, type KeptData, type KeptProfiles } from '../shared/ipc/channels/data';
import { campaignFileSchema } from '../shared/ipc/schemas';
import type { HeldData } from './held-data';

const PROFILES_FILE = `${KEPT_DATA_DIR}/profiles.json`;

/** The kept file of a campaign file: its name with `.json` added (two extensions, so never `profiles.json`). */
export function keptFileOf(campaign: string): string {
  return `${KEPT_DATA_DIR}/${campaign.slice(campaign.lastIndexOf('/') + 1)}.json`;
}

async function write(dir: string, rel: string, value: unknown | null): Promise<string> {
  const full = await resolveInWorkspace(dir, rel);
  if (value === null) await rm(full, { force: true });
  // Compact: a kept import can hold 100,000 users.
  else await writeFileAtomically(full, JSON.stringify(value) + '\n');
  return rel;
}

/** Reads everything kept; a file that is not valid is skipped and named in `error` (never deleted). */
async function readKept(dir: string): Promise<{ campaigns: Record<string, KeptData>; profiles?: KeptProfiles; error?: string }> {
  const campaigns: Record<string, KeptData> = {};
  const bad: string[] = [];
  let names: string[];
  try {
    names = await readdir(await resolveInWorkspace(dir, KEPT_DATA_DIR));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { campaigns };
    return { campaigns, error: `${KEPT_DATA_DIR}: ${(e as Error).message}` };
  }
  let profiles: KeptProfiles | undefined;
  for (const name of names.sort()) {
    if (!name.endsWith('.json')) continue;
    const rel = `${KEPT_DATA_DIR}/${name}`;
    try {
      const raw: unknown = JSON.parse(await readFile(await resolveInWorkspace(dir, rel), 'utf8'));
      if (!raw || typeof raw !== 'object' || (raw as { version?: unknown }).version !== 1) {
        bad.push(rel);
        continue;
      }
      const { version: _version, campaign: file, ...rest } = raw as Record<string, unknown>;
      if (rel === PROFILES_FILE) {
        const p = keptProfilesSchema.safeParse(rest);
        if (p.success && file === undefined) profiles = p.data;
        else bad.push(rel);
        continue;
      }
      const campaign = campaignFileSchema.safeParse(file);
      const kept = keptDataSchema.safeParse(rest);
      if (campaign.success && kept.success && keptFileOf(campaign.data) === rel) campaigns[campaign.data] = kept.data;
      else bad.push(rel);
    } catch {
      bad.push(rel);
    }
  }
  return { campaigns, ...(profiles ? { profiles } : {}), ...(bad.length ? { error: `${bad.join(', ')} could not be read and ${bad.length === 1 ? 'was' : 'were'} left alone` } : {}) };
}

/** `held`: the data sets a keep names by revision (host/held-data.ts). */
function heldOf(held: HeldData | undefined): HeldData {
  if (!held) throw new Error('this host holds no data sets: give the data itself');
  return held;
}

export function keptDataHandlers(ref: WorkspaceRef, held?: HeldData): Pick<Handlers, 'data.kept' | 'data.keep' | 'data.keepProfiles'> {
  // Saves are serialised: a quick sequence of changes lands in order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    'data.kept': () => readKept(ref.dir),
    'data.keep': ({ campaign, kept }) => {
      // Resolved now, not when the queue reaches it: a later edit makes this revision stale.
      const value: KeptData | null = kept && ('dataRevision' in kept ? { ...(kept.source !== undefined ? { source: kept.source } : {}), data: heldOf(held).get(kept.dataRevision) } : kept);
      return serial(async () => ({ path: await write(ref.dir, keptFileOf(campaign), value && { version: 1, campaign, ...value }) }));
    },
    'data.keepProfiles': ({ kept }) => serial(async () => ({ path: await write(ref.dir, PROFILES_FILE, kept && { version: 1, ...kept }) })),
  };
}
