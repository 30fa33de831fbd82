/**
 * The one duplicate-id check. Every path that meets a list of ids asks here — a table import
 * (shared/targets/mapping.ts), an execute body (execute-body.ts), profiles (profiles.ts), the
 * campaign checks of the evaluation pipeline (shared/pipeline/campaign-checks.ts) and the host's
 * check of the send data it receives (shared/send/plan.ts) — and every report carries the one code
 * `duplicate-id`. The first occurrence of an id is the one kept, everywhere.
 */
import type { Diagnostic } from '../diagnostics';
import { IdSet } from './id-set';
import { clip, listWithMore } from './text';

/** The code of every duplicate-id finding. */
export const DUPLICATE_ID = 'duplicate-id';

/**
 * Ids that appear more than once, each with every index it appears at (the kept, first one first),
 * in the order their first repeat is met. Empty when every id is distinct (the usual case costs one
 * pass through a presized hash set).
 */
export function findDuplicates(ids: readonly string[]): Map<string, number[]> {
  const seen = new IdSet(ids.length);
  let repeats: number[] | undefined;
  for (let i = 0; i < ids.length; i++) if (!seen.add(ids[i] as string)) (repeats ??= []).push(i);
  return repeats ? groupRepeats(ids.length, repeats, (i) => ids[i] as string) : new Map();
}

/**
 * Groups repeats found by an IdSet pass (as `buildTargets` does inline): for each repeated id, its
 * first index and then every repeat, in order. `idAt(i)` is the id at index `i` of `length`.
 */
export function groupRepeats(length: number, repeats: readonly number[], idAt: (i: number) => string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of repeats) if (!out.has(idAt(r))) out.set(idAt(r), []);
  let open = out.size;
  // The first occurrence always comes before its repeats: one pass finds every first index.
  for (let i = 0; i < length && open > 0; i++) {
    const list = out.get(idAt(i));
    if (list && list.length === 0) {
      list.push(i);
      open--;
    }
  }
  for (const r of repeats) out.get(idAt(r))?.push(r);
  return out;
}

/** The indexes of every repeat (not the kept first occurrences). */
export function repeatIndexes(duplicates: Map<string, number[]>): Set<number> {
  const out = new Set<number>();
  for (const idxs of duplicates.values()) for (let k = 1; k < idxs.length; k++) out.add(idxs[k] as number);
  return out;
}

/** The ids with every repeat left out (the same array when there is none). */
export function withoutRepeats(ids: readonly string[], duplicates: Map<string, number[]>): string[] {
  if (duplicates.size === 0) return ids as string[];
  const drop = repeatIndexes(duplicates);
  return ids.filter((_, i) => !drop.has(i));
}

/** How a source names the place of occurrence `i`: words for the message, and the diagnostic's location fields. */
export interface DuplicatePlaces {
  label(i: number): string;
  place?(i: number): Partial<Pick<Diagnostic, 'row' | 'line' | 'column' | 'path'>>;
  file?: string;
  /** What the ids are, for the message ("Id", "Profile"). */
  noun?: string;
}

/**
 * One `duplicate-id` warning per repeated id, naming every place it appears, that the first is
 * used, and located at the first ignored place (what the person has to look at).
 */
export function duplicateDiagnostics(duplicates: Map<string, number[]>, where: DuplicatePlaces): (Diagnostic & { indexes: number[] })[] {
  const out: (Diagnostic & { indexes: number[] })[] = [];
  const noun = where.noun ?? 'Id';
  for (const [id, idxs] of duplicates) {
    const labels = idxs.map((i) => where.label(i));
    const ignored = labels.slice(1);
    out.push({
      code: DUPLICATE_ID,
      severity: 'warning',
      message: `${noun} ${clip(id)} appears ${idxs.length} times (${listWithMore(labels, 20)}): ${labels[0]} is used and ${listWithMore(ignored, 20)} ${ignored.length === 1 ? 'is' : 'are'} ignored.`,
      target: id,
      ...where.place?.(idxs[1] as number),
      ...(where.file ? { file: where.file } : {}),
      indexes: idxs,
    });
  }
  return out;
}
