/**
 * The data sets the host holds for the renderer (issue 13: data crosses each boundary once). The
 * host sends, so it owns what is sent: the renderer posts a data set once (`data.set`, per import,
 * paste, undo or load) and then only edits (`data.edit`, shared/data/edits.ts), and `send.prepare`
 * names the data by its revision. A revision is `<set>.<n>`: each edit makes the next one, and only
 * a set's newest revision is held, so a prepare naming an older one (or a set dropped for room, or
 * a host restarted since) gets the typed `stale-data` error, which the renderer answers by posting
 * the set again. The host holds a few sets at most, and at most `HELD_TARGETS` targets over all of
 * them; one set over that gets the typed `too-large` error.
 */
import { randomBytes } from 'node:crypto';
import type { SendData } from '../shared/campaign/send-data';
import { applyEdits, type DataEdit } from '../shared/data/edits';
import { createJoin, PartError, type DataHead, type DataPart } from '../shared/data/parts';
import { HandlerError, type Handlers } from './ipc/dispatch';

/** The most targets held over all sets (two million users: a big import and its predecessor). */
export const HELD_TARGETS = 2_000_000;
/** The most sets held at once (one per campaign being reviewed or sent in each window, roughly). */
export const HELD_SETS = 8;
/** The most data sets arriving in parts at once (`data.part`); the oldest is dropped for a new one. */
export const HELD_UPLOADS = 4;

interface Held {
  set: number;
  n: number;
  data: SendData;
}

export class HeldData {
  private readonly sets = new Map<number, Held>();
  private nextSet = 1;
  /** Data sets arriving in parts, by upload id, oldest first. */
  private readonly uploads = new Map<string, ReturnType<typeof createJoin>>();

  constructor(private readonly limits: { targets: number; sets: number } = { targets: HELD_TARGETS, sets: HELD_SETS }) {}

  /** Holds a new data set and returns its first revision; the oldest sets are dropped to make room. */
  set(data: SendData): string {
    const size = data.target.length;
    if (size > this.limits.targets) throw new HandlerError('too-large', `the data set has ${size.toLocaleString('en')} targets; the app holds at most ${this.limits.targets.toLocaleString('en')} for a send`);
    const held: Held = { set: this.nextSet++, n: 0, data };
    this.sets.set(held.set, held);
    this.makeRoom(held.set);
    return revisionOf(held);
  }

  /**
   * Takes one part of a data set (shared/data/parts.ts): the first (index 0, with the head) opens an
   * upload; each next one must name it and come in order. The last one holds the joined set like
   * `set` and returns its revision. Any refused part ends its upload: the set is posted again.
   */
  part(args: { upload?: string | undefined; index: number; head?: DataHead | undefined; part: DataPart }): { upload: string; dataRevision?: string } {
    const { index } = args;
    let upload = args.upload;
    if (index === 0) {
      if (!args.head || upload !== undefined)
        throw new HandlerError('invalid-arguments', 'the first part of a data set carries its head and no upload id', [{ path: args.head ? 'upload' : 'head', message: args.head ? 'the first part opens an upload; it names none' : 'the first part carries the head' }]);
      upload = randomBytes(16).toString('hex');
      this.uploads.set(upload, createJoin(args.head, this.limits.targets));
      for (const old of this.uploads.keys()) if (this.uploads.size > HELD_UPLOADS && old !== upload) this.uploads.delete(old);
    } else if (args.head || upload === undefined) {
      throw new HandlerError('invalid-arguments', `part ${index + 1} of a data set names its upload and carries no head`, [{ path: args.head ? 'head' : 'upload', message: args.head ? 'only the first part carries the head' : 'required after the first part' }]);
    }
    const join = this.uploads.get(upload);
    if (!join) throw new HandlerError('stale-data', 'this data set upload is not held here any more: post the data set again');
    try {
      if (join.received !== index) throw new PartError(index, `part ${join.received + 1} comes next`);
      join.add(args.part);
      if (join.received < join.expected) return { upload };
      this.uploads.delete(upload);
      return { upload, dataRevision: this.set(join.done()) };
    } catch (e) {
      this.uploads.delete(upload);
      if (e instanceof PartError) throw new HandlerError(e.tooLarge ? 'too-large' : 'invalid-arguments', `the data set cannot be joined: ${e.message}`, [{ path: 'part', message: e.message }]);
      throw e;
    }
  }

  /** Applies edits to the set at this revision (all or none) and returns the next revision. */
  edit(revision: string, edits: readonly DataEdit[]): string {
    const held = this.held(revision);
    const r = applyEdits(held.data, edits);
    if (!r.ok) throw new HandlerError('invalid-arguments', `the edit cannot be applied: ${r.error.message}`, [{ path: r.error.path, message: r.error.message }]);
    held.data = r.data;
    held.n++;
    // Most recently used last, so room is made by dropping the sets nobody touched for longest.
    this.sets.delete(held.set);
    this.sets.set(held.set, held);
    this.makeRoom(held.set);
    return revisionOf(held);
  }

  /** The data at this revision, or the typed `stale-data` error when it is not held (any more). */
  get(revision: string): SendData {
    return this.held(revision).data;
  }

  private held(revision: string): Held {
    const m = /^(\d{1,15})\.(\d{1,15})$/.exec(revision);
    const held = m ? this.sets.get(Number(m[1])) : undefined;
    if (!held || held.n !== Number(m![2])) throw new HandlerError('stale-data', `the data of revision ${JSON.stringify(revision.slice(0, 40))} is not held here any more: post the data set again`);
    return held;
  }

  private makeRoom(keep: number) {
    let total = 0;
    for (const h of this.sets.values()) total += h.data.target.length;
    for (const h of this.sets.values()) {
      if (total <= this.limits.targets && this.sets.size <= this.limits.sets) break;
      if (h.set === keep) continue;
      this.sets.delete(h.set);
      total -= h.data.target.length;
    }
  }
}

function revisionOf(h: Held): string {
  return `${h.set}.${h.n}`;
}

/** The `data.set`, `data.part` and `data.edit` handlers over one host's held data. */
export function heldDataHandlers(held: HeldData): Pick<Handlers, 'data.set' | 'data.part' | 'data.edit'> {
  return {
    'data.set': async ({ data }) => ({ dataRevision: held.set(data) }),
    'data.part': async (args) => held.part(args),
    'data.edit': async ({ dataRevision, edits }) => ({ dataRevision: held.edit(dataRevision, edits) }),
  };
}
