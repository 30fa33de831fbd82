/**
 * Paces the parts of a big data set from the import worker to the UI (import-worker.ts): at most
 * `inFlight` parts the UI has not asked for yet are out; what comes after them, parts or replies,
 * waits in order. Posted all at once, the parts arrived as a run of tasks that kept the window from
 * drawing for 100–300 ms at a million users (scripts/bench-frames.mjs).
 */
import type { ImportReply } from './import-protocol';

export function createPartPacer(send: (m: ImportReply) => void, inFlight = 2) {
  const held: ImportReply[] = [];
  let unasked = 0;
  const flush = () => {
    while (held.length && unasked < inFlight) {
      const m = held.shift()!;
      send(m);
      if (m.type === 'built-part') unasked++;
    }
  };
  return {
    /** Sends `m` now, or after the parts ahead of it have been asked for. */
    post(m: ImportReply): void {
      held.push(m);
      flush();
    },
    /** The UI asked for the next part (it joined one). */
    asked(): void {
      unasked = Math.max(0, unasked - 1);
      flush();
    },
  };
}
