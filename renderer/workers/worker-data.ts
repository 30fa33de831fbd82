/**
 * The render worker's copy of the data set and profiles (issue 13: data crosses each boundary
 * once). The UI posts the set whole once per import, paste, undo or load, and after that the edits
 * the data store made (shared/data/edits.ts, the same function the host applies); a keystroke in
 * the campaign editor posts the campaign only. Profiles are posted when they change.
 */
import type { Profiles, SendData } from '../../shared/campaign/send-data';
import { applyEdits, type DataEdit } from '../../shared/data/edits';

export function createWorkerData() {
  let data: SendData | undefined;
  let profiles: Profiles = {};
  return {
    set(d: SendData): void {
      data = d;
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
