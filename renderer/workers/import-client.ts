/**
 * The UI side of an import job: one dedicated worker per import, typed requests matched by sequence
 * number, progress to a callback, and cancel by terminating the worker (parsing is synchronous in
 * the worker, so a cancel message could not interrupt it; terminating can).
 */
import type { ColumnMapping } from '../../shared/targets/types';
import { createJoin } from '../../shared/data/parts';
import { rememberUsersWithValuesCount } from '../../shared/campaign/per-user';
import type { BuiltData, ImportInput, ImportReply, ImportRequest, NextPart, ParsedImport, ParsedProfilesResult } from './import-protocol';
import { nextTask } from '../lib/next-task';

type Progress = Extract<ImportReply, { type: 'progress' }>;
/** Distributes `Omit` over a union, so each request keeps its own fields. */
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** Thrown to callers of a job that was cancelled or disposed. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled.');
  }
}

/**
 * Joins the built data sets that cross in parts (shared/data/parts.ts): takes each reply of the
 * import worker and returns it once complete (its targets and per-user values joined from the parts
 * before it), or undefined for a head or a part (each joined as it arrives, one short task each).
 */
export function createReplyJoin(): (m: ImportReply) => ImportReply | undefined {
  const joins = new Map<number, ReturnType<typeof createJoin>>();
  return (m) => {
    if (m.type === 'built-head') return void joins.set(m.seq, createJoin(m.head));
    if (m.type === 'built-part') {
      const j = joins.get(m.seq);
      if (!j) throw new Error('the import worker sent a part of a data set without its head');
      return void j.add(m.part);
    }
    if (m.type === 'progress') return m;
    const join = joins.get(m.seq);
    joins.delete(m.seq);
    if (m.type === 'failed') return m;
    const built = m.type === 'parsed' ? m.result.built : m.type === 'built' ? m.built : undefined;
    const inParts = m.type === 'parsed' ? m.result.inParts : m.type === 'built' ? m.inParts : undefined;
    if (!join && !inParts) return m;
    if (!join || !built || !inParts) throw new Error('the import worker sent a reply and the parts of its data set that do not match');
    const data = join.done();
    built.target = data.target;
    built.target_with_params = data.target_with_params;
    rememberUsersWithValuesCount(data.target_with_params, inParts.usersWithValues);
    return m;
  };
}

export class ImportJob {
  private readonly worker: Worker;
  private seq = 0;
  private readonly pending = new Map<number, { ok(r: ImportReply): void; fail(e: Error): void; progress?: (p: Progress) => void }>();
  private readonly join = createReplyJoin();
  private disposed = false;

  constructor() {
    this.worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module', name: 'import-worker' });
    this.worker.onmessage = (e: MessageEvent<ImportReply>) => {
      // Asks for the next part once this one is joined and the window could draw (import-worker.ts holds it till then).
      if (e.data.type === 'built-part') void nextTask().then(() => this.disposed || this.worker.postMessage({ type: 'next-part' } satisfies NextPart));
      const p = this.pending.get(e.data.seq);
      if (!p) return;
      let m: ImportReply | undefined;
      try {
        m = this.join(e.data);
      } catch (err) {
        this.pending.delete(e.data.seq);
        return p.fail(err as Error);
      }
      if (!m) return;
      if (m.type === 'progress') return p.progress?.(m);
      this.pending.delete(m.seq);
      if (m.type === 'failed') p.fail(new Error(m.message));
      else p.ok(m);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      const err = new Error(e.message || 'The import worker failed.');
      for (const p of this.pending.values()) p.fail(err);
      this.pending.clear();
    };
  }

  private request(msg: WithoutSeq<ImportRequest>, transfer: Transferable[] = [], progress?: (p: Progress) => void): Promise<ImportReply> {
    if (this.disposed) return Promise.reject(new ImportCancelled());
    const seq = ++this.seq;
    return new Promise((ok, fail) => {
      this.pending.set(seq, { ok, fail, ...(progress ? { progress } : {}) });
      this.worker.postMessage({ ...msg, seq } as ImportRequest, transfer);
    });
  }

  /** Reads targets; the bytes of a file are transferred, not copied. */
  async parse(input: ImportInput, targetBy: string, mapping: ColumnMapping | undefined, progress?: (p: Progress) => void): Promise<ParsedImport> {
    const transfer = 'bytes' in input ? [input.bytes] : [];
    const r = await this.request({ type: 'parse', input, targetBy, ...(mapping ? { mapping } : {}) }, transfer, progress);
    return (r as Extract<ImportReply, { type: 'parsed' }>).result;
  }

  async profiles(input: ImportInput, progress?: (p: Progress) => void): Promise<ParsedProfilesResult> {
    const transfer = 'bytes' in input ? [input.bytes] : [];
    const r = await this.request({ type: 'profiles', input }, transfer, progress);
    return (r as Extract<ImportReply, { type: 'profiles' }>).result;
  }

  /** Reads the last parsed text again, its first line as a header (`header`) or an id (`none`). */
  async reread(header: 'header' | 'none'): Promise<ParsedImport> {
    const r = await this.request({ type: 'reread', header });
    return (r as Extract<ImportReply, { type: 'parsed' }>).result;
  }

  /** Builds the kept table again with another mapping / target_by. */
  async remap(mapping: ColumnMapping, targetBy: string): Promise<BuiltData> {
    const r = await this.request({ type: 'remap', mapping, targetBy });
    return (r as Extract<ImportReply, { type: 'built' }>).built;
  }

  /** The kept table as CSV, exactly as imported. */
  async csv(): Promise<string> {
    const r = await this.request({ type: 'csv' });
    return (r as Extract<ImportReply, { type: 'csv' }>).text;
  }

  /** Stops the worker; anything in flight fails with ImportCancelled. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.worker.terminate();
    for (const p of this.pending.values()) p.fail(new ImportCancelled());
    this.pending.clear();
  }
}
