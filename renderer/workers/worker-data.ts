/**
 * The render worker's copy of the data set and profiles (issue 13: data crosses each boundary
 * once). The UI posts the set whole once per import, paste, undo or load, and after that the edits
 * the data store made (shared/data/edits.ts, the same function the host applies); a keystroke in
 * the campaign editor posts the campaign only. Profiles are posted when they change.
 */
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { applyEdits, type DataEdit } from '../../shared/data/edits';
import { createJoin, type DataHead, type DataPart } from '../../shared/data/parts';

export function createWorkerData() {
  let data: SendData | undefined;
  let profiles: Profiles = {};
  /** A data set arriving in parts (shared/data/parts.ts), held once its load says so. */
  let join: ReturnType<typeof createJoin> | undefined;
  return {
    set(d: SendData): void {
      data = d;
    },
    /** Starts a data set that arrives in parts; an unfinished earlier one is dropped. */
    head(h: DataHead): void {
      join = createJoin(h);
    },
    part(p: DataPart): void {
      if (!join) throw new Error('the render worker got a part of a data set without its head');
      join.add(p);
    },
    /** Holds the data set whose parts arrived (the load that follows them). */
    setJoined(): void {
      if (!join) throw new Error('the render worker got a load naming a data set in parts it does not have');
      const j = join;
      join = undefined;
      data = j.done();
    },
    /** Applies edits to the held set (all or none); throws with the edit's place when one does not fit. */
    edit(edits: readonly DataEdit[]): void {
      if (!data) throw new Error('the render worker holds no data set to edit');
      const r = applyEdits(data, edits);
      if (!r.ok) throw new Error(`the data edit cannot be applied: ${r.error.message} (${r.error.path})`);
      data = r.data;
    },
    setProfiles(p: Profiles): void {
      profiles = p;
    },
    /** The data set as edited; throws when none was posted (the UI posts one before its first load). */
    data(): SendData {
      if (!data) throw new Error('the render worker holds no data set');
      return data;
    },
    profiles(): Profiles {
      return profiles;
    },
  };
}
